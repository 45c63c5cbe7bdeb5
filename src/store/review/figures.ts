/**
 * The figures of the curation dashboard, computed from the library: progress toward the
 * approved-sample target, counts by status and source, tokens before and after curation,
 * code calls per sample, and which checks fail. Charts and tables show the same numbers.
 */
import { failing, type CheckResult, type SampleChecks } from '../../core/checks';
import type { ReviewStatus, Sample } from '../../core/sample/types';

export const STATUSES: ReviewStatus[] = ['draft', 'ready', 'approved', 'changes-requested', 'rejected'];

export type StatusCounts = Record<ReviewStatus, number>;

export interface Histogram {
  /** Bin labels, e.g. "0–999". */
  labels: string[];
  /** One count array per series, aligned with `labels`. */
  series: { name: string; counts: number[] }[];
}

export interface CurationFigures {
  total: number;
  target: number;
  approved: number;
  byStatus: StatusCounts;
  bySource: { source: string; total: number; byStatus: StatusCounts }[];
  tokens: { counted: number; originalTotal: number; nowTotal: number; histogram: Histogram };
  codeCalls: Histogram & { mean: number };
  /** Per check: how many samples fail it (samples not yet checked are counted apart). */
  checkFailures: { id: string; label: string; samples: number }[];
  failingSamples: number;
  uncheckedSamples: number;
}

export interface FigureInputs {
  samples: Sample[];
  target: number;
  /** The sample's current checks, when known. */
  checksOf: (sample: Sample) => CheckResult[] | undefined;
  /** Tokens of the imported and the current trace; undefined (or absent) leaves the sample out of the token figures. */
  tokensOf?: (sample: Sample) => { original: number; now: number } | undefined;
}

/**
 * Tokens of the imported and the current trace as the quick checks counted them (the efficiency
 * metrics), so the dashboard reads the counts the library's index already paid for instead of
 * tokenizing again; undefined until checks with a token counter have run.
 */
export function countedTokens(checks: SampleChecks | undefined): { original: number; now: number } | undefined {
  const m = checks?.efficiency;
  return m?.tokensOriginal !== undefined && m.tokensNow !== undefined ? { original: m.tokensOriginal, now: m.tokensNow } : undefined;
}

const emptyCounts = (): StatusCounts => ({ draft: 0, ready: 0, approved: 0, 'changes-requested': 0, rejected: 0 });

/** Equal-width bins over [0, max], labelled with their ranges. */
export function histogram(series: { name: string; values: number[] }[], bins = 8): Histogram {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const width = Math.max(1, Math.ceil((max + 1) / bins));
  const n = Math.ceil((max + 1) / width);
  const labels = Array.from({ length: n }, (_, i) => (width === 1 ? `${i * width}` : `${(i * width).toLocaleString('en-US')}–${((i + 1) * width - 1).toLocaleString('en-US')}`));
  return {
    labels,
    series: series.map((s) => {
      const counts = new Array<number>(n).fill(0);
      for (const v of s.values) counts[Math.min(n - 1, Math.floor(v / width))]++;
      return { name: s.name, counts };
    }),
  };
}

export function curationFigures({ samples, target, checksOf, tokensOf }: FigureInputs): CurationFigures {
  const byStatus = emptyCounts();
  const sources = new Map<string, { total: number; byStatus: StatusCounts }>();
  const failures = new Map<string, { id: string; label: string; samples: number }>();
  const originals: number[] = [];
  const nows: number[] = [];
  const calls: number[] = [];
  let failingSamples = 0;
  let uncheckedSamples = 0;

  for (const sample of samples) {
    byStatus[sample.status]++;
    const source = sample.source || '(none)';
    const row = sources.get(source) ?? { total: 0, byStatus: emptyCounts() };
    row.total++;
    row.byStatus[sample.status]++;
    sources.set(source, row);

    calls.push(sample.trace.segments.filter((s) => s.kind === 'code').length);

    const tokens = tokensOf?.(sample);
    if (tokens) {
      originals.push(tokens.original);
      nows.push(tokens.now);
    }

    const checks = checksOf(sample);
    if (!checks) {
      uncheckedSamples++;
      continue;
    }
    const failed = failing(checks);
    if (failed.length) failingSamples++;
    for (const c of failed) {
      const f = failures.get(c.id) ?? { id: c.id, label: c.label, samples: 0 };
      f.samples++;
      failures.set(c.id, f);
    }
  }

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    total: samples.length,
    target,
    approved: byStatus.approved,
    byStatus,
    bySource: [...sources].map(([source, r]) => ({ source, ...r })).sort((a, b) => a.source.localeCompare(b.source)),
    tokens: {
      counted: originals.length,
      originalTotal: sum(originals),
      nowTotal: sum(nows),
      histogram: histogram([
        { name: 'Imported', values: originals },
        { name: 'Curated', values: nows },
      ]),
    },
    codeCalls: { ...histogram([{ name: 'Samples', values: calls }], 16), mean: calls.length ? sum(calls) / calls.length : 0 },
    checkFailures: [...failures.values()].sort((a, b) => b.samples - a.samples),
    failingSamples,
    uncheckedSamples,
  };
}
