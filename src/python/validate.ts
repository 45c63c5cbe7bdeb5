/**
 * The sandbox's messages are untrusted data: each is checked field by field against the
 * protocol's types and rebuilt from the known fields only, before anything reads it. One
 * check for both sandboxes: the CLI's Node process (node/spawn.ts) and the browser's frame
 * (browser/guard.ts, which adds the frame's own messages and its text limits).
 */
import type { CellOutcome } from '../core/exec/format';
import type { PackageUse } from '../core/exec/types';
import type { InterpreterMessage } from './protocol';

export type Checked = { ok: true; message: InterpreterMessage } | { ok: false; problem: string };

/** Bounds on a message's fields (characters; entries of a list). */
export interface MessageBounds {
  /** Output texts: stdout, traceback, stderr. */
  text: number;
  /** Short fields: details, names. */
  short: number;
  /** Entries of a list field (package names). */
  list: number;
}

/** The Node transport bounds a whole frame by its bytes (frames.ts), so texts need no limit of their own. */
const NODE_BOUNDS: MessageBounds = { text: Infinity, short: 500, list: 200 };

const OUTCOME_KINDS: ReadonlySet<string> = new Set<CellOutcome['kind']>(['ok', 'error', 'timeout', 'interrupted', 'unavailable']);
const PACKAGE_SOURCES: ReadonlySet<string> = new Set<PackageUse['from']>(['local', 'index']);
/** A fatal message is only shown to the user: a long one is cut rather than refused. */
const FATAL_SHOWN = 2000;

class Invalid extends Error {}

export function checkInterpreterMessage(value: unknown, bounds: MessageBounds = NODE_BOUNDS): Checked {
  try {
    return { ok: true, message: rebuild(value, bounds) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.message };
    throw error;
  }
}

function rebuild(value: unknown, bounds: MessageBounds): InterpreterMessage {
  const m = record(value, 'message');
  const list = (v: unknown, field: string) => entries(v, field, bounds.list);
  switch (m.type) {
    case 'progress':
      return { type: 'progress', fraction: fraction(m.fraction), detail: text(m.detail, 'detail', bounds.short) };
    case 'ready':
      return { type: 'ready', version: text(m.version, 'version', 64), bootMs: duration(m.bootMs, 'bootMs') };
    case 'loading-packages':
      return { type: 'loading-packages', names: list(m.names, 'names').map((n, i) => text(n, `names[${i}]`, bounds.short)) };
    case 'running':
      return { type: 'running', id: runId(m.id) };
    case 'result':
      return {
        type: 'result',
        id: runId(m.id),
        outcome: outcome(m.outcome, bounds.text),
        packages: list(m.packages, 'packages').map((p, i) => packageUse(p, i, bounds.short)),
        durationMs: duration(m.durationMs, 'durationMs'),
      };
    case 'fatal':
      return { type: 'fatal', message: text(m.message, 'message', Infinity).slice(0, FATAL_SHOWN) };
    default:
      throw new Invalid(`unknown message type ${JSON.stringify(String(m.type).slice(0, 40))}`);
  }
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new Invalid(`${field} is not a string`);
  if (value.length > max) throw new Invalid(`${field} is longer than ${max} characters`);
  return value;
}

function entries(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new Invalid(`${field} is not an array`);
  if (value.length > max) throw new Invalid(`${field} has more than ${max} entries`);
  return value;
}

function fraction(value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Invalid('fraction is not a number from 0 to 1');
  return value;
}

function duration(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Invalid(`${field} is not a duration`);
  return value;
}

function runId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new Invalid('id is not a run id');
  return value;
}

function outcome(value: unknown, max: number): CellOutcome {
  const o = record(value, 'outcome');
  if (typeof o.kind !== 'string' || !OUTCOME_KINDS.has(o.kind)) throw new Invalid('outcome.kind is not a cell outcome');
  const rebuilt: CellOutcome = { kind: o.kind as CellOutcome['kind'], stdout: text(o.stdout, 'outcome.stdout', max) };
  if (o.traceback !== undefined && o.traceback !== null) rebuilt.traceback = text(o.traceback, 'outcome.traceback', max);
  // 'script' runs keep stderr apart (warnings, the traceback as Python prints it).
  if (o.stderr !== undefined && o.stderr !== null) rebuilt.stderr = text(o.stderr, 'outcome.stderr', max);
  return rebuilt;
}

function packageUse(value: unknown, index: number, max: number): PackageUse {
  const p = record(value, `packages[${index}]`);
  if (typeof p.from !== 'string' || !PACKAGE_SOURCES.has(p.from)) throw new Invalid(`packages[${index}].from is not a package source`);
  return { name: text(p.name, `packages[${index}].name`, max), from: p.from as PackageUse['from'] };
}
