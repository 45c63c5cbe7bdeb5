import type { ProfileRegistry } from '../../core/profiles/types';
import type { Verdict } from '../../core/checks/answer';
import type { Sample } from '../../core/sample/types';
import { summarizeSample, type SampleSummary } from '../../core/sample/summary';
import type { LibraryItem } from './entries';
import type { LibraryEntry, LibraryFilters, LibrarySort } from './state';

export type { SampleSummary };

export interface LibraryRow {
  id: string;
  /** What the row shows without the trace (library/entries.ts). */
  entry: LibraryEntry;
  /** The sample, when its trace is in memory (or read for the rows on screen). */
  sample: Sample | undefined;
  /** Undefined until the library index (libraryIndex.ts) has summarized this sample, or its stored entry has. */
  summary: SampleSummary | undefined;
  /** Undefined until the lazily loaded tokenizer has counted this sample. */
  tokens: number | undefined;
}

export type AnswerState = 'match' | 'mismatch' | 'pending' | 'undecided' | 'unchecked' | 'none';

/**
 * The sample's answer verdict (core/checks/answer) as the column, the filter and the sort see
 * it: the checks' verdict when known (`checked`, decided by SymPy where needed), else the
 * summary's, which is the same pipeline without an interpreter ('pending' where SymPy must decide).
 */
export function answerState(summary: SampleSummary, checked?: Verdict): AnswerState {
  if (!summary.hasAnswer) return 'none';
  switch (checked ?? summary.answerVerdict) {
    case 'equal':
      return 'match';
    case 'different':
      return 'mismatch';
    case 'pending':
      return 'pending';
    case 'unparseable':
      return 'undecided';
    default:
      return 'unchecked';
  }
}

/** The checks' answer verdict of a sample, when its checks are known. */
export type CheckedVerdict = (sample: Sample) => Verdict | undefined;

// Summaries depend only on the sample object, which is replaced on every edit.
const summaries = new WeakMap<Sample, SampleSummary>();

/** The summary if it was computed already; never computes (filtering thousands of rows must stay cheap). */
export function knownSummary(sample: Sample): SampleSummary | undefined {
  return summaries.get(sample);
}

export function summaryOf(sample: Sample, profiles?: ProfileRegistry): SampleSummary {
  let summary = summaries.get(sample);
  if (!summary) {
    summary = summarizeSample(sample, undefined, profiles);
    summaries.set(sample, summary);
  }
  return summary;
}

/** The summary a row shows: the sample's own once computed, else the one stored with its entry. */
export function rowSummary(entry: LibraryEntry, sample: Sample | undefined): SampleSummary | undefined {
  return (sample && knownSummary(sample)) ?? entry.summary;
}

/** The checks' verdict of a row, when its sample is in memory and checked. */
const rowChecked = (row: LibraryRow, checked: CheckedVerdict) => (row.sample ? checked(row.sample) : undefined);

/** Whether a row passes the filters; a row not yet summarized fails an answer filter until it is. */
function matchesFilters(row: LibraryRow, filters: LibraryFilters, checked: CheckedVerdict): boolean {
  const { entry: sample, summary } = row;
  if (filters.source !== 'all' && (sample.source ?? '') !== filters.source) return false;
  if (filters.status !== 'all' && sample.status !== filters.status) return false;
  if (filters.answer !== 'all') {
    if (!summary) return false;
    const state = answerState(summary, rowChecked(row, checked));
    const wanted = filters.answer === 'undecided' ? state === 'pending' || state === 'undecided' : state === filters.answer;
    if (!wanted) return false;
  }
  const query = filters.query.trim().toLowerCase();
  if (query) {
    const haystack = `${sample.problem}\n${sample.source ?? ''}\n${summary?.answer ?? ''}\n${sample.gtAnswer ?? ''}\n${sample.origin.file}`;
    if (!query.split(/\s+/).every((word) => haystack.toLowerCase().includes(word))) return false;
  }
  return true;
}

const ANSWER_ORDER: Record<AnswerState, number> = { mismatch: 0, undecided: 1, pending: 2, unchecked: 3, none: 4, match: 5 };

// One collator for all comparisons: String#localeCompare sets one up per call, which
// dominates sorting thousands of rows.
const collator = new Intl.Collator();

/** A row's sort key for a column; undefined while it is not known yet (tokens, summaries). */
const sortKey: Record<LibrarySort['column'], (row: LibraryRow, checked: CheckedVerdict) => string | number | undefined> = {
  problem: (r) => r.entry.problem,
  source: (r) => r.entry.source ?? '',
  status: (r) => r.entry.status,
  tokens: (r) => r.tokens,
  codeBlocks: (r) => r.summary?.codeBlocks,
  answer: (r, checked) => (r.summary ? ANSWER_ORDER[answerState(r.summary, rowChecked(r, checked))] : undefined),
};

/**
 * The rows the library shows: filtered, then sorted. Rows whose key is not known yet sort last
 * in both directions; ties keep a stable order by problem, then generation, then id.
 * `checked` gives the checks' answer verdict, so the answer filter and sort see what the column shows.
 */
export function libraryRows(
  items: readonly LibraryItem[],
  tokens: (sample: Sample) => number | undefined,
  filters: LibraryFilters,
  sort: LibrarySort,
  checked: CheckedVerdict = () => undefined,
): LibraryRow[] {
  const key = sortKey[sort.column];
  const rows = items
    .map(({ entry, sample }): LibraryRow => ({ id: entry.id, entry, sample, summary: rowSummary(entry, sample), tokens: sample && tokens(sample) }))
    .filter((row) => matchesFilters(row, filters, checked))
    .map((row) => ({ row, key: key(row, checked) }));
  // Text is compared by its rank among the distinct texts: thousands of rows share a few
  // hundred problems, and a collator comparison per pair of rows held the page for ~100 ms.
  const problemRank = collationRanks(rows.map((r) => r.row.entry.problem));
  const keyRank = collationRanks(rows.flatMap((r) => (typeof r.key === 'string' ? [r.key] : [])));
  const ranked = rows.map((r) => ({ ...r, key: typeof r.key === 'string' ? keyRank.get(r.key)! : r.key, problem: problemRank.get(r.row.entry.problem)! }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  ranked.sort(
    (a, b) =>
      (a.key === undefined ? 1 : 0) - (b.key === undefined ? 1 : 0) ||
      (a.key !== undefined && b.key !== undefined ? sign * (a.key - b.key) : 0) ||
      a.problem - b.problem ||
      (a.row.entry.origin.genIndex ?? 0) - (b.row.entry.origin.genIndex ?? 0) ||
      collator.compare(a.row.id, b.row.id),
  );
  return ranked.map((r) => r.row);
}

/** Each distinct text's place in collation order (texts the collator finds equal share one). */
function collationRanks(texts: readonly string[]): Map<string, number> {
  const distinct = [...new Set(texts)].sort(collator.compare);
  const ranks = new Map<string, number>();
  distinct.forEach((text, i) => ranks.set(text, i > 0 && collator.compare(distinct[i - 1]!, text) === 0 ? ranks.get(distinct[i - 1]!)! : i));
  return ranks;
}

/** Distinct values for a filter dropdown, in the order the library sorts them. */
export function distinctValues<S>(samples: readonly S[], pick: (s: S) => string | undefined): string[] {
  return [...new Set(samples.map(pick).filter((v): v is string => !!v))].sort(collator.compare);
}
