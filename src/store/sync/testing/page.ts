/** A studio page on a team server in the sync tests: its session's fetch, and the studio composed as main.tsx composes it. */
import type { SessionInfo } from '../../../core/sync';
import type { Client, TestServer } from '../../../server/testing/harness';
import { serverQuerySource } from '../../library/query';
import { createStudio } from '../../studio';
import { createServerApi } from '../api';
import { serverImporter } from '../serverImport';
import { serverPersistence } from '../serverSync';
import { serverCopy } from '../serverStore';

/**
 * A browser's fetch for `client`'s session; each request is recorded in `seen` as
 * "METHOD /path", and the ids a read of several traces asks for as "READ <id>".
 */
export function pageFetch(client: Client, seen: string[] = []): typeof fetch {
  return async (input, init = {}) => {
    const path = new URL(String(input)).pathname;
    seen.push(`${init.method ?? 'GET'} ${path}`);
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
export async function serverPage(t: TestServer, client: Client, copy: string, options: { serverLibrary?: boolean } = {}) {
  const seen: string[] = [];
  const session = (await client.get('/api/session')).body as SessionInfo;
  const api = createServerApi(t.url, pageFetch(client, seen), session);
  const persistence = serverPersistence({ api, session, project: { id: t.projectId, name: 'main' }, copy: serverCopy(copy), pollMs: 3_600_000, retryMs: 50 });
  const remoteImport = serverImporter({ api, project: t.projectId, afterImport: () => persistence.pollNow() });
  const libraryQuery = options.serverLibrary ? serverQuerySource(api, t.projectId) : undefined;
  const studio = createStudio({ persistence, saveDebounceMs: 5, remoteImport, libraryQuery });
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
