import type { RuntimePhase } from '../../core/exec/runtime';
import { useStudioState } from '../app/StudioContext';
import './python.css';

const PHASE_LABEL: Record<RuntimePhase, string> = {
  loading: 'Python loading',
  ready: 'Python ready',
  running: 'Python running',
  restarting: 'Python restarting',
  crashed: 'Python stopped',
};

/**
 * The sample's interpreter as the runtime manager reports it: loading (with progress), ready,
 * running, the packages in use and their source, and notices (messages from the sandbox that
 * were dropped, restarts). Before the sample has its own, the one booted ahead for it.
 */
export function RuntimeStatus({ sampleId }: { sampleId: string }) {
  const own = useStudioState((s) => s.python.kernels[sampleId]);
  const spare = useStudioState((s) => s.python.spare);
  const status = own ?? spare;
  if (!status) {
    return (
      <div className="python-status" data-testid="python-status" data-phase="idle">
        Python starts in a moment
      </div>
    );
  }
  // An interpreter that has not started booting yet says "loading" with nothing to show: call it idle.
  const phase = status.phase === 'loading' && status.progress === undefined ? 'idle' : status.phase;
  const percent = status.progress !== undefined && status.phase === 'loading' ? Math.round(status.progress * 100) : null;
  return (
    <div className={`python-status python-status--${status.phase}`} data-testid="python-status" data-phase={phase} role="status">
      <span className="python-status__dot" aria-hidden />
      <span>{phase === 'idle' ? 'Python starts in a moment' : PHASE_LABEL[status.phase]}</span>
      {percent !== null && <progress className="python-status__progress" max={100} value={percent} aria-label="Python loading progress" />}
      {status.detail && <span className="python-status__detail">{status.detail}</span>}
      {status.version && <span className="python-status__version">Pyodide {status.version}</span>}
      {status.packages.length > 0 && (
        <span className="python-status__packages" data-testid="python-packages">
          {status.packages.map((p) => (
            <span key={p.name} className="chip" title={p.from === 'local' ? 'zipped from this machine' : 'from the Pyodide package index'}>
              {p.name} · {p.from}
            </span>
          ))}
        </span>
      )}
      {status.notices.length > 0 && (
        <span className="chip chip--warn python-status__notice" data-testid="python-notice" title={status.notices.join('\n')}>
          {status.notices.at(-1)}
        </span>
      )}
    </div>
  );
}
