/**
 * Test servers on both databases, and a client that talks to them over real HTTP the way the
 * studio does: a session cookie, the CSRF header and a same-origin Origin on writes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startServer, type RunningServer, type ServeOptions } from '../index';
import type { StorageOptions } from '../db/open';
import type { Role } from '../../core/sync';
import { createUser } from '../data/users';
import { pgliteTemplate } from './pgliteTemplate';
import { postgresOrSkipNotice, startPostgres, type PostgresCluster } from './postgres';

export type Backend = 'pglite' | 'postgres';

/** The backends this machine can test: PostgreSQL is skipped (loudly) only when it is not installed, and never in CI. */
export function backends(): Backend[] {
  return postgresOrSkipNotice() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie?: string;
  csrfToken?: string;
  token?: string;
  constructor(readonly url: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = {};
    if (body !== undefined && !(body instanceof Uint8Array)) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (!['GET', 'HEAD'].includes(method)) {
      h.origin = this.url;
      if (this.csrfToken) h['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(this.url + path, {
      method,
      headers: { ...h, ...headers },
      body: body === undefined ? undefined : body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json')) parsed = text ? JSON.parse(text) : undefined;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** A fetch with this client's session cookie, for the studio's own API client. */
  fetch: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(this.cookie ? { cookie: this.cookie } : {}) } });

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/session', { username, password });
    if (reply.status === 200) {
      this.cookie = reply.headers.get('set-cookie')!.split(';')[0];
      this.csrfToken = reply.body.csrfToken;
    }
    return reply;
  }
}

export const PASSWORD = 'correct horse battery';

export interface TestServer {
  backend: Backend;
  url: string;
  server: RunningServer;
  /** Signed in as the first admin. */
  admin: Client;
  /** The project every fresh server has. */
  projectId: number;
  /** A new user of that role, signed in. */
  user(role: Role, name?: string): Promise<Client>;
  close(): Promise<void>;
}

let cluster: PostgresCluster | undefined;
let users = 0;

export async function storageFor(backend: Backend): Promise<StorageOptions> {
  if (backend === 'pglite') return { kind: 'pglite-memory', template: await pgliteTemplate() };
  cluster ??= startPostgres();
  return { kind: 'postgres', url: await cluster.createDatabase(), poolSize: 5 };
}

/**
 * A server data folder (as `serve --data DIR` uses it) whose database starts from the migrated
 * template: initdb in WebAssembly takes many seconds, and no test is about it.
 */
export async function seededDataFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hs-data-'));
  const seeded = await PGlite.create(join(dir, 'pglite'), { loadDataDir: await pgliteTemplate() });
  await seeded.close();
  return dir;
}

/** Stop the PostgreSQL cluster this test file started (afterAll). */
export async function stopPostgres(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}

export async function startTestServer(backend: Backend, options: { distDir?: string; countTokens?: ServeOptions['countTokens'] } = {}): Promise<TestServer> {
  const server = await startServer({ storage: await storageFor(backend), port: 0, distDir: options.distDir ?? '/nonexistent', countTokens: options.countTokens });
  const admin = new Client(server.url);
  const login = await admin.login(server.firstAdmin!.username, server.firstAdmin!.password);
  if (login.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(login.body)}`);
  const projects = await admin.get('/api/projects');
  return {
    backend,
    url: server.url,
    server,
    admin,
    projectId: projects.body[0].id,
    async user(role, name = `${role}${++users}`) {
      await createUser(server.database.db, { username: name, role, password: PASSWORD }, null);
      const client = new Client(server.url);
      const reply = await client.login(name, PASSWORD);
      if (reply.status !== 200) throw new Error(`login of ${name} failed: ${JSON.stringify(reply.body)}`);
      return client;
    },
    close: () => server.close(),
  };
}
