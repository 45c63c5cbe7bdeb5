import type { Sample } from '../../core/sample/types';
import { summarizeSample, type SampleSummary } from '../../core/sample/summary';
import type { LibraryFilters, LibrarySort } from './state';

export type { SampleSummary };

export interface LibraryRow {
  sample: Sample;
  /** Undefined until the library index (libraryIndex.ts) has summarized this sample. */
  summary: SampleSummary | undefined;
  /** Undefined until the lazily loaded tokenizer has counted this sample. */
  tokens: number | undefined;
}

export type AnswerState = 'match' | 'mismatch' | 'unchecked' | 'none';

/** ✓ boxed answer equals gt, ✗ differs, — no boxed answer or no gt to compare with. */
export function answerState(summary: SampleSummary): AnswerState {
  if (!summary.hasAnswer) return 'none';
  if (summary.answerMatches === true) return 'match';
  if (summary.answerMatches === false) return 'mismatch';
  return 'unchecked';
}

// Summaries depend only on the sample object, which is replaced on every edit.
const summaries = new WeakMap<Sample, SampleSummary>();

/** The summary if it was computed already; never computes (filtering thousands of rows must stay cheap). */
export function knownSummary(sample: Sample): SampleSummary | undefined {
  return summaries.get(sample);
}

export function summaryOf(sample: Sample): SampleSummary {
  let summary = summaries.get(sample);
  if (!summary) {
    summary = summarizeSample(sample);
    summaries.set(sample, summary);
  }
  return summary;
}

/** Whether a row passes the filters; a row not yet summarized fails an answer filter until it is. */
function matchesFilters(row: LibraryRow, filters: LibraryFilters): boolean {
  const { sample, summary } = row;
  if (filters.source !== 'all' && (sample.source ?? '') !== filters.source) return false;
  if (filters.status !== 'all' && sample.status !== filters.status) return false;
  if (filters.answer !== 'all') {
    if (!summary) return false;
    const state = answerState(summary);
    if (filters.answer === 'none' ? state !== 'none' : state !== filters.answer) return false;
  }
  const query = filters.query.trim().toLowerCase();
  if (query) {
    const haystack = `${sample.problem}\n${sample.source ?? ''}\n${summary?.answer ?? ''}\n${sample.gtAnswer ?? ''}\n${sample.origin.file}`;
    if (!query.split(/\s+/).every((word) => haystack.toLowerCase().includes(word))) return false;
  }
  return true;
}

const ANSWER_ORDER: Record<AnswerState, number> = { mismatch: 0, unchecked: 1, none: 2, match: 3 };

// One collator for all comparisons: String#localeCompare sets one up per call, which
// dominates sorting thousands of rows.
const collator = new Intl.Collator();

/** A row's sort key for a column; undefined while it is not known yet (tokens, summaries). */
const sortKey: Record<LibrarySort['column'], (row: LibraryRow) => string | number | undefined> = {
  problem: (r) => r.sample.problem,
  source: (r) => r.sample.source ?? '',
  status: (r) => r.sample.status,
  tokens: (r) => r.tokens,
  codeBlocks: (r) => r.summary?.codeBlocks,
  answer: (r) => (r.summary ? ANSWER_ORDER[answerState(r.summary)] : undefined),
};

function compareKeys(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/**
 * The rows the library shows: filtered, then sorted. Rows whose key is not known yet sort last
 * in both directions; ties keep a stable order by problem, then generation, then id.
 */
export function libraryRows(
  samples: Sample[],
  tokens: (sample: Sample) => number | undefined,
  filters: LibraryFilters,
  sort: LibrarySort,
): LibraryRow[] {
  const key = sortKey[sort.column];
  const rows = samples
    .map((sample) => ({ sample, summary: knownSummary(sample), tokens: tokens(sample) }))
    .filter((row) => matchesFilters(row, filters))
    .map((row) => ({ row, key: key(row) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  rows.sort(
    (a, b) =>
      (a.key === undefined ? 1 : 0) - (b.key === undefined ? 1 : 0) ||
      (a.key !== undefined && b.key !== undefined ? sign * compareKeys(a.key, b.key) : 0) ||
      collator.compare(a.row.sample.problem, b.row.sample.problem) ||
      (a.row.sample.origin.genIndex ?? 0) - (b.row.sample.origin.genIndex ?? 0) ||
      collator.compare(a.row.sample.id, b.row.sample.id),
  );
  return rows.map((r) => r.row);
}

/** Distinct values for a filter dropdown, in the order the library sorts them. */
export function distinctValues(samples: Sample[], pick: (s: Sample) => string | undefined): string[] {
  return [...new Set(samples.map(pick).filter((v): v is string => !!v))].sort(collator.compare);
}
