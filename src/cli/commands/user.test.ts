/** `hint-studio user add|list|passwd|token`, on a server data folder and on DATABASE_URL. */
import { rmSync } from 'node:fs';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../server';
import { Client, seededDataFolder, storageFor, stopPostgres } from '../../server/testing/harness';
import { postgresOrSkipNotice } from '../../server/testing/postgres';
import { registerUserCommand } from './user';

afterAll(stopPostgres);

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function cli(args: string[], stdin = ''): Promise<string> {
  const program = new Command().exitOverride();
  const out: string[] = [];
  registerUserCommand(program, { stdout: (text) => void out.push(text), stderr: () => {} }, async () => stdin);
  await program.parseAsync(['node', 'hint-studio', ...args]);
  return out.join('');
}

async function folder(): Promise<string> {
  const dir = await seededDataFolder();
  dirs.push(dir);
  return dir;
}

describe('hint-studio user on a data folder', () => {
  it('adds users with a printed password, lists them, changes a password, and the server takes them', async () => {
    const data = await folder();
    const added = await cli(['user', 'add', 'ana', '--role', 'annotator', '--data', data]);
    const password = /password: (\S+)/.exec(added)![1];
    expect(added).toContain('Added ana (annotator).');
    await cli(['user', 'add', 'rita', '--role', 'reviewer', '--password-stdin', '--data', data], 'rita has a long password');
    expect(await cli(['user', 'list', '--data', data])).toMatch(/^user\s+role\s+state\s+since\nana\s+annotator\s+active\s+\d{4}-\d\d-\d\d\nrita\s+reviewer\s+active/);
    await expect(cli(['user', 'add', 'ana', '--role', 'admin', '--data', data])).rejects.toThrow('user "ana" already exists');
    await expect(cli(['user', 'add', 'Bad Name', '--role', 'admin', '--data', data])).rejects.toThrow('a user name is 1–64 characters');
    await expect(cli(['user', 'add', 'eve', '--role', 'boss', '--data', data])).rejects.toThrow('--role must be one of annotator, reviewer, admin');
    await expect(cli(['user', 'passwd', 'rita', '--password-stdin', '--data', data], 'short')).rejects.toThrow('at least 10 characters');
    const changed = await cli(['user', 'passwd', 'rita', '--data', data]);
    const ritaPassword = /password: (\S+)/.exec(changed)![1];
    const token = (await cli(['user', 'token', 'ana', '--data', data])).trim();
    expect(token).toMatch(/^hst_/);

    const server = await startServer({ storage: { kind: 'pglite', dataDir: data }, port: 0 });
    try {
      // Users existed but no admin: the server makes one.
      expect(server.firstAdmin?.username).toBe('admin');
      expect((await new Client(server.url).login('ana', password)).status).toBe(200);
      expect((await new Client(server.url).login('rita', ritaPassword)).status).toBe(200);
      expect((await new Client(server.url).login('rita', 'rita has a long password')).status).toBe(401);
      const program = new Client(server.url);
      program.token = token;
      expect((await program.get('/api/session')).body.user.username).toBe('ana');
      // The folder is the running server's: the command refuses to open it.
      await expect(listOf(data)).rejects.toThrow(/is in use by another Hint Studio process \(pid \d+\)/);
    } finally {
      await server.close();
    }
    expect(await listOf(data)).toContain('admin');
  });

  const listOf = (data: string) => cli(['user', 'list', '--data', data]);
});

describe.runIf(postgresOrSkipNotice())('hint-studio user on DATABASE_URL', () => {
  it('adds and lists users in PostgreSQL', async () => {
    const storage = await storageFor('postgres');
    const url = storage.kind === 'postgres' ? storage.url : '';
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      await cli(['user', 'add', 'pat', '--role', 'admin']);
      expect(JSON.parse(await cli(['user', 'list', '--json'])).map((u: { username: string; role: string }) => [u.username, u.role])).toEqual([['pat', 'admin']]);
      await expect(cli(['user', 'list', '--data', 'somewhere'])).rejects.toThrow('DATABASE_URL is set: use one or the other');
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  });
});
