/**
 * Messages between the executor (host side: the studio page or the CLI's main thread) and
 * the interpreter (a browser worker inside the sandbox frame, or a Node worker_thread).
 * Everything crossing the sandbox boundary is data of these shapes, nothing else.
 */
import type { CellOutcome } from '../core/exec/format';
import type { ExecMode, PackageUse } from '../core/exec/types';

export type HostMessage =
  /**
   * mode 'namespace': `code` is one cell, run in the live namespace `namespace`;
   * mode 'cort': `code` is a whole program, run as CoRT's executor runs it (fresh `{}`
   * globals, input(/os.system( refused, state put back afterwards); mode 'script': `code` runs
   * as a fresh process's `__main__` with `stdin`, stderr captured apart; for both `namespace`
   * only names the caller. A message without `mode` is a 'namespace' run.
   */
  | { type: 'run'; id: number; namespace: string; code: string; mode?: ExecMode; stdin?: string }
  | { type: 'drop'; namespace: string };

export type InterpreterMessage =
  | { type: 'progress'; fraction: number; detail: string }
  | { type: 'ready'; version: string; bootMs: number }
  | { type: 'loading-packages'; names: string[] }
  /** Cell `id` starts executing now (its packages are loaded): its time limit starts here. */
  | { type: 'running'; id: number }
  | { type: 'result'; id: number; outcome: CellOutcome; packages: PackageUse[]; durationMs: number }
  /** The interpreter cannot go on (a Pyodide fatal error, a failed boot). */
  | { type: 'fatal'; message: string };

/** POSIX SIGINT: what Pyodide's interrupt buffer expects to raise KeyboardInterrupt. */
export const SIGINT = 2;
/**
 * POSIX SIGALRM: written into the interrupt buffer at the time limit of a 'cort' run; the
 * runner's handler raises CoRT's time-out exception (timeout_decorator's) in the program.
 */
export const SIGALRM = 14;

/** The signals a host may write into the interrupt buffer. */
export type InterruptSignal = typeof SIGINT | typeof SIGALRM;

export function isInterruptSignal(value: unknown): value is InterruptSignal {
  return value === SIGINT || value === SIGALRM;
}

export function isInterpreterMessage(value: unknown): value is InterpreterMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'progress' || type === 'ready' || type === 'loading-packages' || type === 'running' || type === 'result' || type === 'fatal';
}
