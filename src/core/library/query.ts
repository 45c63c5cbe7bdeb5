/**
 * The library's search and order, defined once for the studio (over its entries in memory)
 * and the team server (in SQL over columns written from the same functions), so both answer
 * one query with the same ids in the same order.
 *
 * Text order is by code points after folding ASCII letters to lower case: what PostgreSQL's
 * `lower(x collate "C")` with `order by … collate "C"` computes on PGlite and on PostgreSQL
 * alike, whatever the database's locale. A locale collation (Intl.Collator) would put
 * accented letters nearer their base letter, but no SQL collation promises to agree with it.
 */
import type { Verdict } from '../checks/answer/verdict';
import { failing, type CheckResult, type SampleChecks } from '../checks/types';
import type { SampleSummary } from '../sample/summary';

/** Answer state as the library's column, filter and sort see it. */
export type AnswerState = 'match' | 'mismatch' | 'pending' | 'undecided' | 'unchecked' | 'none';

/** The answer state from whether the trace has an answer and the verdict known for it. */
export function answerStateOf(hasAnswer: boolean, verdict: Verdict | null | undefined): AnswerState {
  if (!hasAnswer) return 'none';
  switch (verdict) {
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

/**
 * The sample's answer verdict as the library sees it: the checks' verdict when known
 * (`checked`, decided by SymPy where needed), else the summary's ('pending' where SymPy must decide).
 */
export function answerState(summary: SampleSummary, checked?: Verdict): AnswerState {
  return answerStateOf(summary.hasAnswer, checked ?? summary.answerVerdict);
}

/** Sorting by answer puts what needs a look first. */
export const ANSWER_ORDER: Record<AnswerState, number> = { mismatch: 0, undecided: 1, pending: 2, unchecked: 3, none: 4, match: 5 };

/**
 * Sorting by checks puts what needs a look first: failing, then not known (never run for this
 * content under the asker's checks), then passing. Ranked from the number of failing checks
 * (undefined: not known).
 */
export const CHECKS_ORDER = { failing: 0, unknown: 1, passing: 2 } as const;

/**
 * The failing checks of a result as the library counts them (the sort by checks, the "checks
 * failing" filter, the column, and what is kept with the entry for the server's SQL): undefined —
 * not known — while nothing fails but the answer verdict is still pending (SymPy has not decided
 * it: the answer may yet fail); any failing check makes it failing whatever the verdict.
 */
export function knownFailing(result: SampleChecks): CheckResult[] | undefined {
  const failed = failing(result);
  return failed.length === 0 && result.answer?.verdict === 'pending' ? undefined : failed;
}

/** A sample's rank in the checks sort from its failing checks' number (undefined: no current result). */
export const checksRank = (failing: number | undefined): number =>
  failing === undefined ? CHECKS_ORDER.unknown : failing > 0 ? CHECKS_ORDER.failing : CHECKS_ORDER.passing;

/** Answer filter values (besides 'all') and the states each lets through. */
export const ANSWER_FILTER_STATES = {
  match: ['match'],
  mismatch: ['mismatch'],
  undecided: ['pending', 'undecided'],
  none: ['none'],
} as const satisfies Record<string, readonly AnswerState[]>;

/** ASCII letters to lower case, nothing else: PostgreSQL's lower() under the "C" collation. */
export function foldAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : text;
}

/** Orders UTF-16 code units as code points (as UTF-8 bytes order): a surrogate sorts above U+FFFF's neighbours. */
const asCodePoint = (unit: number) => (unit >= 0xd800 ? (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000) : unit);

/**
 * Code point order over UTF-16 strings; with `fold`, ASCII capitals compare as lower case. Folded
 * as compared, not copied first: the library's rows sort by it and keep no folded copy of a text.
 */
function compareUnits(a: string, b: string, fold: boolean): number {
  // Equal texts are common (the generations of one problem): the engine compares them faster than this loop.
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (fold) {
      if (x >= 65 && x <= 90) x += 32;
      if (y >= 65 && y <= 90) y += 32;
      if (x === y) continue;
    }
    return asCodePoint(x) - asCodePoint(y);
  }
  return a.length - b.length;
}

/** Code point order, the order of `collate "C"` over UTF-8. */
export const compareCodePoints = (a: string, b: string) => compareUnits(a, b, false);

/** The library's text order: ASCII case folded (foldAscii), then code points. */
export const compareText = (a: string, b: string) => compareUnits(a, b, true);

/** What the search looks through. */
export interface SearchFields {
  problem: string;
  source?: string | null;
  answer?: string | null;
  gtAnswer?: string | null;
  originFile: string;
}

/** The text a search looks through, lower-cased once (the server stores it; the studio caches it per entry). */
export function searchText(f: SearchFields): string {
  return `${f.problem}\n${f.source ?? ''}\n${f.answer ?? ''}\n${f.gtAnswer ?? ''}\n${f.originFile}`.toLowerCase();
}

/** The words of a search, lower-cased as searchText is; none for an empty search. */
export function searchWords(query: string): string[] {
  const trimmed = query.trim().toLowerCase();
  return trimmed ? trimmed.split(/\s+/) : [];
}

/**
 * The search as a test of one sample: its text holds every word, or the search is its id.
 * Made once per search (not per sample); null for an empty search.
 */
export function searchMatcher(query: string): ((text: string, id: string) => boolean) | null {
  const words = searchWords(query);
  if (words.length === 0) return null;
  const id = query.trim();
  if (words.length === 1) {
    const [word] = words as [string];
    return (text, sampleId) => text.includes(word) || sampleId === id;
  }
  return (text, sampleId) => words.every((w) => text.includes(w)) || sampleId === id;
}
