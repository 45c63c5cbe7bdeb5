/**
 * The real `hint-studio serve` for the team specs (issue 11): started on the spec's port with
 * embedded PGlite (a fresh data folder) or a PostgreSQL database, killed and restarted on the
 * same data, and seeded through its API as its first admin (users, imports). One helper for
 * every spec that runs the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

export const TEAM_PORT = Number(process.env.TEAM_PORT ?? 4402);
export const TEAM_URL = `http://127.0.0.1:${TEAM_PORT}`;
const BIN = join(import.meta.dirname, '..', 'bin', 'hint-studio.mjs');

export interface Credentials {
  username: string;
  password: string;
}

/** Where the server keeps its data: a PGlite folder, or a database on a PostgreSQL cluster. */
export type Storage = { data: string } | { databaseUrl: string };

/** A fresh PGlite data folder (`name` says whose, in the temporary folder's name). */
export const pgliteStorage = (name: string): Storage => ({ data: mkdtempSync(join(tmpdir(), `hs-${name}-e2e-`)) });

/** The server of one spec: at most one running at a time, on TEAM_PORT. */
export class TeamServer {
  private child: ChildProcess | null = null;

  /**
   * Starts the command and waits for its start message; the first start on a storage prints
   * the admin it created (`admin`), a restart on the same storage prints none.
   */
  start(storage: Storage): Promise<{ admin?: Credentials }> {
    const args = [BIN, 'serve', '--port', String(TEAM_PORT), '--host', '127.0.0.1', ...('data' in storage ? ['--data', storage.data] : [])];
    const env = { ...process.env, DATABASE_URL: 'databaseUrl' in storage ? storage.databaseUrl : '' };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let out = '';
    return new Promise((resolve, reject) => {
      const read = (d: Buffer) => {
        out += d.toString();
        // The message is complete once its last line (about who may connect) has arrived.
        if (!/server at http/.test(out) || !/Only this machine/.test(out)) return;
        const username = /user:\s+(\S+)/.exec(out)?.[1];
        const password = /password:\s+(\S+)/.exec(out)?.[1];
        resolve({ admin: username && password ? { username, password } : undefined });
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
    });
  }

  /** Starts on a fresh storage and returns its first admin. */
  async startFresh(storage: Storage): Promise<Credentials> {
    const { admin } = await this.start(storage);
    if (!admin) throw new Error('the server printed no first admin: the storage was not fresh');
    return admin;
  }

  /** Kills the server (as a crash would) and waits until it is gone, its port free; nothing when none runs. */
  kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** The server's API as `who`, signed in: write with `headers` (the CSRF token); `project`: the first project's id. */
export interface TeamApi {
  api: APIRequestContext;
  headers: Record<string, string>;
  project: number;
  dispose(): Promise<void>;
}

export async function teamApi(who: Credentials): Promise<TeamApi> {
  const api = await request.newContext({ baseURL: TEAM_URL, extraHTTPHeaders: { Origin: TEAM_URL } });
  const signedIn = await api.post('/api/session', { data: who });
  expect(signedIn.status()).toBe(200);
  const headers = { 'X-CSRF-Token': (await signedIn.json()).csrfToken as string };
  const project = (await (await api.get('/api/projects')).json())[0].id as number;
  return { api, headers, project, dispose: () => api.dispose() };
}

/** Adds a user (as an admin); returns the name and the password the server generated. */
export async function addUser(admin: TeamApi, username: string, role: 'annotator' | 'reviewer' | 'admin'): Promise<Credentials> {
  const made = await admin.api.post('/api/users', { data: { username, role }, headers: admin.headers });
  expect(made.status()).toBe(201);
  return { username, password: (await made.json()).password };
}

/** Imports JSONL lines into `project` (the first one by default) through the server's import; returns how many were added. */
export async function importLines(team: TeamApi, file: string, lines: string[], project = team.project): Promise<number> {
  const imported = await team.api.post(`/api/projects/${project}/import?file=${encodeURIComponent(file)}`, {
    data: `${lines.join('\n')}\n`,
    headers: { ...team.headers, 'Content-Type': 'application/octet-stream' },
  });
  expect(imported.status()).toBe(200);
  return (await imported.json()).added;
}

/** Fills and submits the sign-in form of a page on the team server (it shows it first). */
export async function fillSignIn(page: Page, who: Credentials): Promise<void> {
  await page.getByTestId('login-username').fill(who.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
}
