/**
 * The composition root: every dependency of the studio is made here, once, and handed to
 * `createStudio` — persistence (IndexedDB; or, served by `hint-studio serve`, the sign-in page
 * and then the team server's sync behind the same StudioPersistence interface), local settings, the Python runtimes, the model client
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
import { createStudio, indexedDbLocalSettings, indexedDbPersistence, systemClock, type Clock, type NamedFile, type StudioFiles, type StudioLocation, type StudioPersistence } from './store';
import type { ProjectInfo, SessionInfo } from './core/sync';
import { createServerApi, type ServerApi } from './store/sync/api';
import { projectToOpen, rememberProject, rememberedProject, scopedStorage, teamConnection, type TeamConnection } from './store/team';
import { ProjectPickerPage } from './ui/team/ProjectPickerPage';
import { serverPersistence } from './store/sync/serverSync';
import { serverQuerySource, type LibraryQuerySource } from './store/library/query';
import { serverCopy } from './store/sync/serverStore';
import { serverImporter, type RemoteImporter } from './store/sync/serverImport';
import { xhrUpload } from './store/sync/upload';
import { LoginPage } from './ui/login/LoginPage';
import { AdminPage } from './ui/admin/AdminPage';
import { createAdmin, type AdminService } from './store/admin';
import { httpAdminApi } from './store/admin/api';
import { importInWorker } from './store/project/importing';
import { exportSessionInWorker } from './store/project/exportOffThread';
import { tokenCountsInWorker, tokenCountsOfFilesInWorker } from './store/settings/tokenCountsWorker';
import { quickChecksInWorker } from './store/checks/quickChecksInWorker';
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

/** One of the page's web storages, or null when the browser refuses it (privacy modes). */
function webStorage(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

/** Undo stacks survive a reload of this tab. */
const sessionHistoryStorage = () => webStorage('sessionStorage');
/** Which server project each user chose in this browser. */
const projectChoices = () => webStorage('localStorage');

/** The page again, without the sample in the address (it belongs to the project left): the sign-in page or the chosen project. */
function restartPage(): void {
  history.replaceState(null, '', window.location.pathname);
  window.location.reload();
}

const root = createRoot(document.getElementById('root')!);

/** The studio on the given persistence: IndexedDB alone, or the working copy of a team server's project. */
function startStudio(persistence: StudioPersistence, options: { demo: boolean; admin?: AdminService; team?: TeamConnection; libraryQuery?: LibraryQuerySource; remoteImport?: RemoteImporter; historyStorage?: Storage | ReturnType<typeof scopedStorage> | null } = { demo: true }): void {
  // Python starts with the studio: the next sample's interpreter boots while the page loads
  // (mostly off this thread: a sandbox frame, its worker, a memory snapshot), so it is warm when
  // a sample opens. The checks' interpreters wait until it is up.
  const python = createBrowserRuntimes();
  python.warmUp();

  // Settings and hints live in their own database, so API keys never travel with sample backups.
  const studio = createStudio({
    persistence,
    localSettings: indexedDbLocalSettings(),
    python,
    modelClient: (endpoint) => createOpenAICompatibleClient({ name: endpoint.name, baseURL: endpoint.baseURL, apiKey: endpoint.apiKey || undefined }),
    clock,
    // A team's project is the server's: nothing is seeded into it.
    loadDemo: options.demo ? loadDemo : undefined,
    location: address,
    files,
    importOffThread: importInWorker,
    tokenCountsOffThread: tokenCountsInWorker,
    tokenizerFilesOffThread: tokenCountsOfFilesInWorker,
    exportOffThread: exportSessionInWorker,
    quickChecksOffThread: quickChecksInWorker(),
    historyStorage: options.historyStorage === undefined ? sessionHistoryStorage() : options.historyStorage,
    ...(options.admin ? { admin: options.admin } : {}),
    ...(options.team ? { team: options.team } : {}),
    ...(options.libraryQuery ? { libraryQuery: options.libraryQuery } : {}),
    ...(options.remoteImport ? { remoteImport: options.remoteImport } : {}),
  });
  studio.attachPageLifecycle(window);
  void studio.init();

  root.render(
    <StrictMode>
      <StudioProvider studio={studio}>
        <App />
        {options.admin && <AdminPage admin={options.admin} />}
      </StudioProvider>
    </StrictMode>,
  );
}

/** Served by `hint-studio serve`: its health answer is JSON (a static host answers with the page). */
async function teamServer(): Promise<boolean> {
  try {
    const response = await fetch('/api/health', { credentials: 'same-origin' });
    return response.ok && (response.headers.get('content-type') ?? '').includes('application/json');
  } catch {
    return false;
  }
}

/**
 * The project this user chose in this browser (or the only one); with several and no choice,
 * the picker comes first. The choice is remembered, so a reload opens the same project.
 */
async function startOnServer(api: ServerApi, session: SessionInfo): Promise<void> {
  const projects = await api.projects();
  const project = projectToOpen(projects, rememberedProject(projectChoices(), session.user.username));
  if (project) return startOnProject(api, session, project, projects);
  root.render(
    <StrictMode>
      <ProjectPickerPage
        api={api}
        session={session}
        projects={projects}
        onChosen={(chosen) => {
          rememberProject(projectChoices(), session.user.username, chosen.id);
          startOnProject(api, session, chosen, projects);
        }}
        onSignedOut={restartPage}
      />
    </StrictMode>,
  );
}

/** A server project; this browser's copy of it (the working copy, with its outbox) lives in a database of its own per project and user. */
function startOnProject(api: ServerApi, session: SessionInfo, project: ProjectInfo, projects: ProjectInfo[]): void {
  const name = `hint-studio-server:${project.id}:${session.user.username}`;
  const locks = navigator.locks;
  const sync = serverPersistence({
    api,
    session,
    project: { id: project.id, name: project.name },
    copy: serverCopy(name),
    // One tab at a time sends the outbox: a save sent twice is harmless, but twice the work.
    exclusive: locks ? <T,>(work: () => Promise<T>) => locks.request(`${name}:outbox`, work) as Promise<T> : undefined,
  });
  const tab = sessionHistoryStorage();
  const undoStacks = tab ? scopedStorage(tab, name) : null;
  const team = teamConnection({
    api,
    user: session.user,
    project: { id: project.id, name: project.name },
    projects,
    sync,
    choices: projectChoices(),
    restart: restartPage,
    forgetSession: () => undoStacks?.clear(),
    clipboard: navigator.clipboard,
  });
  startStudio(sync, {
    demo: false,
    team,
    // The library's filters, search and sort run in the server's SQL.
    libraryQuery: serverQuerySource(api, project.id),
    // Files go to the server's streaming import; the rows come back through the change feed, read at once.
    remoteImport: serverImporter({ api, project: project.id, afterImport: () => sync.pollNow() }),
    historyStorage: undoStacks,
    // An admin manages the team's users from the studio (the server checks the role on every request).
    ...(session.user.role === 'admin' ? { admin: createAdmin(httpAdminApi({ csrfToken: () => session.csrfToken })) } : {}),
  });
}

async function main(): Promise<void> {
  // Files go up by XMLHttpRequest, which counts the bytes sent (fetch does not).
  const api = createServerApi('', undefined, undefined, xhrUpload);
  if (!(await teamServer())) return startStudio(indexedDbPersistence());
  let session: SessionInfo | null = null;
  try {
    session = await api.session();
  } catch {
    // Unreachable just now: the sign-in page says what the server answers.
  }
  if (session) return startOnServer(api, session);
  root.render(
    <StrictMode>
      <LoginPage api={api} onSignedIn={(s) => void startOnServer(api, s)} />
    </StrictMode>,
  );
}

void main();
