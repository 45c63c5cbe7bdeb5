import { describe, expect, it } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { parseTrace } from '../../core/trace';
import { defaultFilters, type LibrarySort } from './state';
import { answerState, distinctValues, knownSummary, libraryRows, rowOrder, sortedRows, sortRows, summaryOf, type LibraryRow, type SortedRows } from './rows';
import { entryOf, storedEntryOf, type LibraryItem } from './entries';

/** Rows of samples in memory (the entry derived from each). */
const rowsOf = (list: Sample[], ...rest: Parameters<typeof libraryRows> extends [unknown, ...infer R] ? R : never) =>
  libraryRows(list.map((s): LibraryItem => ({ entry: entryOf(s), sample: s })), ...rest);

function sample(id: string, problem: string, answer: string, gt: string, source?: string): Sample {
  const text = `Work.\n</think>\n\n$\\boxed{${answer}}$`;
  return {
    id, problem, prompt: problem, record: {}, origin: { format: 'pasted', file: 'x' }, source, gtAnswer: gt,
    original: text, trace: parseTrace(text), branches: [], status: 'draft', createdAt: '', updatedAt: '',
  };
}

const samples = [sample('a', 'Alpha', '1', '1', 'math500'), sample('b', 'Beta', '2', '3', 'aime24'), sample('c', 'Gamma', '3', '3')];
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const sort = (column: LibrarySort['column'], direction: LibrarySort['direction'] = 'asc'): LibrarySort => ({ column, direction });

describe('libraryRows', () => {
  it('sorts samples whose token count is unknown last, in both directions', () => {
    const tokens = new Map([['a', 500], ['c', 100]]);
    const count = (e: { id: string }) => tokens.get(e.id);
    expect(ids(rowsOf(samples, count, defaultFilters, sort('tokens', 'asc')))).toEqual(['c', 'a', 'b']);
    expect(ids(rowsOf(samples, count, defaultFilters, sort('tokens', 'desc')))).toEqual(['a', 'c', 'b']);
  });

  it('never summarizes a sample itself: answer filters see only summarized samples', () => {
    const fresh = [sample('x', 'Xi', '5', '6'), sample('y', 'Ypsilon', '5', '6')];
    const mismatch = { ...defaultFilters, answer: 'mismatch' as const };
    expect(ids(rowsOf(fresh, () => undefined, mismatch, sort('problem')))).toEqual([]);
    expect(knownSummary(fresh[0]!)).toBeUndefined();
    summaryOf(fresh[1]!);
    expect(ids(rowsOf(fresh, () => undefined, mismatch, sort('problem')))).toEqual(['y']);
  });

  it('filters by answer, searches problems and sources, and sorts by the answer once summarized', () => {
    samples.forEach((s) => summaryOf(s));
    expect(ids(rowsOf(samples, () => undefined, { ...defaultFilters, answer: 'match' }, sort('problem')))).toEqual(['a', 'c']);
    expect(ids(rowsOf(samples, () => undefined, { ...defaultFilters, query: 'aime' }, sort('problem')))).toEqual(['b']);
    expect(ids(rowsOf(samples, () => undefined, defaultFilters, sort('answer')))).toEqual(['b', 'a', 'c']);
    expect(ids(rowsOf(samples, () => undefined, defaultFilters, sort('problem', 'desc')))).toEqual(['c', 'b', 'a']);
  });

  it('filters and sorts by the checks\' verdict once known; until then a SymPy-only answer is undecided, never ✓ or ✗', () => {
    const money = sample('m', 'Money', '\\$18.90', '18.90');
    const choice = sample('c2', 'Choice', '(C)', '\\text{(C)}');
    const radical = sample('r', 'Radical', '2\\sqrt{3}', '\\sqrt{12}');
    const wrong = sample('w', 'Wrong', '3\\sqrt{3}', '\\sqrt{12}');
    const list = [money, choice, radical, wrong];
    list.forEach((s) => summaryOf(s));
    const filter = (answer: 'match' | 'mismatch' | 'undecided', checked?: (s: Sample) => 'equal' | 'different' | undefined) =>
      ids(rowsOf(list, () => undefined, { ...defaultFilters, answer }, sort('problem'), checked));
    expect(filter('match')).toEqual(['c2', 'm']);
    expect(filter('mismatch')).toEqual(['w']); // decided in floating point: 3√3 is not √12
    expect(filter('undecided')).toEqual(['r']);
    expect(answerState(summaryOf(radical))).toBe('pending');
    // SymPy decided it in the checks: the filter follows.
    const checked = (s: Sample) => (s.id === 'r' ? ('equal' as const) : undefined);
    expect(filter('match', checked)).toEqual(['c2', 'm', 'r']);
    expect(filter('undecided', checked)).toEqual([]);
    expect(answerState(summaryOf(radical), 'equal')).toBe('match');
    expect(ids(rowsOf(list, () => undefined, defaultFilters, sort('answer'), checked))).toEqual(['w', 'c2', 'm', 'r']);
  });

  it('lists filter values in the order the table sorts them', () => {
    const sources = [sample('p', 'P', '1', '1', 'olympiad_bench'), sample('q', 'Q', '1', '1', 'olympiad-style'), sample('r', 'R', '1', '1', 'aime24')];
    const listed = distinctValues(sources, (s) => s.source);
    expect(listed[0]).toBe('aime24');
    expect(listed).toEqual(rowsOf(sources, () => undefined, defaultFilters, sort('source')).map((r) => r.entry.source));
  });

  it('filters, searches and sorts samples whose trace is not in memory, by their stored entries', () => {
    const stored = [sample('s1', 'Find the sum of the roots', '7', '7', 'math500'), sample('s2', 'Count the divisors of 36', '8', '9', 'aime24')];
    // What a reload holds: entries with their stored facts, no trace.
    const items: LibraryItem[] = stored.map((s) => ({ entry: JSON.parse(JSON.stringify(storedEntryOf(s))), sample: undefined }));
    const rows = libraryRows(items, () => undefined, { ...defaultFilters, answer: 'mismatch' }, sort('problem'));
    expect(ids(rows)).toEqual(['s2']);
    expect(rows[0]!.summary).toMatchObject({ codeBlocks: 0, answer: '8', hasAnswer: true });
    expect(ids(libraryRows(items, () => undefined, { ...defaultFilters, query: 'divisors' }, sort('problem')))).toEqual(['s2']);
    // The boxed answer is searchable too, though the trace is on disk.
    expect(ids(libraryRows(items, () => undefined, { ...defaultFilters, query: '7' }, sort('problem')))).toEqual(['s1']);
    expect(ids(libraryRows(items, () => undefined, defaultFilters, sort('answer')))).toEqual(['s2', 's1']);
  });

  it('sorts by checks: failing first, then not known, then passing, ties by the default order; descending turns it round', () => {
    const many = [...samples, sample('d', 'Delta', '4', '4'), sample('e', 'alpha', '5', '5')];
    // a: 2 failing, b: passing, c: not known, d: 1 failing, e: passing.
    const failing = new Map<string, number | undefined>([['a', 2], ['b', 0], ['c', undefined], ['d', 1], ['e', 0]]);
    const byChecks = (row: { entry: { id: string } }) => failing.get(row.entry.id);
    // Ties (a and d fail, b and e pass) by problem, case-folded: Alpha < Delta, alpha (e) < Beta.
    expect(ids(rowsOf(many, () => undefined, defaultFilters, sort('checks'), undefined, byChecks))).toEqual(['a', 'd', 'c', 'e', 'b']);
    expect(ids(rowsOf(many, () => undefined, defaultFilters, sort('checks', 'desc'), undefined, byChecks))).toEqual(['e', 'b', 'c', 'a', 'd']);
  });

  it('sorts a whole library in the order rowOrder gives: column, then problem (case-folded), generation, id', () => {
    // Generations of one problem, problems differing in case only, and unknown token counts.
    const rows: LibraryRow[] = [];
    for (let p = 0; p < 6; p++) {
      for (let g = 3; g >= 0; g--) {
        const base = sample(`p${p}-g${g}`, p % 2 ? `problem ${p >> 1}` : `Problem ${p >> 1}`, '1', '1', p % 3 ? 'aime24' : 'math500');
        const entry = { ...entryOf(base), origin: { ...base.origin, genIndex: g } };
        rows.push({ id: base.id, entry, sample: undefined, summary: undefined, tokens: (p * 7 + g) % 5 === 0 ? undefined : (p * 13 + g * 5) % 9 });
      }
    }
    const failing = (row: { id?: string; entry: { id: string } }) => [undefined, 0, 2][row.entry.id.charCodeAt(1) % 3];
    for (const column of ['problem', 'source', 'tokens', 'checks'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = ids([...rows].sort(rowOrder(sort(column, direction), undefined, failing)));
        expect(ids(sortRows(rows, sort(column, direction), undefined, failing))).toEqual(expected);
      }
    }
    // Not the input order: the sort did something.
    expect(ids(sortRows(rows, sort('problem')))).not.toEqual(ids(rows));
    expect(ids(sortRows(rows, sort('problem'))).slice(0, 4)).toEqual(['p0-g0', 'p1-g0', 'p0-g1', 'p1-g1']);
  });
});

describe('sortedRows merged page by page', () => {
  /** A deterministic random source (mulberry32), so a failure names its seed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  /** Entries with few distinct values per key (ties everywhere), as a stored reload holds them. */
  function items(n: number, rnd: () => number): LibraryItem[] {
    const statuses = ['draft', 'ready', 'approved', 'rejected'] as const;
    return Array.from({ length: n }, (_, i) => {
      const base = sample(`s${Math.floor(rnd() * 1e9).toString(36)}-${i}`, `${rnd() < 0.5 ? 'P' : 'p'}roblem ${Math.floor(rnd() * 5)}`, '1', String(Math.floor(rnd() * 3)), rnd() < 0.3 ? undefined : ['aime24', 'math500', 'AIME24'][Math.floor(rnd() * 3)]);
      const stored = storedEntryOf(base);
      const entry = { ...stored, status: statuses[Math.floor(rnd() * 4)]!, origin: { ...base.origin, genIndex: Math.floor(rnd() * 3) }, summary: { ...stored.summary!, codeBlocks: Math.floor(rnd() * 3) } };
      return { entry, sample: undefined };
    });
  }

  const columns = ['problem', 'source', 'status', 'tokens', 'codeBlocks', 'answer', 'checks'] as const;

  it('gives the order a whole sort gives, for random pages, in every column and both directions', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = random(seed);
      const all = items(400, rnd);
      const counts = new Map(all.map((item) => [item.entry.id, rnd() < 0.2 ? undefined : Math.floor(rnd() * 4)]));
      const tokens = (e: { id: string }) => counts.get(e.id);
      // Checks failing, passing or not known, with ties everywhere.
      const checks = new Map(all.map((item) => [item.entry.id, [undefined, 0, 1, 2][Math.floor(rnd() * 4)]]));
      const failing = (row: { entry: { id: string } }) => checks.get(row.entry.id);
      for (const column of columns) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const filters of [defaultFilters, { ...defaultFilters, status: 'draft' }]) {
            let shown: LibraryItem[] = [];
            let prev: SortedRows | null = null;
            while (shown.length < all.length) {
              shown = all.slice(0, shown.length + 1 + Math.floor(rnd() * 80));
              prev = sortedRows(shown, { tokens, filters, sort: sort(column, direction), failing }, prev && { sorted: prev });
              const whole = libraryRows(shown, tokens, filters, sort(column, direction), undefined, failing);
              expect(ids(prev.rows), `seed ${seed}, ${column} ${direction}, ${shown.length} rows`).toEqual(ids(whole));
            }
            expect(prev!.rows.length).toBe(filters === defaultFilters ? all.length : all.filter((i) => i.entry.status === 'draft').length);
          }
        }
      }
    }
  });

  it('places an edited row anew and drops a removed one, as a whole sort does', () => {
    const rnd = random(42);
    const all = items(200, rnd);
    let prev = sortedRows(all, { tokens: () => undefined, filters: defaultFilters, sort: sort('status') });
    // An edit replaces an entry (a new status), another sample leaves the list.
    const edited = all.map((item, i): LibraryItem => (i % 17 === 0 ? { ...item, entry: { ...item.entry, status: item.entry.status === 'draft' ? 'approved' : 'draft' } } : item)).filter((_, i) => i !== 5);
    prev = sortedRows(edited, { tokens: () => undefined, filters: defaultFilters, sort: sort('status') }, { sorted: prev });
    expect(ids(prev.rows)).toEqual(ids(libraryRows(edited, () => undefined, defaultFilters, sort('status'))));
    expect(ids(prev.rows)).not.toContain(all[5]!.entry.id);
  });

  it('places rows anew when their token counts arrive, sorted by tokens', () => {
    const all = items(300, random(7));
    const counts = new Map<string, number>();
    const tokens = (e: { id: string }) => counts.get(e.id);
    let prev = sortedRows(all, { tokens, filters: defaultFilters, sort: sort('tokens', 'desc') });
    // Counts arrive for some rows (the same entries): the rows move, as a whole sort places them.
    all.forEach((item, i) => i % 3 === 0 && counts.set(item.entry.id, (i * 37) % 11));
    prev = sortedRows(all, { tokens, filters: defaultFilters, sort: sort('tokens', 'desc') }, { sorted: prev });
    expect(ids(prev.rows)).toEqual(ids(libraryRows(all, tokens, defaultFilters, sort('tokens', 'desc'))));
    expect(prev.rows[0]!.tokens).toBe(10);
  });

  it('merges only the items a change names, for random pages, edits and deletions, as a whole sort gives', () => {
    const statuses = ['draft', 'ready', 'approved', 'rejected'] as const;
    for (let seed = 11; seed <= 14; seed++) {
      const rnd = random(seed);
      const pool = items(500, rnd);
      const counts = new Map(pool.map((item) => [item.entry.id, rnd() < 0.2 ? undefined : Math.floor(rnd() * 4)]));
      const tokens = (e: { id: string }) => counts.get(e.id);
      const failing = (row: { entry: { id: string } }) => (row.entry.id.length % 3 === 0 ? undefined : row.entry.id.length % 2);
      for (const column of columns) {
        for (const direction of ['asc', 'desc'] as const) {
          const filters = rnd() < 0.5 ? defaultFilters : { ...defaultFilters, status: 'draft' };
          let shown: LibraryItem[] = [];
          let next = 0;
          let prev: SortedRows | null = null;
          for (let step = 0; step < 14; step++) {
            const op = rnd();
            let changed: LibraryItem[] | undefined;
            if (op < 0.5 && next < pool.length) {
              // A page: new items at the end (a streamed reload), named by the change.
              changed = pool.slice(next, (next += 1 + Math.floor(rnd() * 60)));
              shown = shown.concat(changed);
            } else if (op < 0.8 && shown.length) {
              // Edits: some entries replaced in place (a status moved), named by the change.
              changed = [];
              shown = shown.map((item) => {
                if (rnd() > 0.05) return item;
                const edited = { ...item, entry: { ...item.entry, status: statuses[Math.floor(rnd() * 4)]! } };
                changed!.push(edited);
                return edited;
              });
            } else {
              // Deletions: not a change sortedRows takes by name (none is gone), so every item is compared.
              shown = shown.filter(() => rnd() > 0.1);
            }
            prev = sortedRows(shown, { tokens, filters, sort: sort(column, direction), failing }, prev && { sorted: prev, changed });
            const whole = libraryRows(shown, tokens, filters, sort(column, direction), undefined, failing);
            expect(ids(prev.rows), `seed ${seed}, ${column} ${direction}, step ${step}`).toEqual(ids(whole));
            expect(prev.byId.size, `seed ${seed}, ${column} ${direction}, step ${step}`).toBe(shown.length);
          }
        }
      }
    }
  });
});
