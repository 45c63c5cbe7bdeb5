/**
 * Exposes a browser executor on `window.pythonHarness` for bench/run.ts. `?snapshot=0` boots
 * cold (Pyodide from scratch, then `import sympy` unpacks the zip): the floor the snapshot is measured against.
 */
import { createBrowserExecutor } from '..';

const snapshot = new URLSearchParams(location.search).get('snapshot') !== '0';
const executor = createBrowserExecutor({ snapshot });
const status = document.getElementById('status')!;
executor.onStatus((s) => (status.textContent = s.phase));
(window as unknown as { pythonHarness: typeof executor }).pythonHarness = executor;
