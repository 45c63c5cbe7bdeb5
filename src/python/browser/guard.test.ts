import { describe, expect, it } from 'vitest';
import { keepEnds, MESSAGE_LIMITS } from './sandbox/messages';
import { parseSandboxMessage } from './guard';

const result = (patch: Record<string, unknown> = {}, outcome: Record<string, unknown> = {}) => ({
  type: 'result',
  id: 12345,
  outcome: { kind: 'ok', stdout: '42', ...outcome },
  packages: [{ name: 'sympy', from: 'local' }],
  durationMs: 3,
  ...patch,
});

describe('messages from the Python sandbox', () => {
  it('accepts a well-formed result, rebuilt from its checked fields only', () => {
    const parsed = parseSandboxMessage({ ...result(), extra: 'ignored', __proto__: { polluted: true } });
    expect(parsed).toEqual({
      ok: true,
      message: { type: 'result', id: 12345, outcome: { kind: 'ok', stdout: '42' }, packages: [{ name: 'sympy', from: 'local' }], durationMs: 3 },
    });
    expect(parsed.ok && 'extra' in parsed.message).toBe(false);
  });

  it("accepts what 'cort' and 'script' runs send: the running signal, an unavailable package, stderr", () => {
    expect(parseSandboxMessage({ type: 'running', id: 7, extra: 1 })).toEqual({ ok: true, message: { type: 'running', id: 7 } });
    const parsed = parseSandboxMessage(result({}, { kind: 'unavailable', stdout: '', traceback: 'numpy is not available offline', stderr: 'warning' }));
    expect(parsed.ok && parsed.message).toMatchObject({ outcome: { kind: 'unavailable', traceback: 'numpy is not available offline', stderr: 'warning' } });
  });

  it('drops results that are malformed, oversized or of an unknown kind, saying why', () => {
    const cases: [unknown, RegExp][] = [
      [result({ id: '1' }), /run id/],
      [result({ id: 1.5 }), /run id/],
      [result({}, { kind: 'pass' }), /outcome/],
      [result({}, { stdout: 42 }), /stdout is not a string/],
      [result({}, { stdout: 'x'.repeat(MESSAGE_LIMITS.text + 1) }), /stdout is longer than/],
      [result({}, { traceback: 'x'.repeat(MESSAGE_LIMITS.text + 1) }), /traceback is longer than/],
      [result({}, { stderr: 'x'.repeat(MESSAGE_LIMITS.text + 1) }), /stderr is longer than/],
      [{ type: 'running', id: -1 }, /run id/],
      [result({ packages: [{ name: 'sympy', from: 'elsewhere' }] }), /package/],
      [result({ packages: 'sympy' }), /package/],
      [{ type: 'eval', code: 'alert(1)' }, /unknown message type/],
      ['result', /not an object/],
      [null, /not an object/],
      [{ type: 'asset-request', id: '1', file: 'sympy.zip' }, /file request/],
      [{ type: 'progress', fraction: 0.5, detail: 'x'.repeat(MESSAGE_LIMITS.short + 1) }, /detail is longer than/],
    ];
    for (const [message, reason] of cases) {
      const parsed = parseSandboxMessage(message);
      expect(parsed.ok, JSON.stringify(message).slice(0, 80)).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    }
  });

  it('keeps both ends of a long text within the limit the studio accepts', () => {
    const text = 'a'.repeat(MESSAGE_LIMITS.keepEnds) + 'MIDDLE'.repeat(1000) + 'z'.repeat(MESSAGE_LIMITS.keepEnds);
    const kept = keepEnds(text);
    expect(kept.length).toBeLessThanOrEqual(MESSAGE_LIMITS.text);
    expect(kept.startsWith('a'.repeat(MESSAGE_LIMITS.keepEnds))).toBe(true);
    expect(kept.endsWith('z'.repeat(MESSAGE_LIMITS.keepEnds))).toBe(true);
    expect(kept).toContain('[6000 characters not kept]');
    expect(parseSandboxMessage(result({}, { stdout: kept })).ok).toBe(true);
    expect(keepEnds('short')).toBe('short');
  });
});
