/**
 * The admin page's view of a team server (`hint-studio serve`): its users, over the server's
 * /api/users endpoints (src/server/routes/admin.ts). The page takes this interface, so it never
 * builds its own HTTP client; `httpAdminApi` is the one the composition root hands it.
 */
import type { Role, UserInfo } from '../../core/sync';

export interface AdminApi {
  listUsers(): Promise<UserInfo[]>;
  /** The server generates the password and returns it this once. */
  addUser(username: string, role: Role): Promise<{ user: UserInfo; password: string }>;
  setRole(username: string, role: Role): Promise<UserInfo>;
  /** A new generated password (returned this once); the user's sessions and tokens end. */
  resetPassword(username: string): Promise<string>;
}

/** A refusal of the server, with its own words (`{ error, message }`). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface HttpAdminApiOptions {
  /** The server's address; '' for the origin the studio was served from. */
  baseUrl?: string;
  /** The session's CSRF token (GET /api/session), sent on every write. */
  csrfToken: () => string | undefined;
  fetch?: typeof fetch;
}

/** Over HTTP with the session cookie (same origin) and the X-CSRF-Token header on writes. */
export function httpAdminApi({ baseUrl = '', csrfToken, fetch: send = globalThis.fetch.bind(globalThis) }: HttpAdminApiOptions): AdminApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken() ?? '';
    const response = await send(`${baseUrl}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const message = (parsed as { message?: unknown } | undefined)?.message;
      throw new AdminApiError(response.status, typeof message === 'string' && message ? message : `HTTP ${response.status} from ${method} ${path}`);
    }
    return parsed as T;
  }
  const user = (username: string) => `/api/users/${encodeURIComponent(username)}`;
  return {
    listUsers: () => call<UserInfo[]>('GET', '/api/users'),
    async addUser(username, role) {
      return call<{ user: UserInfo; password: string }>('POST', '/api/users', { username, role });
    },
    setRole: (username, role) => call<UserInfo>('PATCH', user(username), { role }),
    async resetPassword(username) {
      return (await call<{ password: string }>('PUT', `${user(username)}/password`, {})).password;
    },
  };
}
