/**
 * `hint-studio serve` killed (SIGKILL) while edits are arriving, then started again on the
 * same data: every save it acknowledged is there, and the saves that were cut off — queued by
 * their clients — go through after the restart. On an embedded data folder and on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../core/export/testing/samples';
import type { ReviewedSample } from '../core/review/types';
import { LOCK_FILE } from './db/lock';
import { backends, Client, seededDataFolder, storageFor, stopPostgres } from './testing/harness';

afterAll(stopPostgres);

const BIN = new URL('../../bin/hint-studio.mjs', import.meta.url).pathname;

interface Started {
  child: ChildProcess;
  url: string;
  admin?: { username: string; password: string };
}

/** Start the real command and wait for its start message. */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /server at (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      if (url && /Only this machine|--host/.test(out)) {
        const user = /user:\s+(\S+)/.exec(out)?.[1];
        const password = /password:\s+(\S+)/.exec(out)?.[1];
        resolve({ child, url, admin: user && password ? { username: user, password } : undefined });
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it started:\n${out}\n${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const textOf = (s: ReviewedSample) => s.trace.segments.find((seg) => seg.id === 'p1')!.text;
const withText = (s: ReviewedSample, text: string): ReviewedSample => ({ ...s, trace: { segments: s.trace.segments.map((seg) => (seg.id === 'p1' ? { ...seg, text } : seg)) } });

describe.each(backends())('the server killed mid-edit on %s', (backend) => {
  it('keeps every acknowledged save, and the cut-off saves arrive after the restart', async () => {
    const storage = await storageFor(backend);
    const dataDir = await seededDataFolder();
    const [args, env] = storage.kind === 'postgres' ? [[], { DATABASE_URL: storage.url }] : [['--data', dataDir], { DATABASE_URL: '' }];
    let server: Started | undefined;
    try {
      server = await serve(args, env);
      const admin = new Client(server.url);
      expect((await admin.login(server.admin!.username, server.admin!.password)).status).toBe(200);
      const projectId = (await admin.get('/api/projects')).body[0].id;
      const password = (await admin.post('/api/users', { username: 'ana', role: 'annotator' })).body.password;
      const ana = new Client(server.url);
      await ana.login('ana', password);

      const EDITORS = 4;
      const base = `/api/projects/${projectId}/samples`;
      const samples = Array.from({ length: EDITORS }, (_, i) => ({ ...hintedSample, id: `restart-${i}`, status: 'draft' as const }));
      for (const sample of samples) expect((await ana.post(base, { sample })).status).toBe(201);

      // Each editor saves edit after edit, as fast as the server answers, until the server dies.
      const acknowledged = new Map<string, { version: number; text: string }>();
      const pending = new Map<string, { baseVersion: number; sample: ReviewedSample }>();
      let killed = false;
      const editor = async (sample: ReviewedSample) => {
        let version = 1;
        let doc = sample;
        for (let n = 1; ; n++) {
          const next = withText(doc, `\nedit ${n} of ${sample.id}`);
          pending.set(sample.id, { baseVersion: version, sample: next });
          let reply;
          try {
            reply = await ana.put(`${base}/${sample.id}`, { baseVersion: version, sample: next });
          } catch {
            return; // connection cut: the save stays queued
          }
          expect(reply.status).toBe(200);
          pending.delete(sample.id);
          version = reply.body.version;
          doc = reply.body.sample;
          acknowledged.set(sample.id, { version, text: textOf(doc) });
          if (killed) return;
        }
      };
      const running = samples.map(editor);
      while ([...acknowledged.values()].reduce((n, a) => n + a.version, 0) < 40) await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGKILL');
      killed = true;
      await Promise.all(running);
      await exited(server.child);
      if (storage.kind !== 'postgres') expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true); // left behind by the dead process

      server = await serve(args, env);
      expect(server.admin).toBeUndefined(); // same database: no new admin
      const back = new Client(server.url);
      expect((await back.login('ana', password)).status).toBe(200);
      for (const [id, ack] of acknowledged) {
        const stored = (await back.get(`${base}/${id}`)).body;
        // The acknowledged version is there, unchanged (the current one, or a kept revision if a cut-off save landed after it).
        const at = stored.version === ack.version ? stored.sample : (await back.get(`${base}/${id}/revisions/${ack.version}`)).body.sample;
        expect(textOf(at), id).toBe(ack.text);
        expect(stored.version - ack.version, id).toBeLessThanOrEqual(1);
      }
      // The queued saves are sent again: each lands (or had landed), none conflicts.
      expect(pending.size).toBeGreaterThan(0);
      for (const [id, save] of pending) {
        const reply = await back.put(`${base}/${id}`, save);
        expect(reply.status, id).toBe(200);
        expect(textOf(reply.body.sample)).toBe(textOf(save.sample));
      }
    } finally {
      server?.child.kill('SIGTERM');
      if (server) await exited(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
