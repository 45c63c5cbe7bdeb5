/**
 * The composition root: every dependency of the studio is made here, once, and handed to
 * `createStudio` — persistence (IndexedDB; a team server's sync plugs in here, behind the
 * same StudioPersistence interface), local settings, the Python runtimes, the model client
 * factory, the clock, the address bar, files in and out, and the demo loader. Nothing below
 * constructs a dependency of its own.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/theme/tokens.css';
import './ui/theme/components.css';
import { createOpenAICompatibleClient } from './model';
import { createBrowserRuntimes } from './python/browser';
import { createStudio, indexedDbLocalSettings, indexedDbPersistence, systemClock, type Clock, type NamedFile, type StudioFiles, type StudioLocation } from './store';
import { importInWorker } from './store/project/importing';
import { App } from './ui/app/App';
import { StudioProvider } from './ui/app/StudioContext';
import { downloadBytes } from './ui/export/download';

/** The demo project shipped in public/demo/, imported on the very first start. */
const DEMO_FILES = ['cort-demo.jsonl'];

async function loadDemo(): Promise<NamedFile[]> {
  return Promise.all(
    DEMO_FILES.map(async (name) => {
      const response = await fetch(`${import.meta.env.BASE_URL}demo/${name}`);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
}

const clock: Clock = {
  ...systemClock,
  idle: (work) => (typeof requestIdleCallback === 'function' ? void requestIdleCallback(work, { timeout: 2000 }) : void setTimeout(work, 200)),
};

/** `#/sample/<id>` in the address bar; back and forward come in as hashchange. */
const address: StudioLocation = {
  read: () => window.location.hash,
  write: (path, mode) => (mode === 'push' ? history.pushState(null, '', path) : history.replaceState(null, '', path)),
  subscribe: (listener) => {
    const onChange = () => listener(window.location.hash);
    window.addEventListener('popstate', onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener('hashchange', onChange);
    };
  },
};

/** The browser's file picker (the key press or palette choice that asked is the user gesture) and downloads. */
const files: StudioFiles = {
  pick: ({ accept, multiple }) =>
    new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.multiple = multiple;
      input.hidden = true;
      input.dataset.testid = 'file-picker';
      const done = (chosen: File[]) => {
        input.remove();
        resolve(chosen);
      };
      input.addEventListener('change', () => done([...(input.files ?? [])]));
      input.addEventListener('cancel', () => done([]));
      document.body.append(input);
      input.click();
    }),
  download: (name, content, type = 'application/octet-stream') => downloadBytes(name, content, type),
};

/** Undo stacks survive a reload of this tab; storage can be refused (privacy modes). */
function sessionHistoryStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

// Python starts with the studio: the next sample's interpreter boots while the page loads
// (mostly off this thread: a sandbox frame, its worker, a memory snapshot), so it is warm when
// a sample opens. The checks' interpreters wait until it is up.
const python = createBrowserRuntimes();
python.warmUp();

// Settings and hints live in their own database, so API keys never travel with sample backups.
const studio = createStudio({
  persistence: indexedDbPersistence(),
  localSettings: indexedDbLocalSettings(),
  python,
  modelClient: (endpoint) => createOpenAICompatibleClient({ name: endpoint.name, baseURL: endpoint.baseURL, apiKey: endpoint.apiKey || undefined }),
  clock,
  loadDemo,
  location: address,
  files,
  importOffThread: importInWorker,
  historyStorage: sessionHistoryStorage(),
});
studio.attachPageLifecycle(window);
void studio.init();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider studio={studio}>
      <App />
    </StudioProvider>
  </StrictMode>,
);
