/**
 * The team server's figures: save latency with 20 clients editing a 5,000-sample project
 * (PGlite in a data folder, and PostgreSQL when installed) against a bare `SELECT 1` round
 * trip measured in the same run; and a 250 MB CoRT inference file streamed into a server
 * project (time against reading and parsing the same file, the server's peak memory against
 * its own idle memory). The big file is generated in a temporary folder and deleted after.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReviewedSample } from '../src/core/review/types';
import { startServer } from '../src/server';
import { ping, type StorageOptions } from '../src/server/db/open';
import { Client, PASSWORD, seededDataFolder } from '../src/server/testing/harness';
import { postgresAvailable, startPostgres } from '../src/server/testing/postgres';
import { createUser } from '../src/server/data/users';
import { emit, median, round, skip, versus } from './figures';
import { cortLine } from '../e2e/helpers';
import { realisticTrace } from './trace-fixture';

/** Any free port: the bench's servers must not meet another process's. */
const PORT = 0;
const CLIENTS = 20;
const SAVES_PER_CLIENT = 25;
const PROJECT_SAMPLES = 5_000;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** `problems × gens` generations of about `tokens` tokens each, as CoRT writes inference output. */
export async function writeInferenceFile(path: string, problems: number, gens: number, tokens: number): Promise<number> {
  const out = createWriteStream(path);
  for (let r = 0; r < problems; r++) {
    const texts = Array.from({ length: gens }, (_, g) => realisticTrace(tokens, r * gens + g));
    const line = `${cortLine(`Problem ${r + 1}: count the admissible sequences of length $n$ described below.`, String(125 + r), texts, 'bench')}\n`;
    if (!out.write(line)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
  return statSync(path).size;
}

export async function upload(client: Client, projectId: number, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${client.url}/api/projects/${projectId}/import?file=${encodeURIComponent(path.split('/').pop()!)}`, {
    method: 'POST',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, origin: client.url, 'content-type': 'application/x-ndjson' },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function saveLatency(label: string, storage: StorageOptions, dir: string): Promise<void> {
  const server = await startServer({ storage, port: PORT, distDir: '/nonexistent' });
  try {
    const admin = new Client(server.url);
    await admin.login(server.firstAdmin!.username, server.firstAdmin!.password);
    const projectId = (await admin.get('/api/projects')).body[0].id as number;
    const file = join(dir, 'project-5000.jsonl');
    await writeInferenceFile(file, PROJECT_SAMPLES / 5, 5, 1_500);
    const imported = await upload(admin, projectId, file);
    if (imported.body.added !== PROJECT_SAMPLES) throw new Error(`import gave ${JSON.stringify(imported.body).slice(0, 200)}`);
    const ids = (await admin.get(`/api/projects/${projectId}/samples?limit=500&sort=id`)).body.rows.map((r: { id: string }) => r.id) as string[];

    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      await createUser(server.database.db, { username: `bench${i}`, role: 'annotator', password: PASSWORD }, null);
      const client = new Client(server.url);
      await client.login(`bench${i}`, PASSWORD);
      clients.push(client);
    }
    // One client alone: what a save costs without waiting behind others.
    const alone: number[] = [];
    for (let n = 0; n < 40; n++) {
      const path = `/api/projects/${projectId}/samples/${ids[ids.length - 1 - n]}`;
      const held = (await clients[0]!.get(path)).body as { version: number; sample: ReviewedSample };
      const t = performance.now();
      await clients[0]!.put(path, { baseVersion: held.version, sample: { ...held.sample, updatedAt: new Date().toISOString(), problem: `${held.sample.problem} ` } });
      alone.push(performance.now() - t);
    }
    const latencies: number[] = [];
    const conflicts: number[] = [];
    await Promise.all(
      clients.map(async (client, c) => {
        for (let n = 0; n < SAVES_PER_CLIENT; n++) {
          const id = ids[(c * SAVES_PER_CLIENT + n) % ids.length]!;
          const path = `/api/projects/${projectId}/samples/${id}`;
          const held = (await client.get(path)).body as { version: number; sample: ReviewedSample };
          const segments = held.sample.trace.segments.map((s, i) => (i === 1 ? { ...s, text: `${s.text} (edit ${c}.${n})` } : s));
          const t = performance.now();
          const reply = await client.put(path, { baseVersion: held.version, sample: { ...held.sample, trace: { segments } } });
          latencies.push(performance.now() - t);
          if (reply.status !== 200) conflicts.push(reply.status);
        }
      }),
    );
    const floors: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await ping(server.database.db);
      floors.push(performance.now() - t);
    }
    const http: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await admin.get('/api/health');
      http.push(performance.now() - t);
    }
    const floor = median(floors);
    versus(`server save p50, ${CLIENTS} clients on a ${PROJECT_SAMPLES}-sample project (${label})`, percentile(latencies, 50), floor, 'SELECT 1 round trip', {
      p95_ms: round(percentile(latencies, 95)),
      p95_ratio: round(percentile(latencies, 95) / floor),
      saves: latencies.length,
      refused: conflicts.length,
      http_health_ms: round(median(http)),
    });
    versus(`server save, one client alone (${label})`, median(alone), floor, 'SELECT 1 round trip', { saves: alone.length });
  } finally {
    await server.close();
  }
}

/** Peak and current resident memory of a process, in MiB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Reading the file and parsing each line: the least any importer does. */
export async function parseFloor(path: string): Promise<number> {
  const t = performance.now();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) JSON.parse(line);
  return performance.now() - t;
}

async function bigImport(dir: string): Promise<void> {
  const file = join(dir, 'cort-inference-250mb.jsonl');
  // 820 problems × 16 generations, as in a rejection-sampling run (issue 11): ~250 MB.
  const bytes = await writeInferenceFile(file, 820, 16, 5_100);
  const data = await seededDataFolder();
  const child = spawn(process.execPath, ['bin/hint-studio.mjs', 'serve', '--port', String(PORT), '--data', data], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
  try {
    let out = '';
    const started = await new Promise<{ url: string; password: string }>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const url = /server at (http:\/\/[^/\s]+)\//.exec(out)?.[1];
        const password = /password:\s+(\S+)/.exec(out)?.[1];
        if (url && password && /--host/.test(out)) resolve({ url, password });
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
    });
    const admin = new Client(started.url);
    await admin.login('admin', started.password);
    const projectId = (await admin.get('/api/projects')).body[0].id as number;
    const idle = memoryOf(child.pid!);
    const t = performance.now();
    const reply = await upload(admin, projectId, file);
    const ms = performance.now() - t;
    const memory = memoryOf(child.pid!);
    if (reply.status !== 200) throw new Error(`import failed: ${JSON.stringify(reply.body).slice(0, 300)}`);
    const floor = await parseFloor(file);
    versus('server import of a 250 MB CoRT inference file (PGlite)', ms, floor, 'read + JSON.parse every line of the same file', {
      mb: round(bytes / 2 ** 20),
      samples: reply.body.added,
      rejected: (reply.body.rejects as unknown[]).length,
      mb_per_s: round(bytes / 2 ** 20 / (ms / 1000)),
    });
    emit({
      figure: 'server memory during that import (PGlite)',
      peak_rss_mib: round(memory.peak),
      idle_rss_mib: round(idle.rss),
      ratio: round(memory.peak / idle.rss),
      floor: 'the same server idle before the import',
      file_mib: round(bytes / 2 ** 20),
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
    rmSync(data, { recursive: true, force: true });
  }
}

export async function serverFigures(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-bench-server-'));
  try {
    const folder = await seededDataFolder();
    try {
      await saveLatency('PGlite', { kind: 'pglite', dataDir: folder }, dir);
    } catch (error) {
      skip('server save latency (PGlite)', error);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    if (postgresAvailable) {
      const cluster = startPostgres({ durable: true });
      try {
        await saveLatency('PostgreSQL', { kind: 'postgres', url: await cluster.createDatabase(), poolSize: CLIENTS }, dir);
      } catch (error) {
        skip('server save latency (PostgreSQL)', error);
      } finally {
        await cluster.stop();
      }
    } else {
      skip('server save latency (PostgreSQL)', 'PostgreSQL is not installed');
    }
    await bigImport(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/server.ts` runs these figures alone.
if (process.argv[1]?.endsWith('bench/server.ts')) await serverFigures();
