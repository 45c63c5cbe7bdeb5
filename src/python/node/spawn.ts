/**
 * Starts the Python sandbox: a separate Node process with an empty environment, Node's
 * permission model (it may read Pyodide's files, the local package zips and its own entry
 * script — nothing else; no writes, no child processes, no native addons), and no code
 * generation from strings. The host talks to it over two pipes in length-prefixed frames,
 * and reads every frame from it as untrusted: size-checked before it is read, parsed, and
 * shape-checked before the executor sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { InterpreterEvents, InterpreterProcess } from '../host';
import type { HostMessage } from '../protocol';
import { sandboxEntryFile } from './bundle';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames';
import type { ReachReport } from './reach';
import type { HostFrame } from './sandbox-main';
import type { SandboxConfig } from './sandbox-worker';
import { checkInterpreterMessage } from './validate';

export interface SandboxOptions {
  /** The local package zips (local-packages.json and the zips it names). */
  assetsDir: string;
  /** Told about every frame that was dropped, and why. */
  onNotice(text: string): void;
  /** Tests only: lets the test ask the sandbox what Python can reach. */
  testHooks?: boolean;
  /** Tests only: run this script instead of the sandbox (a misbehaving interpreter). */
  entryOverride?: string;
}

export interface SandboxProcess extends InterpreterProcess {
  /** Tests only (testHooks): a walk of the JS objects Python can reach. */
  inspectReach(): Promise<ReachReport>;
  readonly pid: number | undefined;
}

export const PYODIDE_DIR = realpathSync(dirname(createRequire(import.meta.url).resolve('pyodide')));

/** Node 20 spells the permission flag `--experimental-permission`; later versions `--permission`. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
const STDERR_KEPT = 2000;
const live = new Set<ChildProcess>();
let exitHooked = false;

/** The command line of the sandbox process (exported for the tests that check it). */
export function sandboxArgs(entry: string, config: SandboxConfig): string[] {
  return [
    PERMISSION_FLAG,
    `--allow-fs-read=${entry}`,
    `--allow-fs-read=${config.pyodideDir}/*`,
    `--allow-fs-read=${config.assetsDir}/*`,
    // One worker thread runs Pyodide so that this thread stays free to deliver interrupts;
    // a worker inherits the process's permissions (it is started without execArgv).
    '--allow-worker',
    '--disallow-code-generation-from-strings',
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
  let stderrTail = '';
  const reach: ((report: ReachReport) => void)[] = [];
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    live.delete(child);
    for (const answer of reach.splice(0)) answer({ roots: 0, objects: 0, functions: 0, hits: [`no report: ${reason}`], callers: [], truncated: true });
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
      if (options.testHooks && (value as { type?: unknown })?.type === 'reach-report') {
        reach.shift()?.((value as { report: ReachReport }).report);
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
    end(`the Python sandbox process exited (${signal ? `signal ${signal}` : `code ${code}`})${last ? `: ${last}` : ''}`);
  });

  const send = (frame: HostFrame) => {
    if (!ended && stdin.writable) stdin.write(encodeFrame(frame));
  };
  return {
    pid: child.pid,
    post: (message: HostMessage) => send({ t: 'message', message }),
    interrupt: () => send({ t: 'interrupt' }),
    clearInterrupt: () => send({ t: 'clear-interrupt' }),
    terminate: () => {
      ended = true;
      live.delete(child);
      child.kill('SIGKILL');
    },
    inspectReach: () =>
      new Promise<ReachReport>((resolve) => {
        reach.push(resolve);
        send({ t: 'inspect-reach' });
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

/** The last non-empty line of the sandbox's stderr, without control characters. */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 300);
}
