/** A studio page on a team server in the sync tests: its session's fetch, and the studio composed as main.tsx composes it. */
import type { SessionInfo } from '../../../core/sync';
import type { Client, TestServer } from '../../../server/testing/harness';
import { serverQuerySource } from '../../library/query';
import { teamConnection } from '../../team/connection';
import type { LocalSettingsPersistence } from '../../settings/localSettings';
import { createStudio } from '../../studio';
import { createServerApi } from '../api';
import { serverImporter } from '../serverImport';
import { serverPersistence } from '../serverSync';
import { serverCopy } from '../serverStore';

/**
 * A browser's fetch for `client`'s session; each request is recorded in `seen` as
 * "METHOD /path", and the ids a read of several traces asks for as "READ <id>".
 */
export function pageFetch(client: Client, seen: string[] = [], cut: (path: string) => boolean = () => false, hold: (path: string) => Promise<void> | null = () => null): typeof fetch {
  return async (input, init = {}) => {
    const path = new URL(String(input)).pathname;
    seen.push(`${init.method ?? 'GET'} ${path}`);
    if (cut(path)) throw new TypeError('fetch failed');
    const held = hold(path);
    if (held) {
      // Held back (a slow server) until the test lets it go, or the request is aborted, as fetch would be.
      const signal = init.signal;
      await Promise.race([held, new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
    }
    if (path.endsWith('/samples/read')) seen.push(...(JSON.parse(String(init.body)) as { ids: string[] }).ids.map((id) => `READ ${id}`));
    const headers = new Headers(init.headers);
    headers.set('cookie', client.cookie!);
    headers.set('origin', client.url);
    return fetch(input, { ...init, headers });
  };
}

/**
 * The studio of `client` on the server's first project, with the server's import; polls only
 * when asked. `serverLibrary`: the library's query runs in the server's SQL, as main.tsx composes it.
 */
export async function serverPage(
  t: TestServer,
  client: Client,
  copy: string,
  /** `team`: the team connection composed (profiles shared from Settings); `cut`: requests to these paths do not reach the server; `hold`: they wait for the promise it gives. */
  options: { serverLibrary?: boolean; team?: boolean; cut?: (path: string) => boolean; hold?: (path: string) => Promise<void> | null; localSettings?: LocalSettingsPersistence } = {},
) {
  const seen: string[] = [];
  const session = (await client.get('/api/session')).body as SessionInfo;
  const api = createServerApi(t.url, pageFetch(client, seen, options.cut, options.hold), session);
  const persistence = serverPersistence({ api, session, project: { id: t.projectId, name: 'main' }, copy: serverCopy(copy), pollMs: 3_600_000, retryMs: 50 });
  const remoteImport = serverImporter({ api, project: t.projectId, afterImport: () => persistence.pollNow() });
  const libraryQuery = options.serverLibrary ? serverQuerySource(api, t.projectId) : undefined;
  const project = { id: t.projectId, name: 'main' };
  const team = options.team ? teamConnection({ api, user: session.user, project, sync: persistence, choices: null, restart: () => undefined }) : undefined;
  const studio = createStudio({ persistence, saveDebounceMs: 5, remoteImport, libraryQuery, team, localSettings: options.localSettings });
  await studio.init();
  return {
    studio,
    persistence,
    api,
    seen,
    close() {
      persistence.stop();
      studio.dispose();
    },
  };
}
