/**
 * Messages between the executor (host side: the studio page or the CLI's main thread) and
 * the interpreter (a browser worker inside the sandbox frame, or a Node worker_thread).
 * Everything crossing the sandbox boundary is data of these shapes, nothing else.
 */
import type { CellOutcome } from '../core/exec/format';
import type { PackageUse } from '../core/exec/types';

export type HostMessage =
  | { type: 'run'; id: number; namespace: string; code: string; stdin?: string }
  | { type: 'drop'; namespace: string };

export type InterpreterMessage =
  | { type: 'progress'; fraction: number; detail: string }
  | { type: 'ready'; version: string; bootMs: number }
  | { type: 'loading-packages'; names: string[] }
  | { type: 'result'; id: number; outcome: CellOutcome; packages: PackageUse[]; durationMs: number }
  /** The interpreter cannot go on (a Pyodide fatal error, a failed boot). */
  | { type: 'fatal'; message: string };

/** POSIX SIGINT: what Pyodide's interrupt buffer expects to raise KeyboardInterrupt. */
export const SIGINT = 2;

export function isInterpreterMessage(value: unknown): value is InterpreterMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'progress' || type === 'ready' || type === 'loading-packages' || type === 'result' || type === 'fatal';
}
