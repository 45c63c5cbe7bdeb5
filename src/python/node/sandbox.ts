/**
 * Entry of the sandbox process (bundled by bundle.ts; flags and environment in spawn.ts).
 * One thread: it reads the host's frames from stdin, runs Pyodide in a realm stripped by
 * harden.ts, and writes the interpreter's messages to fd 3, trimmed to fit a frame. There is
 * no worker thread: under the permission model a worker started with its own execArgv is
 * not restricted at all, so the process may start none. A cell is stopped by ending the
 * process (the host starts a new one and replays the namespace).
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PyodideAPI } from 'pyodide';
import { startInterpreter } from '../interpreter';
import type { HostMessage } from '../protocol';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames';
import { prepareRealm, sealRealm } from './harden';
import { captureForbidden, probePermissions, walkReach } from './reach';

export interface SandboxConfig {
  /** node_modules/pyodide (pyodide.mjs, pyodide.asm.*, python_stdlib.zip). */
  pyodideDir: string;
  /** The local package zips and local-packages.json. */
  assetsDir: string;
  /** Tests only: answer `inspect` frames (what Python can reach, what the process may do). */
  testHooks?: boolean;
}

export type InspectRequest = { what: 'reach' } | { what: 'permissions'; marker: string; secretFile: string; home: string };

/** What the host sends: the protocol's messages, and (test mode only) inspections. */
export type HostFrame = { t: 'message'; message: HostMessage } | { t: 'inspect'; request: InspectRequest };

/** Per text field of a result: as the runner keeps stdout, the first and last million characters. */
const KEEP_CHARS = 1_000_000;

const config = JSON.parse(process.argv[2] ?? '{}') as SandboxConfig;
// What this file needs of `process`, taken before the realm loses it.
const stdin = process.stdin;
const exit = process.exit.bind(process);
const toHost = createWriteStream('', { fd: 3 });
let closing = false;
const send = (message: unknown) => {
  if (!closing) toHost.write(frameFor(message));
};
const stop = (why: string) => {
  if (closing) return;
  send({ type: 'fatal', message: why });
  closing = true;
  toHost.end(() => exit(1));
  setTimeout(() => exit(1), 1000).unref();
};
process.on('uncaughtException', (error) => stop(`the sandbox failed: ${error.message}`));
process.on('unhandledRejection', (error) => stop(`the sandbox failed: ${(error as Error)?.message ?? String(error)}`));

const forbidden = config.testHooks ? await captureForbidden() : undefined;
const jsglobals = Object.freeze(Object.create(null) as object);
let pyodide: PyodideAPI | undefined;
try {
  prepareRealm();
  const { loadPyodide } = (await import(pathToFileURL(join(config.pyodideDir, 'pyodide.mjs')).href)) as typeof import('pyodide');
  const handle = await startInterpreter({
    loadPyodide: async () => {
      pyodide = await loadPyodide({
        indexURL: `${config.pyodideDir}/`,
        jsglobals,
        // Cells' stdout is captured in Python; nothing else reaches the CLI. input() sees EOF.
        stdin: () => null,
        stdout: () => {},
        stderr: () => {},
      });
      pyodide.runPython('import os; os.urandom(1)'); // crypto is loaded now, while it may be
      if (forbidden) forbidden.set((pyodide.FS as unknown as { filesystems: { NODEFS: object } }).filesystems.NODEFS, 'NODEFS');
      sealRealm(pyodide);
      return pyodide;
    },
    // A copy into a plain Uint8Array: unpackArchive rejects Node's Buffer.
    readAsset: async (file) => new Uint8Array(await readFile(join(config.assetsDir, basename(file)))),
    post: send,
    packageIndex: false,
  });
  const reader = new FrameReader(
    {
      frame: (text) => {
        const frame = JSON.parse(text) as HostFrame;
        if (frame.t === 'message') handle(frame.message);
        else if (frame.t === 'inspect' && forbidden && pyodide) void inspect(frame.request, pyodide, forbidden).then(send);
      },
      oversized: () => stop('the host sent an oversized frame'),
    },
    Number.MAX_SAFE_INTEGER,
  );
  stdin.on('data', (chunk: Buffer) => reader.push(chunk));
  // The host is gone (or closed us): nothing left to do.
  stdin.on('end', () => exit(0));
} catch (error) {
  stop(String((error as Error)?.message ?? error));
}

async function inspect(request: InspectRequest, python: PyodideAPI, identities: Map<unknown, string>) {
  try {
    return { type: 'inspection', report: request.what === 'reach' ? walkReach(python, jsglobals, identities) : await probePermissions(request) };
  } catch (error) {
    return { type: 'inspection', report: { failed: (error as Error).message } };
  }
}

/** The frame for a message from the interpreter, its texts trimmed to fit. */
function frameFor(message: unknown): Buffer {
  let frame: Buffer;
  try {
    frame = encodeFrame(trimResult(message));
  } catch (error) {
    return encodeFrame({ type: 'fatal', message: `the interpreter sent a message that cannot be sent on (${(error as Error).message})` });
  }
  if (frame.length <= MAX_FRAME_BYTES) return frame;
  return encodeFrame({ type: 'fatal', message: `the interpreter sent a message of ${frame.length} bytes, over the limit` });
}

function trimResult(message: unknown): unknown {
  const m = message as { type?: unknown; outcome?: { stdout?: unknown; traceback?: unknown; stderr?: unknown } };
  if (m?.type !== 'result' || typeof m.outcome !== 'object' || m.outcome === null) return message;
  const outcome = { ...m.outcome, stdout: keepEnds(m.outcome.stdout), traceback: keepEnds(m.outcome.traceback) };
  if (m.outcome.stderr !== undefined) outcome.stderr = keepEnds(m.outcome.stderr);
  return { ...m, outcome };
}

function keepEnds(text: unknown): unknown {
  if (typeof text !== 'string' || text.length <= 2 * KEEP_CHARS) return text;
  const dropped = text.length - 2 * KEEP_CHARS;
  return `${text.slice(0, KEEP_CHARS)}\n... [${dropped} characters not kept] ...\n${text.slice(-KEEP_CHARS)}`;
}
