import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getProfile, parseWithProfile, renderCode, renderOutput, type TraceProfileId } from './index';
import { traceToTurns } from './turns';

const line = fc.stringMatching(/^[a-z0-9 .=+()']{0,12}$/);
const body = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const piece = fc.oneof(
  fc.array(line, { minLength: 1, maxLength: 2 }).map((ls) => ({ kind: 'prose' as const, text: ls.map((l) => l + '\n').join('') })),
  fc.tuple(body, body).map(([code, result]) => ({ kind: 'call' as const, code, result })),
);

describe('chat turns lose nothing', () => {
  it.each(['cort', 'torl', 'retool', 'rstar2', 'chat'] as TraceProfileId[])('%s: turns put back together give the trace text', (id) => {
    const profile = getProfile(id);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.map((p) => (p.kind === 'prose' ? p.text : renderCode(p.code, profile) + renderOutput(p.result, profile))).join('');
        const result = traceToTurns(parseWithProfile(text, profile), profile);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const rebuilt = result.turns
          .map((t) => (t.role === 'tool' ? renderOutput(t.content, profile) : t.content + t.calls.map((c) => renderCode(c.code, profile, c.input, c.tool)).join('')))
          .join('');
        expect(rebuilt).toBe(text);
        expect(result.turns.filter((t) => t.role === 'tool').map((t) => t.content)).toEqual(pieces.flatMap((p) => (p.kind === 'call' ? [p.result] : [])));
      }),
      { numRuns: 500 },
    );
  });

  it('SimpleTIR: a call that printed nothing has an empty result, not a missing one', () => {
    const profile = getProfile('simpletir');
    const result = traceToTurns(parseWithProfile('A.```python\nx = 1\n```Then.```py\nprint(2)\n```\nCode execution result: 2\n\nB.', profile), profile);
    expect(result).toEqual({
      ok: true,
      turns: [
        { role: 'assistant', content: 'A.', calls: [{ code: 'x = 1', input: null, tool: null }] },
        { role: 'tool', content: '', tool: null },
        { role: 'assistant', content: 'Then.', calls: [{ code: 'print(2)', input: null, tool: null }] },
        { role: 'tool', content: '2\n', tool: null },
        { role: 'assistant', content: 'B.', calls: [] },
      ],
    });
  });

  it('refuses structures that are not turns, saying where', () => {
    const cort = getProfile('cort');
    const turns = (text: string) => traceToTurns(parseWithProfile(text, cort), cort);
    expect(turns('A\n```python\nx\n')).toEqual({ ok: false, reason: 'the code block at offset 2 is not closed: it never ran' });
    expect(turns('A\n```python\nx\n```\nB\n```output\n1\n```\n')).toEqual({ ok: false, reason: 'text at offset 18 lies between a code call and its output' });
    expect(turns('A\n```python\nx\n```\n')).toEqual({ ok: false, reason: 'the last code call has no output: it never ran' });
  });
});
