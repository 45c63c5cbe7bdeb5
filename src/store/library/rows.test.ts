import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { parseTrace } from '../../core/trace';
import { defaultFilters, type LibrarySort } from './state';
import { answerState, distinctValues, knownSummary, libraryRows, summaryOf } from './rows';

function sample(id: string, problem: string, answer: string, gt: string, source?: string): Sample {
  const text = `Work.\n</think>\n\n$\\boxed{${answer}}$`;
  return {
    id, problem, prompt: problem, record: {}, origin: { format: 'pasted', file: 'x' }, source, gtAnswer: gt,
    original: text, trace: parseTrace(text), branches: [], status: 'draft', createdAt: '', updatedAt: '',
  };
}

const samples = [sample('a', 'Alpha', '1', '1', 'math500'), sample('b', 'Beta', '2', '3', 'aime24'), sample('c', 'Gamma', '3', '3')];
const ids = (rows: { sample: Sample }[]) => rows.map((r) => r.sample.id);
const sort = (column: LibrarySort['column'], direction: LibrarySort['direction'] = 'asc'): LibrarySort => ({ column, direction });

describe('libraryRows', () => {
  it('sorts samples whose token count is unknown last, in both directions', () => {
    const tokens = new Map([['a', 500], ['c', 100]]);
    const count = (s: Sample) => tokens.get(s.id);
    expect(ids(libraryRows(samples, count, defaultFilters, sort('tokens', 'asc')))).toEqual(['c', 'a', 'b']);
    expect(ids(libraryRows(samples, count, defaultFilters, sort('tokens', 'desc')))).toEqual(['a', 'c', 'b']);
  });

  it('never summarizes a sample itself: answer filters see only summarized samples', () => {
    const fresh = [sample('x', 'Xi', '5', '6'), sample('y', 'Ypsilon', '5', '6')];
    const mismatch = { ...defaultFilters, answer: 'mismatch' as const };
    expect(ids(libraryRows(fresh, () => undefined, mismatch, sort('problem')))).toEqual([]);
    expect(knownSummary(fresh[0]!)).toBeUndefined();
    summaryOf(fresh[1]!);
    expect(ids(libraryRows(fresh, () => undefined, mismatch, sort('problem')))).toEqual(['y']);
  });

  it('filters by answer, searches problems and sources, and sorts by the answer once summarized', () => {
    samples.forEach((s) => summaryOf(s));
    expect(ids(libraryRows(samples, () => undefined, { ...defaultFilters, answer: 'match' }, sort('problem')))).toEqual(['a', 'c']);
    expect(ids(libraryRows(samples, () => undefined, { ...defaultFilters, query: 'aime' }, sort('problem')))).toEqual(['b']);
    expect(ids(libraryRows(samples, () => undefined, defaultFilters, sort('answer')))).toEqual(['b', 'a', 'c']);
    expect(ids(libraryRows(samples, () => undefined, defaultFilters, sort('problem', 'desc')))).toEqual(['c', 'b', 'a']);
  });

  it('filters and sorts by the checks\' verdict once known; until then a SymPy-only answer is undecided, never ✓ or ✗', () => {
    const money = sample('m', 'Money', '\\$18.90', '18.90');
    const choice = sample('c2', 'Choice', '(C)', '\\text{(C)}');
    const radical = sample('r', 'Radical', '2\\sqrt{3}', '\\sqrt{12}');
    const wrong = sample('w', 'Wrong', '3\\sqrt{3}', '\\sqrt{12}');
    const list = [money, choice, radical, wrong];
    list.forEach((s) => summaryOf(s));
    const filter = (answer: 'match' | 'mismatch' | 'undecided', checked?: (s: Sample) => 'equal' | 'different' | undefined) =>
      ids(libraryRows(list, () => undefined, { ...defaultFilters, answer }, sort('problem'), checked));
    expect(filter('match')).toEqual(['c2', 'm']);
    expect(filter('mismatch')).toEqual(['w']); // decided in floating point: 3√3 is not √12
    expect(filter('undecided')).toEqual(['r']);
    expect(answerState(summaryOf(radical))).toBe('pending');
    // SymPy decided it in the checks: the filter follows.
    const checked = (s: Sample) => (s.id === 'r' ? ('equal' as const) : undefined);
    expect(filter('match', checked)).toEqual(['c2', 'm', 'r']);
    expect(filter('undecided', checked)).toEqual([]);
    expect(answerState(summaryOf(radical), 'equal')).toBe('match');
    expect(ids(libraryRows(list, () => undefined, defaultFilters, sort('answer'), checked))).toEqual(['w', 'c2', 'm', 'r']);
  });

  it('lists filter values in the order the table sorts them', () => {
    const sources = [sample('p', 'P', '1', '1', 'olympiad_bench'), sample('q', 'Q', '1', '1', 'olympiad-style'), sample('r', 'R', '1', '1', 'aime24')];
    const listed = distinctValues(sources, (s) => s.source);
    expect(listed[0]).toBe('aime24');
    expect(listed).toEqual(libraryRows(sources, () => undefined, defaultFilters, sort('source')).map((r) => r.sample.source));
  });
});
