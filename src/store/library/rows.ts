import type { ProfileRegistry } from '../../core/profiles/types';
import type { Verdict } from '../../core/checks/answer';
import { ANSWER_FILTER_STATES, ANSWER_ORDER, answerState, checksRank, compareCodePoints, compareText, searchMatcher, searchText, type AnswerState } from '../../core/library/query';
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

export type { AnswerState };
export { answerState };

/** The checks' answer verdict of a sample, when its checks are known. */
export type CheckedVerdict = (sample: Sample) => Verdict | undefined;

/**
 * How many of a row's checks fail under this page's checks (run here, or kept with its entry:
 * checksFilter.ts `rowChecksFailing`), or undefined when no current result is known.
 */
export type RowChecksFailing = (row: Pick<LibraryRow, 'entry' | 'sample'>) => number | undefined;

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

// The search's lower-cased text per entry revision (an entry object is replaced on every
// edit), with the answer it was built with: a search then costs a substring test per word,
// not a concatenation and a lower-casing of every problem on every keystroke.
const texts = new WeakMap<LibraryEntry, { answer: string | null | undefined; text: string }>();

/** The text the search looks through for a row (cached per entry and answer). */
export function rowSearchText(entry: LibraryEntry, summary: SampleSummary | undefined): string {
  const answer = summary?.answer;
  const hit = texts.get(entry);
  if (hit && hit.answer === answer) return hit.text;
  const text = searchText({ problem: entry.problem, source: entry.source, answer, gtAnswer: entry.gtAnswer, originFile: entry.origin.file });
  texts.set(entry, { answer, text });
  return text;
}

/**
 * The filters as a test of one row, made once per filtering (the search's words are split
 * once, not per row); a row not yet summarized fails an answer filter until it is.
 */
export function rowFilter(filters: LibraryFilters, checked: CheckedVerdict): (row: Pick<LibraryRow, 'entry' | 'summary' | 'sample'>) => boolean {
  const search = searchMatcher(filters.query);
  const states = filters.answer === 'all' ? null : (ANSWER_FILTER_STATES[filters.answer] as readonly AnswerState[]);
  return ({ entry, summary, sample }) => {
    if (filters.source !== 'all' && (entry.source ?? '') !== filters.source) return false;
    if (filters.status !== 'all' && entry.status !== filters.status) return false;
    if (states && (!summary || !states.includes(answerState(summary, sample ? checked(sample) : undefined)))) return false;
    return !search || search(rowSearchText(entry, summary), entry.id);
  };
}

/** A row's sort key for a column; undefined while it is not known yet (tokens, summaries). */
const sortKey: Record<LibrarySort['column'], (row: LibraryRow, checked: CheckedVerdict, failing: RowChecksFailing) => string | number | undefined> = {
  problem: (r) => r.entry.problem,
  source: (r) => r.entry.source ?? '',
  status: (r) => r.entry.status,
  tokens: (r) => r.tokens,
  codeBlocks: (r) => r.summary?.codeBlocks,
  answer: (r, checked) => (r.summary ? ANSWER_ORDER[answerState(r.summary, rowChecked(r, checked))] : undefined),
  // Not known is a rank of its own (between failing and passing, both ways), not "last".
  checks: (r, _checked, failing) => checksRank(failing(r)),
};

/** A row's sort keys: the column's, then problem, generation, id (texts compare case-folded: compareText). */
export interface RowKeys {
  key: string | number | undefined;
  problem: string;
  gen: number;
  id: string;
}

/** The keys refer to the row's own texts: a folded copy of every problem, kept for the next merge, was a second library's worth of text. */
function rowKeys(sort: LibrarySort, checked: CheckedVerdict, failing: RowChecksFailing): (row: LibraryRow) => RowKeys {
  const key = sortKey[sort.column];
  return (row) => ({ key: key(row, checked, failing), problem: row.entry.problem, gen: row.entry.origin.genIndex ?? 0, id: row.id });
}

function compareRowKeys(sort: LibrarySort): (a: RowKeys, b: RowKeys) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compareKeys = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
  return (ka, kb) =>
    (ka.key === undefined ? 1 : 0) - (kb.key === undefined ? 1 : 0) ||
    (ka.key !== undefined && kb.key !== undefined ? sign * compareKeys(ka.key, kb.key) : 0) ||
    compareText(ka.problem, kb.problem) ||
    ka.gen - kb.gen ||
    compareCodePoints(ka.id, kb.id);
}

/**
 * The order of the library's rows (the sort column, then problem, generation, id), the same
 * rule as the server's SQL. Each row's keys are gathered once, not on every comparison:
 * sorting thousands of rows compares each one many times.
 */
export function rowOrder(sort: LibrarySort, checked: CheckedVerdict = () => undefined, failing: RowChecksFailing = () => undefined): (a: LibraryRow, b: LibraryRow) => number {
  const keysOf = rowKeys(sort, checked, failing);
  const compare = compareRowKeys(sort);
  const keys = new WeakMap<LibraryRow, RowKeys>();
  const cached = (row: LibraryRow) => {
    let k = keys.get(row);
    if (!k) keys.set(row, (k = keysOf(row)));
    return k;
  };
  return (a, b) => compare(cached(a), cached(b));
}

/** A row with its sort keys beside it, while it is sorted. */
interface KeyedRow {
  row: LibraryRow;
  keys: RowKeys;
}

/** Sorts rows that carry their keys, by the one comparator the merge uses too (compareRowKeys). */
function sortKeyed(keyed: KeyedRow[], compare: (a: RowKeys, b: RowKeys) => number): KeyedRow[] {
  return keyed.sort((a, b) => compare(a.keys, b.keys));
}

/**
 * Rows already in the comparator's order (`sorted`) and new rows sorted by it (`added`), merged
 * into one list in that order — where sorting the whole again is n log n (a streamed reload
 * merges a page into 8,000 rows many times). A few new rows (an edit) find their places by
 * binary search from where the last one went; many (a page) walk the rows in place once. The
 * keys of the rows in place are computed only as the merge compares them (not kept between
 * merges: they would hold a copy of every problem's text). On a tie the row in place comes first.
 */
export function mergeSorted(sorted: readonly LibraryRow[], added: readonly KeyedRow[], keysOf: (row: LibraryRow) => RowKeys, compare: (a: RowKeys, b: RowKeys) => number): LibraryRow[] {
  const out: LibraryRow[] = [];
  // The keys of a row in place, once per merge (the searches probe the same rows again).
  const keysAt = new Array<RowKeys | undefined>(sorted.length);
  const keyAt = (at: number) => (keysAt[at] ??= keysOf(sorted[at]!));
  const search = added.length * Math.log2(sorted.length + 1) < sorted.length + added.length;
  let i = 0;
  for (const { row, keys } of added) {
    if (search) {
      let lo = i;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(keys, keyAt(mid)) < 0) hi = mid;
        else lo = mid + 1;
      }
      while (i < lo) out.push(sorted[i++]!);
    } else {
      while (i < sorted.length && compare(keys, keyAt(i)) >= 0) out.push(sorted[i++]!);
    }
    out.push(row);
  }
  while (i < sorted.length) out.push(sorted[i++]!);
  return out;
}

/**
 * Rows in rowOrder's order, each row's keys computed once beside it: a whole library's sort
 * (8,000 rows, ~100k comparisons) looked its keys up in rowOrder's WeakMap twice a comparison,
 * which made it ~4× slower — and it runs on every change of the library's entries.
 */
export function sortRows(rows: LibraryRow[], sort: LibrarySort, checked: CheckedVerdict = () => undefined, failing: RowChecksFailing = () => undefined): LibraryRow[] {
  const keysOf = rowKeys(sort, checked, failing);
  return sortKeyed(rows.map((row) => ({ row, keys: keysOf(row) })), compareRowKeys(sort)).map((d) => d.row);
}

/** A row's token count: counted for the sample in memory, or kept with its entry (library/entryFacts.ts). */
export type RowTokens = (entry: LibraryEntry, sample: Sample | undefined) => number | undefined;

/** A row of an item, with its token count when `tokens` knows it. */
export const itemRow = ({ entry, sample }: LibraryItem, tokens?: RowTokens): LibraryRow => ({
  id: entry.id,
  entry,
  sample,
  summary: rowSummary(entry, sample),
  tokens: tokens?.(entry, sample),
});

/**
 * The rows the library shows: filtered, then sorted (rowOrder). `checked` gives the checks'
 * answer verdict, so the answer filter and sort see what the column shows; `failing` the
 * failing checks, for the sort by checks.
 */
export function libraryRows(
  items: readonly LibraryItem[],
  tokens: RowTokens,
  filters: LibraryFilters,
  sort: LibrarySort,
  checked: CheckedVerdict = () => undefined,
  failing: RowChecksFailing = () => undefined,
): LibraryRow[] {
  return sortedRows(items, { tokens, filters, sort, checked, failing }).rows;
}

/**
 * The library's rows with what they were made from, so that the next change of the items (a
 * page of a streamed reload, an edit) is merged in rather than every row sorted again.
 */
export interface SortedRows {
  /** The rows shown, in rowOrder's order. */
  rows: LibraryRow[];
  /** Every item's row by id, shown or filtered out. */
  byId: Map<string, LibraryRow>;
}

/** What the library's rows are made by: filters and sort over the facts these functions give. */
export interface RowRule {
  tokens: RowTokens;
  filters: LibraryFilters;
  sort: LibrarySort;
  checked?: CheckedVerdict;
  failing?: RowChecksFailing;
}

/**
 * The rows a merge starts from, made by the same rule (the caller knows: the same filters, sort
 * and verdicts), and what it knows changed since besides the items' identity.
 */
export interface RowsBefore {
  sorted: SortedRows;
  /** The ids whose checks this page ran since (sorted by checks): their rows are placed again. */
  rechecked?: ReadonlySet<string>;
  /**
   * The only items new or replaced since (entries.ts `libraryItemsChange`), no other fact having
   * moved: only they are looked at — a page of a streamed reload costs the page — and `sorted`
   * is taken over (its byId updated in place).
   */
  changed?: readonly LibraryItem[];
}

/**
 * libraryRows, and from `before`: only the rows that are new or changed (their entry, sample,
 * summary, token count when sorted by it, or their checks when sorted by them) are filtered and
 * sorted, then merged into the rows kept from before — the same comparator serves the sort and
 * the merge, so the order is the one a whole sort gives. A row kept may hold an older token
 * count: the caller reads the counts of the rows it shows.
 */
export function sortedRows(items: readonly LibraryItem[], rule: RowRule, before?: RowsBefore | null): SortedRows {
  const { tokens, filters, sort, checked = () => undefined, failing = () => undefined } = rule;
  const prev = before?.sorted;
  const rechecked = before?.rechecked;
  const keysOf = rowKeys(sort, checked, failing);
  const compare = compareRowKeys(sort);
  const matches = rowFilter(filters, checked);
  // Looking at the changed items alone misses rows rechecked since: those take the whole walk.
  const only = prev && !rechecked?.size ? before?.changed : undefined;
  const byId = prev && only ? prev.byId : new Map<string, LibraryRow>();
  const added: KeyedRow[] = [];
  // A token count places a row only in the tokens column (elsewhere the caller reads fresh counts for the rows it shows).
  const byTokens = sort.column === 'tokens';
  /** Rows of `prev` this change replaced (only when `changed` is given: else every id is looked at again). */
  let replaced = false;
  for (const item of only ?? items) {
    const { entry, sample } = item;
    const old = prev?.byId.get(entry.id);
    // A row made from the same facts as before keeps its place (no new object: 8,000 a merge add up).
    if (old && old.entry === entry && old.sample === sample && old.summary === rowSummary(entry, sample) && (!byTokens || old.tokens === tokens(entry, sample)) && !rechecked?.has(entry.id)) {
      byId.set(entry.id, old);
      continue;
    }
    if (old) replaced = true;
    const row = itemRow(item, tokens);
    byId.set(row.id, row);
    if (matches(row)) added.push({ row, keys: keysOf(row) });
  }
  // Kept: the rows shown before that are still this id's row (not changed, not gone).
  const kept = !prev ? [] : only && !replaced ? prev.rows : prev.rows.filter((row) => byId.get(row.id) === row);
  return { rows: mergeSorted(kept, sortKeyed(added, compare), keysOf, compare), byId };
}

/** Distinct values for a filter dropdown, in the order the library sorts them. */
export function distinctValues<S>(samples: readonly S[], pick: (s: S) => string | undefined): string[] {
  // One pass, no list of 8,000 values in between: it runs on every change of the library.
  const values = new Set<string>();
  for (const s of samples) {
    const v = pick(s);
    if (v) values.add(v);
  }
  return [...values].sort(compareText);
}
