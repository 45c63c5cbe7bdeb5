/** Helpers of the team tests: a page of the studio on a real server, as a browser holds it. */
import { expect } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { SessionInfo } from '../../core/sync';
import type { Client, TestServer } from '../../server/testing/harness';
import { createStudio, type Studio } from '../studio';
import { createServerApi } from '../sync/api';
import { serverPersistence, type ServerPersistence } from '../sync/serverSync';
import { serverCopy } from '../sync/serverStore';
import { teamConnection } from './connection';

let dbs = 0;

/** A fresh name for a browser's copy (one IndexedDB database). */
export const copyName = () => `team-copy-${++dbs}`;

/** How saves (PUT of a sample) fare: failing as a broken network does, or with something happening while one travels. */
export interface SaveLine {
  saves: boolean;
  whileSaving?: () => Promise<void>;
}

/** A browser for `client`'s session: its cookie and Origin on every request. */
function browserFetch(client: Client, line: SaveLine = { saves: false }): typeof fetch {
  return async (input, init = {}) => {
    const save = init.method === 'PUT' && /\/samples\/[^/]+$/.test(String(input));
    if (save && line.saves) throw new TypeError('fetch failed');
    const headers = new Headers(init.headers);
    if (client.cookie) headers.set('cookie', client.cookie);
    headers.set('origin', client.url);
    const response = await fetch(input, { ...init, headers });
    const during = save ? line.whileSaving : undefined;
    if (during) {
      line.whileSaving = undefined;
      await during();
    }
    return response;
  };
}

export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

export interface Page {
  studio: Studio;
  sync: ServerPersistence;
  restarts: number;
  copied: string[];
  choices: Storage;
}

/** One lock per copy, as the Web Locks API gives the tabs of one browser (main.tsx): one tab sends at a time. */
const locks = new Map<string, Promise<unknown>>();
function lockOf(copy: string) {
  return <T,>(work: () => Promise<T>): Promise<T> => {
    const turn = (locks.get(copy) ?? Promise.resolve()).then(work, work);
    locks.set(copy, turn.catch(() => undefined));
    return turn;
  };
}

export async function open(t: TestServer, client: Client, o: { copy?: string; project?: { id: number; name: string }; block?: SaveLine; choices?: Storage; clipboard?: boolean } = {}): Promise<Page> {
  const api = createServerApi(client.url, browserFetch(client, o.block));
  const session = (await api.session()) as SessionInfo;
  const project = o.project ?? { id: t.projectId, name: 'main' };
  const copy = o.copy ?? copyName();
  const sync = serverPersistence({ api, session, project, copy: serverCopy(copy), pollMs: 50, retryMs: 50, exclusive: lockOf(copy) });
  const page: Page = { studio: undefined!, sync, restarts: 0, copied: [], choices: o.choices ?? memoryStorage() };
  const team = teamConnection({
    api,
    user: session.user,
    project,
    projects: await api.projects(),
    sync,
    choices: page.choices,
    restart: () => void page.restarts++,
    clipboard: o.clipboard === false ? undefined : { writeText: async (text) => void page.copied.push(text) },
  });
  page.studio = createStudio({ persistence: sync, saveDebounceMs: 5, team });
  await page.studio.init();
  // The user has opened every sample of the project (a reload holds entries; traces are read when opened).
  await page.studio.services.loader.ensure(Object.keys(page.studio.store.getState().entries));
  return page;
}


export const nameOf = async (c: Client) => (await c.get('/api/session')).body.user.username as string;

export async function addSample(t: TestServer, by: Client, id: string, projectId = t.projectId): Promise<void> {
  expect((await by.post(`/api/projects/${projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
}
