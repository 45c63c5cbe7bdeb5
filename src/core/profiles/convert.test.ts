import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTrace } from '../trace';
import { exportSamples } from '../export';
import { cortHinted } from '../export/testing/profileSamples';
import { BUILTIN_PROFILES, getProfile, parseWithProfile, type TraceProfileId } from './index';
import { convertSample, convertTrace, convertWithRoundTrip } from './convert';
import { profileTraceText } from './testing/arbitrary';
import { renderCode, renderOutput } from './blocks';

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/reference.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
const textOf = (id: string) => reference[id].pieces.map(([, t]) => t).join('');

/** Profiles whose text delimits every block (SimpleTIR's output ends are a guess, see scanInlineFence). */
const DELIMITED: TraceProfileId[] = ['cort', 'torl', 'retool', 'rstar2', 'chat'];

describe('converting between profiles', () => {
  it('rewrites CoRT blocks as ReTool writes them, leaving prose and the answer as they were', () => {
    const cort = getProfile('cort');
    const trace = parseWithProfile('Compute.\n```python\nprint(7**2)\n```\n```output\n49\n```\nSo 49.\n</think>\n\\boxed{49}', cort);
    const { trace: converted, losses } = convertTrace(trace, cort, getProfile('retool'));
    expect(losses).toEqual([]);
    expect(renderTrace(converted)).toBe(
      'Compute.\n<code>\n```python\nprint(7**2)\n```\n</code>\n\n<interpreter>\n49\n</interpreter>\n\nSo 49.\n</think>\n\\boxed{49}',
    );
  });

  it.each(DELIMITED.flatMap((a) => DELIMITED.filter((b) => b !== a).map((b) => [a, b] as const)))(
    'round-trips the canonical %s reference trace through %s byte for byte',
    (a, b) => {
      const from = getProfile(a);
      const source = reference[a] ? textOf(a) : textOf('cort');
      const trace = parseWithProfile(source, reference[a] ? from : getProfile('cort'));
      const start = reference[a] ? trace : convertTrace(trace, getProfile('cort'), from).trace;
      const result = convertWithRoundTrip(start, from, getProfile(b));
      expect(result.ok, result.ok ? '' : result.reason).toBe(true);
      if (!result.ok) return;
      const back = convertTrace(parseWithProfile(renderTrace(result.trace), getProfile(b)), getProfile(b), from);
      expect(renderTrace(back.trace)).toBe(renderTrace(start));
    },
  );

  it('refuses, with the offset, what cannot survive the round trip', () => {
    const cort = getProfile('cort');
    const py = parseWithProfile('A.\n```py\nprint(1)\n```\n```output\n1\n```\n', cort);
    const refused = convertWithRoundTrip(py, cort, getProfile('retool'));
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/changes the trace at offset 8: the code block at offset 3 is not written as CoRT writes it/) });
    // SimpleTIR cannot say where "1" ends when the model goes on without a blank line.
    const tight = parseWithProfile('A.\n```python\nprint(1)\n```\n```output\n1\n```\nB.', cort);
    expect(convertWithRoundTrip(tight, cort, getProfile('simpletir')).ok).toBe(false);
  });

  it('never accepts a conversion whose round trip changes a byte, for any text', () => {
    fc.assert(
      fc.property(profileTraceText, fc.constantFrom(...BUILTIN_PROFILES.map((p) => p.id)), fc.constantFrom(...BUILTIN_PROFILES.map((p) => p.id)), (s, a, b) => {
        const from = getProfile(a);
        const to = getProfile(b);
        const trace = parseWithProfile(s, from);
        const result = convertWithRoundTrip(trace, from, to);
        if (a === b) {
          expect(result).toEqual({ ok: true, trace });
          return;
        }
        if (!result.ok) return;
        const back = convertTrace(parseWithProfile(renderTrace(result.trace), to), to, from);
        expect(renderTrace(back.trace)).toBe(s);
      }),
      { numRuns: 1500 },
    );
  });

  it('converts every canonical trace between delimited profiles and back, byte for byte', () => {
    const line = fc.stringMatching(/^[a-z0-9 .=+()]{0,12}$/);
    const body = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
    const piece = fc.oneof(
      fc.array(line, { minLength: 1, maxLength: 2 }).map((ls) => ({ kind: 'prose' as const, text: ls.map((l) => l + '\n').join('') })),
      fc.tuple(body, body).map(([code, result]) => ({ kind: 'call' as const, code, result })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.constantFrom(...DELIMITED), fc.constantFrom(...DELIMITED), (pieces, a, b) => {
        const from = getProfile(a);
        const text = pieces.map((p) => (p.kind === 'prose' ? p.text : renderCode(p.code, from) + renderOutput(p.result, from))).join('');
        const trace = parseWithProfile(text, from);
        const result = convertWithRoundTrip(trace, from, getProfile(b));
        expect(result.ok, result.ok ? '' : result.reason).toBe(true);
        if (!result.ok) return;
        expect(result.trace.segments.filter((s) => s.kind === 'code').length).toBe(pieces.filter((p) => p.kind === 'call').length);
        const back = convertTrace(parseWithProfile(renderTrace(result.trace), getProfile(b)), getProfile(b), from);
        expect(renderTrace(back.trace)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves a cut branch with the hint it belongs to', () => {
    const converted = convertSample(cortHinted, getProfile('cort'), getProfile('retool'));
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    expect(converted.sample.profile).toBe('retool');
    expect(converted.sample.branches[0].at).toBe(cortHinted.branches[0].at);
    expect(renderTrace(converted.sample.trace)).toContain('<code>\n```python\nimport sympy');
  });

  it('is an export option: converted bytes in the file, the target in the manifest, lossy samples held back', async () => {
    const lossy = { ...cortHinted, id: 'lossy', branches: [], trace: parseWithProfile('A.\n```py\nprint(1)\n```\n```output\n1\n```\nB.', getProfile('cort')) };
    const { files, manifest, heldBack } = await exportSamples([cortHinted, lossy], {
      format: 'prompt-completion',
      include: 'all',
      convertTo: 'retool',
      studioVersion: 't',
      exportedAt: 'x',
      // prompt-completion cannot mask the outputs: kept here on purpose, to read the converted bytes.
      trainOnOutputs: true,
    });
    const record = JSON.parse(new TextDecoder().decode(files[0].bytes).split('\n')[0]);
    expect(record.completion).toContain('</code>\n\n<interpreter>\n5\n</interpreter>\n\n');
    expect(manifest).toMatchObject({ convertedTo: 'retool', traceProfiles: { retool: 1 } });
    expect(heldBack.map((h) => h.sampleId)).toEqual(['lossy']);
  });
});
