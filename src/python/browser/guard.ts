/**
 * What the studio accepts from a Python sandbox. Model code runs in there, so every message
 * is untrusted data: it is checked field by field (types, sizes, known values) before any of
 * it is used, and anything else is dropped with a reason the runtime shows as a notice.
 */
import type { InterpreterMessage } from '../protocol';
import { MESSAGE_LIMITS } from './sandbox/messages';

/** Messages the frame itself sends besides the interpreter's. */
export type FrameMessage =
  | { type: 'sandbox-loaded'; isolated: boolean }
  | { type: 'asset-request'; id: number; file: string }
  /** The frame dropped something (a message outside the worker's channel, an oversized one). */
  | { type: 'notice'; text: string };

export type SandboxMessage = InterpreterMessage | FrameMessage;

export type Parsed = { ok: true; message: SandboxMessage } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const OUTCOME_KINDS = new Set(['ok', 'error', 'timeout', 'interrupted']);

const fail = (reason: string): Parsed => ({ ok: false, reason });
const ok = (message: SandboxMessage): Parsed => ({ ok: true, message });

function parseResult(m: Fields): Parsed {
  if (!Number.isSafeInteger(m.id)) return fail('a result without a valid run id');
  const outcome = m.outcome;
  if (!isObject(outcome) || !OUTCOME_KINDS.has(outcome.kind as string)) return fail('a result without a valid outcome');
  if (!isText(outcome.stdout, MESSAGE_LIMITS.text)) return fail('a result whose output is not text or too long');
  if (outcome.traceback !== undefined && !isText(outcome.traceback, MESSAGE_LIMITS.text)) return fail('a result whose traceback is not text or too long');
  const packages = m.packages;
  if (!Array.isArray(packages) || packages.length > MESSAGE_LIMITS.list) return fail('a result with a malformed package list');
  for (const p of packages) {
    if (!isObject(p) || !isText(p.name, MESSAGE_LIMITS.short) || (p.from !== 'local' && p.from !== 'index')) return fail('a result with a malformed package entry');
  }
  return ok({
    type: 'result',
    id: m.id as number,
    outcome: {
      kind: outcome.kind as 'ok' | 'error' | 'timeout' | 'interrupted',
      stdout: outcome.stdout,
      ...(outcome.traceback !== undefined ? { traceback: outcome.traceback as string } : {}),
    },
    packages: packages.map((p) => ({ name: (p as Fields).name as string, from: (p as Fields).from as 'local' | 'index' })),
    durationMs: isNumber(m.durationMs) ? m.durationMs : 0,
  });
}

/**
 * Checks one message from the sandbox frame. The accepted message is rebuilt from the
 * checked fields, so nothing unexpected (extra fields, getters, prototypes) travels on.
 */
export function parseSandboxMessage(data: unknown): Parsed {
  if (!isObject(data)) return fail('not an object');
  switch (data.type) {
    case 'result':
      return parseResult(data);
    case 'progress':
      if (!isNumber(data.fraction) || !isText(data.detail, MESSAGE_LIMITS.short)) return fail('malformed progress');
      return ok({ type: 'progress', fraction: Math.max(0, Math.min(1, data.fraction)), detail: data.detail });
    case 'ready':
      if (!isText(data.version, MESSAGE_LIMITS.short)) return fail('malformed ready');
      return ok({ type: 'ready', version: data.version, bootMs: isNumber(data.bootMs) ? data.bootMs : 0 });
    case 'loading-packages': {
      const names = data.names;
      if (!Array.isArray(names) || names.length > MESSAGE_LIMITS.list || !names.every((n) => isText(n, MESSAGE_LIMITS.short))) return fail('malformed package names');
      return ok({ type: 'loading-packages', names: [...names] });
    }
    case 'fatal':
      if (typeof data.message !== 'string') return fail('malformed fatal error');
      return ok({ type: 'fatal', message: data.message.slice(0, MESSAGE_LIMITS.short) });
    case 'sandbox-loaded':
      return ok({ type: 'sandbox-loaded', isolated: data.isolated === true });
    case 'asset-request':
      // The file name is checked where it is served (ASSET_NAME), which answers a refusal.
      if (!Number.isSafeInteger(data.id) || !isText(data.file, MESSAGE_LIMITS.short)) return fail('malformed file request');
      return ok({ type: 'asset-request', id: data.id as number, file: data.file });
    case 'notice':
      if (!isText(data.text, MESSAGE_LIMITS.short)) return fail('malformed notice');
      return ok({ type: 'notice', text: data.text });
    default:
      return fail(`unknown type ${JSON.stringify(String(data.type)).slice(0, 40)}`);
  }
}
