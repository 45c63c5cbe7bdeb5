import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptCode, ESCAPE_ATTEMPTS, ESCAPED, type CorpusPlaces } from './testing/escape-corpus';

// The escape corpus, one sample per attempt, through the real `hint-studio` commands that run
// model code. After each command: no marker file on the host, no connection to the local
// server, the CLI's secrets in no output, and the CLI itself finished with a normal exit code.
const BIN = fileURLToPath(new URL('../../../bin/hint-studio.mjs', import.meta.url));
const SECRET_ENV = 'HINT_STUDIO_SECRET';
const SECRET_VALUE = `env-secret-${process.pid}-${Date.now()}`;
const FILE_SECRET = `file-secret-${process.pid}-${Date.now()}`;
/** Per code block: short, so the runaway attempts (bombs, deaf loops) are cut quickly. */
const TIMEOUT_SECONDS = '3';

let dir: string;
let places: CorpusPlaces;
let server: Server;
/** What reached the server: the first bytes of every connection. */
const connections: string[] = [];
const escapes = new Map<string, Set<string>>(); // attempt id -> commands it escaped in

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hint-studio-escape-'));
  const markerDir = join(dir, 'markers');
  mkdirSync(markerDir);
  const secretFile = join(dir, 'secret.txt');
  writeFileSync(secretFile, FILE_SECRET);
  server = createServer((socket) => {
    const index = connections.push('') - 1;
    socket.on('data', (chunk) => (connections[index] += chunk.toString('latin1').slice(0, 200)));
    socket.on('error', () => {});
    setTimeout(() => socket.destroy(), 200);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  places = { markerDir, port, secretEnv: SECRET_ENV, secretFile, home: homedir() };

  const records = ESCAPE_ATTEMPTS.map((attempt) => ({
    problem: `escape attempt ${attempt.id}`,
    gt_answer: '1',
    source: 'escape-corpus',
    gen: [`Let me compute it.\n\`\`\`python\n${attemptCode(attempt, places)}\n\`\`\`\n\`\`\`output\n1\n\`\`\`\nSo the answer is \\boxed{1}.\n</think>\n\\boxed{1}`],
  }));
  writeFileSync(join(dir, 'corpus.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const imported = await cli(['import', join(dir, 'corpus.jsonl'), '--out', join(dir, 'project.json')]);
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  console.info(table());
  rmSync(dir, { recursive: true, force: true });
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `hint-studio ARGS` with the secret in its environment; never waits more than 15 min. */
function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, [SECRET_ENV]: SECRET_VALUE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hint-studio ${args[0]} hung:\n${stderr.slice(-2000)}`));
    }, 15 * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Every way an attempt can show it got out, after one command; records them for the table. */
async function evidence(command: string, run: CliRun, files: string[] = []): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 1500)); // late, asynchronous attempts
  const found: string[] = [];
  const note = (id: string, what: string) => {
    found.push(`${id}: ${what}`);
    if (!escapes.has(id)) escapes.set(id, new Set());
    escapes.get(id)!.add(command);
  };
  for (const marker of readdirSync(places.markerDir)) note(marker, 'created a file on the host');
  for (const request of connections.splice(0)) {
    const attempt = ESCAPE_ATTEMPTS.find((a) => request.includes(`/${a.id}`));
    note(attempt?.id ?? 'unknown', `connected to the local server (${JSON.stringify(request.slice(0, 60))})`);
  }
  const outputs = [run.stdout, run.stderr, ...files.map((file) => readFileSync(file, 'latin1'))].join('\n');
  for (const match of outputs.matchAll(new RegExp(`${ESCAPED} (\\S+)`, 'g'))) note(match[1]!, 'got hold of a host capability');
  if (outputs.includes(SECRET_VALUE)) note('unknown', "read the CLI's environment");
  if (outputs.includes(FILE_SECRET)) note('unknown', 'read a host file');
  if (run.signal) note('unknown', `the CLI was killed by ${run.signal}`);
  return found;
}

function table(): string {
  const routes = [...new Set(ESCAPE_ATTEMPTS.map((a) => a.route))];
  const lines = ['| route | attempts | succeeded (stats / verify / export) |', '|---|---|---|'];
  for (const route of routes) {
    const attempts = ESCAPE_ATTEMPTS.filter((a) => a.route === route);
    lines.push(`| ${route} | ${attempts.length} | ${attempts.filter((a) => escapes.has(a.id)).length} |`);
  }
  lines.push(`| **all** | **${ESCAPE_ATTEMPTS.length}** | **${escapes.size}** |`);
  return `escape corpus through the CLI:\n${lines.join('\n')}`;
}

describe('the escape corpus through the real CLI', () => {
  it('hint-studio stats: runs every attempt and nothing gets out', { timeout: 20 * 60_000 }, async () => {
    const run = await cli(['stats', join(dir, 'project.json'), '--timeout', TIMEOUT_SECONDS]);
    expect(await evidence('stats', run)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${ESCAPE_ATTEMPTS.length} samples, `, 'm'));
  });

  it('hint-studio verify: runs every attempt and nothing gets out', { timeout: 20 * 60_000 }, async () => {
    const run = await cli(['verify', join(dir, 'project.json'), '--timeout', TIMEOUT_SECONDS]);
    expect(await evidence('verify', run)).toEqual([]);
    // Every attempt failed to reproduce "1", so verify reports them all and exits 1.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${ESCAPE_ATTEMPTS.length} samples, 0 verified, ${ESCAPE_ATTEMPTS.length} failed \\(semantics: cort\\)$`, 'm'));
    expect(run.stderr).toContain(`${ESCAPE_ATTEMPTS.length} of ${ESCAPE_ATTEMPTS.length} samples failed verification`);
  });

  it('hint-studio export: runs every attempt and nothing gets out', { timeout: 20 * 60_000 }, async () => {
    const out = join(dir, 'export');
    const run = await cli(['export', join(dir, 'project.json'), '--include', 'all', '--out', out, '--timeout', TIMEOUT_SECONDS]);
    const files = existsSync(out) ? readdirSync(out).map((file) => join(out, file)) : [];
    expect(await evidence('export', run, files)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    // The gate held every sample back: none reproduced its recorded output.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { counts: Record<string, number> };
    expect(manifest.counts).toMatchObject({ input: ESCAPE_ATTEMPTS.length, exported: 0, heldBack: ESCAPE_ATTEMPTS.length });
  });
});
