/**
 * What the studio accepts from a Python sandbox. Model code runs in there, so every message
 * is untrusted data: it is checked field by field (types, sizes, known values) before any of
 * it is used, and anything else is dropped with a reason the runtime shows as a notice.
 */
import type { InterpreterMessage } from '../protocol';
import { checkInterpreterMessage } from '../validate';
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

const fail = (reason: string): Parsed => ({ ok: false, reason });
const ok = (message: SandboxMessage): Parsed => ({ ok: true, message });

/**
 * Checks one message from the sandbox frame. The accepted message is rebuilt from the
 * checked fields, so nothing unexpected (extra fields, getters, prototypes) travels on.
 */
export function parseSandboxMessage(data: unknown): Parsed {
  if (!isObject(data)) return fail('not an object');
  switch (data.type) {
    case 'sandbox-loaded':
      return ok({ type: 'sandbox-loaded', isolated: data.isolated === true });
    case 'asset-request':
      // The file name is checked where it is served (ASSET_NAME), which answers a refusal.
      if (!Number.isSafeInteger(data.id) || !isText(data.file, MESSAGE_LIMITS.short)) return fail('malformed file request');
      return ok({ type: 'asset-request', id: data.id as number, file: data.file });
    case 'notice':
      if (!isText(data.text, MESSAGE_LIMITS.short)) return fail('malformed notice');
      return ok({ type: 'notice', text: data.text });
    default: {
      // The interpreter's own messages: the one check both sandboxes share, with the frame's bounds.
      const checked = checkInterpreterMessage(data, MESSAGE_LIMITS);
      return checked.ok ? ok(checked.message) : fail(checked.problem);
    }
  }
}
