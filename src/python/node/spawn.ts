/**
 * Starts the Python sandbox: a separate Node process with an empty environment, Node's
 * permission model (it may read Pyodide's files, the local package zips and its own entry
 * script — nothing else; no writes, no child processes, no worker threads, no native
 * addons), and no code generation from strings. The host talks to it over two pipes in
 * length-prefixed frames, and reads every frame from it as untrusted: size-checked before
 * it is read, parsed, and shape-checked before the executor sees it. A cell is stopped
 * (time limit, interrupt) by ending the process: the executor then starts a new one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { InterpreterEvents, InterpreterProcess } from '../hostTypes';
import type { HostMessage } from '../protocol';
import { sandboxEntryFile } from './bundle';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames';
import type { HostFrame, InspectRequest, SandboxConfig } from './sandbox';
import { checkInterpreterMessage } from '../validate';

export interface SandboxOptions {
  /** The local package zips (local-packages.json and the zips it names). */
  assetsDir: string;
  /** Told about every frame that was dropped, and why. */
  onNotice(text: string): void;
  /** Tests only: lets the test ask the sandbox what Python can reach and what it may do. */
  testHooks?: boolean;
  /** Tests only: run this script instead of the sandbox (a misbehaving interpreter). */
  entryOverride?: string;
}

export interface SandboxProcess extends InterpreterProcess {
  /** Tests only (testHooks): see reach.ts; rejects when the sandbox ends first. */
  inspect(request: InspectRequest): Promise<unknown>;
  readonly pid: number | undefined;
}

export const PYODIDE_DIR = realpathSync(dirname(createRequire(import.meta.url).resolve('pyodide')));

/** Node 20 spells the permission flag `--experimental-permission`; later versions `--permission`. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
const STDERR_KEPT = 2000;
/** The sandbox's JS heap (Pyodide's memory is WebAssembly's, outside it). */
const HEAP_MB = 2048;
const live = new Set<ChildProcess>();
let exitHooked = false;

/** The command line of the sandbox process (exported for the tests that check it). */
export function sandboxArgs(entry: string, config: SandboxConfig): string[] {
  return [
    PERMISSION_FLAG,
    `--allow-fs-read=${entry}`,
    `--allow-fs-read=${config.pyodideDir}/*`,
    `--allow-fs-read=${config.assetsDir}/*`,
    // No --allow-worker: a worker started with its own execArgv escapes the permission model.
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${HEAP_MB}`,
    '--no-warnings',
    entry,
    JSON.stringify(config),
  ];
}

export function spawnSandbox(events: InterpreterEvents, options: SandboxOptions): SandboxProcess {
  const assetsDir = realpathOr(options.assetsDir);
  const config: SandboxConfig = { pyodideDir: PYODIDE_DIR, assetsDir, testHooks: options.testHooks };
  const entry = options.entryOverride ?? sandboxEntryFile();
  const child = spawn(process.execPath, sandboxArgs(entry, config), {
    env: {},
    cwd: PYODIDE_DIR,
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  live.add(child);
  if (!exitHooked) process.on('exit', killAll);
  exitHooked = true;

  let ended = false;
  let stopped = false;
  let stderrTail = '';
  const inspections: { resolve(report: unknown): void; reject(error: Error): void }[] = [];
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    live.delete(child);
    for (const waiting of inspections.splice(0)) waiting.reject(new Error(reason));
    events.exit(reason);
  };

  const reader = new FrameReader({
    frame: (text) => {
      if (ended) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        options.onNotice('dropped a message from the Python sandbox that is not JSON');
        return;
      }
      if (options.testHooks && (value as { type?: unknown })?.type === 'inspection') {
        inspections.shift()?.resolve((value as { report: unknown }).report);
        return;
      }
      const checked = checkInterpreterMessage(value);
      if (checked.ok) events.message(checked.message);
      else options.onNotice(`dropped a malformed message from the Python sandbox (${checked.problem})`);
    },
    oversized: (bytes) => options.onNotice(`dropped a message of ${bytes} bytes from the Python sandbox (the limit is ${MAX_FRAME_BYTES})`),
  });
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => reader.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_KEPT);
  });
  const stdin = child.stdin as Writable;
  stdin.on('error', () => {}); // EPIPE after the process died: its 'exit' says so
  child.on('error', (error) => end(`the Python sandbox could not run: ${error.message}`));
  child.on('exit', (code, signal) => {
    const last = lastLine(stderrTail);
    if (stopped) end('the Python sandbox process was ended to stop the cell');
    else end(`the Python sandbox process exited (${signal ? `signal ${signal}` : `code ${code}`})${last ? `: ${last}` : ''}`);
  });

  const send = (frame: HostFrame) => {
    if (!ended && stdin.writable) stdin.write(encodeFrame(frame));
  };
  return {
    pid: child.pid,
    post: (message: HostMessage) => send({ t: 'message', message }),
    interruptEnds: true,
    interrupt: () => {
      stopped = true;
      child.kill('SIGKILL');
    },
    clearInterrupt: () => {},
    terminate: () => {
      ended = true;
      live.delete(child);
      child.kill('SIGKILL');
    },
    inspect: (request) =>
      new Promise((resolve, reject) => {
        inspections.push({ resolve, reject });
        send({ t: 'inspect', request });
      }),
  };
}

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // absent: the sandbox reports no local packages
  }
}

/** The last non-empty line of the sandbox's stderr. */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return printable(lines.at(-1) ?? '').slice(0, 300);
}

/** Text from the sandbox made safe for a terminal: no control characters (escape sequences). */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
