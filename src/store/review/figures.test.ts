import { describe, expect, it } from 'vitest';
import type { CheckResult, SampleChecks } from '../../core/checks';
import type { ReviewStatus, Sample } from '../../core/sample/types';
import { parseTrace } from '../../core/trace';
import { countedTokens, curationFigures, histogram } from './figures';

const F = '```';
const withCalls = (n: number) => Array.from({ length: n }, (_, i) => `${F}python\nprint(${i})\n${F}\n${F}output\n${i}\n${F}\n`).join('') + '</think>1';

function sample(id: string, status: ReviewStatus, source: string | undefined, calls: number): Sample {
  const text = withCalls(calls);
  return {
    id, problem: id, prompt: id, record: {}, origin: { format: 'pasted', file: 'x' }, source,
    original: text + ' and more words', trace: parseTrace(text), branches: [], status, createdAt: '', updatedAt: '',
  };
}

const answerFail: CheckResult = { id: 'answer', label: 'Final answer equals ground truth', status: 'fail', detail: '' };
const thinkFail: CheckResult = { id: 'think-end', label: '</think> exactly once', status: 'fail', detail: '' };
const pass: CheckResult = { id: 'code-calls', label: 'At most 15 code calls', status: 'pass', detail: '' };

describe('curationFigures', () => {
  const samples = [
    sample('a', 'approved', 'aime24', 2),
    sample('b', 'approved', 'aime24', 3),
    sample('c', 'ready', 'math500', 0),
    sample('d', 'draft', undefined, 3),
    sample('e', 'rejected', 'math500', 16),
  ];
  const checks: Record<string, CheckResult[]> = { a: [pass], b: [answerFail], c: [answerFail, thinkFail], e: [pass] };
  const figures = curationFigures({
    samples,
    target: 30,
    checksOf: (s) => checks[s.id],
    tokensOf: (s) => ({ original: s.original.split(/\s+/).length, now: s.trace.segments.length }),
  });

  it('counts progress, statuses and sources like the library does', () => {
    expect(figures).toMatchObject({ total: 5, approved: 2, target: 30 });
    expect(figures.byStatus).toEqual({ draft: 1, ready: 1, approved: 2, 'changes-requested': 0, rejected: 1 });
    expect(figures.bySource.map((r) => [r.source, r.total, r.byStatus.approved])).toEqual([
      ['(none)', 1, 0],
      ['aime24', 2, 2],
      ['math500', 2, 0],
    ]);
  });

  it('counts failing checks per check and keeps unchecked samples apart', () => {
    expect(figures.checkFailures).toEqual([
      { id: 'answer', label: 'Final answer equals ground truth', samples: 2 },
      { id: 'think-end', label: '</think> exactly once', samples: 1 },
    ]);
    expect(figures).toMatchObject({ failingSamples: 2, uncheckedSamples: 1 });
  });

  it('bins code calls and tokens so every sample lands in one bin', () => {
    expect(figures.codeCalls.series[0].counts.reduce((a, b) => a + b)).toBe(5);
    expect(figures.codeCalls.mean).toBeCloseTo(24 / 5);
    const [imported, curated] = figures.tokens.histogram.series;
    expect(imported.counts.reduce((a, b) => a + b)).toBe(5);
    expect(curated.counts.reduce((a, b) => a + b)).toBe(5);
    expect(figures.tokens.originalTotal).toBeGreaterThan(0);
  });

  it('labels histogram bins with their ranges and puts the maximum in the last bin', () => {
    const h = histogram([{ name: 'x', values: [0, 5, 15] }], 4);
    expect(h.labels).toEqual(['0–3', '4–7', '8–11', '12–15']);
    expect(h.series[0].counts).toEqual([1, 1, 0, 1]);
  });
});

describe('curationFigures over facts still arriving', () => {
  // What the checks cache holds part-way through the library index's pass on a big library:
  // quick checks without a token counter for some samples, counted ones for fewer, none for the rest.
  const samples = Array.from({ length: 6 }, (_, i) => sample(`p${i}`, i < 2 ? 'approved' : 'draft', i % 2 ? 'aime24' : 'math500', i));
  const quickChecks = (checks: CheckResult[], tokens?: { original: number; now: number }): SampleChecks => ({
    ok: !checks.some((c) => c.status === 'fail'),
    checks,
    efficiency: { codeCalls: 0, calculationCells: 0, verificationCells: 0, untaggedCells: 0, tokensOriginal: tokens?.original, tokensNow: tokens?.now },
  });
  const cache: Record<string, SampleChecks> = {
    p0: quickChecks([pass], { original: 1000, now: 600 }),
    p1: quickChecks([answerFail], { original: 3000, now: 3000 }),
    p2: quickChecks([answerFail]),
  };
  const figures = curationFigures({
    samples,
    target: 10,
    checksOf: (s) => cache[s.id]?.checks,
    tokensOf: (s) => countedTokens(cache[s.id]),
  });

  it('counts every sample by status and source before any token is counted', () => {
    expect(figures).toMatchObject({ total: 6, approved: 2 });
    expect(figures.byStatus).toMatchObject({ approved: 2, draft: 4 });
    expect(figures.bySource.map((r) => [r.source, r.total])).toEqual([
      ['aime24', 3],
      ['math500', 3],
    ]);
    expect(figures.codeCalls.series[0].counts.reduce((a, b) => a + b)).toBe(6);
  });

  it('sums tokens over the counted samples only and says how many those are', () => {
    expect(figures.tokens).toMatchObject({ counted: 2, originalTotal: 4000, nowTotal: 3600 });
    for (const series of figures.tokens.histogram.series) expect(series.counts.reduce((a, b) => a + b)).toBe(2);
  });

  it('counts failures among the checked samples and the rest as not checked yet', () => {
    expect(figures).toMatchObject({ failingSamples: 2, uncheckedSamples: 3 });
    expect(figures.checkFailures).toEqual([{ id: 'answer', label: 'Final answer equals ground truth', samples: 2 }]);
  });

  it('reads token counts only from checks that ran with a token counter', () => {
    expect(countedTokens(cache.p0)).toEqual({ original: 1000, now: 600 });
    expect(countedTokens(cache.p2)).toBeUndefined();
    expect(countedTokens(undefined)).toBeUndefined();
  });
});
