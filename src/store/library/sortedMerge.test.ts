/**
 * The library service's rows while its entries change a page at a time (a streamed reload), an
 * edit at a time, and its sort and filters change in between: each change merges into the rows
 * sorted before, and the rows are always those a whole sort of the same entries gives.
 */
import { describe, expect, it } from 'vitest';
import { createNodeStudio } from '../../cli/compose';
import { entryOf, libraryItems, libraryItemsChange, noteChanged, type LibraryEntry, type LibraryItem } from './entries';
import { checksDefinition } from '../checks/definition';
import type { CheckEntry, ChecksCache } from '../checks/state';
import type { SampleChecks } from '../../core/checks';
import { libraryRows } from './rows';
import { defaultFilters, type LibraryFilters, type LibrarySort } from './state';

const statuses = ['draft', 'ready', 'approved', 'rejected'] as const;
/** Checks kept with the entry: failing, passing, not run, or run under other settings (not known here). */
const keptChecks = (i: number) => {
  const definition = i % 5 === 4 ? 'other-settings' : checksDefinition(undefined, null);
  return i % 5 === 3 ? {} : { checks: { revision: `r${i}`, definition, failing: i % 5 === 0 ? ['answer'] : i % 5 === 1 ? ['answer', 'structure'] : [] } };
};
/**
 * A result this page ran for entry i's content: an answer check that fails, passes, or is still
 * pending (SymPy has not decided it), beside a structure check that passes or fails.
 */
function ran(i: number, answer: 'fail' | 'pass' | 'pending', structure: 'pass' | 'fail'): CheckEntry {
  const result: SampleChecks = {
    ok: answer !== 'fail' && structure !== 'fail',
    checks: [
      { id: 'answer', label: 'Answer', status: answer === 'pending' ? 'skipped' : answer, detail: '' },
      { id: 'think-end', label: 'Think end', status: structure, detail: '' },
    ],
    answer: { verdict: answer === 'pending' ? 'pending' : answer === 'fail' ? 'different' : 'equal', method: 'test', detail: '' },
    efficiency: { codeCalls: 0, calculationCells: 0, verificationCells: 0, untaggedCells: 0 },
  };
  return { revision: `r${i}`, level: 'quick', result, counted: false, checking: false };
}

const entry = (i: number): LibraryEntry =>
  ({
    id: `s-${(i * 7919) % 1000}-${i}`,
    problem: `${i % 3 ? 'P' : 'p'}roblem ${i % 13}`,
    source: ['aime24', 'math500', undefined][i % 3],
    status: statuses[(i * 5) % 4],
    origin: { format: 'cort-inference', file: 'x.jsonl', genIndex: i % 4 },
    createdAt: '',
    updatedAt: '',
    revision: `r${i}`,
    ...keptChecks(i),
  }) as LibraryEntry;

describe('the library service merges changes into its sorted rows', () => {
  it('shows after each page, edit, sort and filter the rows a whole sort gives', () => {
    const { store, services } = createNodeStudio();
    store.setState({ ready: true });
    const whole = () => {
      const s = store.getState();
      // The checks kept under this studio's definition (its settings, no tokenizer yet), as the column shows them.
      const definition = checksDefinition(s.settings, null);
      // A result run here for the entry's content comes first: failing when a check fails, not known while its answer is pending, else passing.
      const run = (row: { entry: LibraryEntry }) => (s.checks[row.entry.id]?.revision === row.entry.revision ? s.checks[row.entry.id]!.result : undefined);
      const failing = (row: { entry: LibraryEntry }) => {
        const result = run(row);
        if (result) {
          const fails = result.checks.filter((c) => c.status === 'fail').length;
          return fails > 0 ? fails : result.answer?.verdict === 'pending' ? undefined : 0;
        }
        return row.entry.checks?.definition === definition ? row.entry.checks.failing.length : undefined;
      };
      return libraryRows(libraryItems(s), () => undefined, s.filters, s.sort, undefined, failing).map((r) => r.id);
    };
    const shown = () => services.library.rows().map((r) => r.id);
    const steps: Array<() => void> = [];
    for (let page = 0; page < 6; page++) {
      steps.push(() => {
        const entries = { ...store.getState().entries };
        for (let i = page * 50; i < page * 50 + 50; i++) entries[entry(i).id] = entry(i);
        store.setState({ entries });
      });
      if (page === 1) steps.push(() => store.setState({ sort: { column: 'checks', direction: 'asc' } as LibrarySort }));
      if (page === 2) {
        // A result kept since (the change feed, a write-back): the row moves to the failing ones.
        steps.push(() => {
          const entries = { ...store.getState().entries };
          const passed = entry(2);
          entries[passed.id] = { ...passed, checks: { ...passed.checks!, failing: ['answer'] } };
          store.setState({ entries });
        });
        // Checks run here for rows on screen, a few at a time (a peek): pending ones are not known, whatever was kept.
        const runs: [number, CheckEntry][][] = [
          [[0, ran(0, 'pending', 'pass')], [2, ran(2, 'pending', 'pass')], [7, ran(7, 'pending', 'fail')]],
          [[1, ran(1, 'pass', 'pass')], [3, ran(3, 'pending', 'pass')], [0, ran(0, 'pass', 'pass')]],
          [[9, ran(9, 'fail', 'pass')], [60, ran(999, 'pass', 'pass')], [4, ran(4, 'pending', 'pass')]],
        ];
        for (const batch of runs) {
          steps.push(() => {
            const checks: ChecksCache = { ...store.getState().checks };
            for (const [i, run] of batch) checks[entry(i).id] = run;
            store.setState({ checks });
          });
        }
        steps.push(() => store.setState({ sort: { column: 'checks', direction: 'desc' } as LibrarySort }));
        // A result leaves the cache: the kept one counts again.
        steps.push(() => {
          const { [entry(2).id]: _gone, ...checks } = store.getState().checks;
          store.setState({ checks });
        });
        steps.push(() => store.setState({ sort: { column: 'status', direction: 'desc' } as LibrarySort }));
      }
      if (page === 3) steps.push(() => store.setState({ filters: { ...defaultFilters, source: 'aime24' } as LibraryFilters }));
      if (page === 4) {
        // Edits: a status moves (its row moves), an entry leaves.
        steps.push(() => {
          const entries = { ...store.getState().entries };
          const moved = entry(3);
          entries[moved.id] = { ...moved, status: moved.status === 'draft' ? 'approved' : 'draft' };
          delete entries[entry(6).id];
          store.setState({ entries });
        });
      }
    }
    for (const step of steps) {
      step();
      expect(shown()).toEqual(whole());
    }
    expect(shown().length).toBeGreaterThan(50);
  });

  it('follows random pages, edits and deletions that name the ids they changed, with the rows and items a whole walk gives', () => {
    const { store, services } = createNodeStudio();
    store.setState({ ready: true });
    // Items made from scratch, not by the memo under test: an entry stands for a sample not in memory.
    const itemsAnew = (): LibraryItem[] => {
      const { entries, samples } = store.getState();
      const list: LibraryItem[] = Object.keys(entries).filter((id) => !samples[id]).map((id) => ({ entry: entries[id]!, sample: undefined }));
      return list.concat(Object.values(samples).map((sample) => ({ entry: entryOf(sample), sample })));
    };
    const whole = () => {
      const s = store.getState();
      const definition = checksDefinition(s.settings, null);
      const failing = (row: { entry: LibraryEntry }) => (row.entry.checks?.definition === definition ? row.entry.checks.failing.length : undefined);
      return libraryRows(itemsAnew(), () => undefined, s.filters, s.sort, undefined, failing).map((r) => r.id);
    };
    const shown = () => services.library.rows().map((r) => r.id);
    let seed = 5;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const sorts: LibrarySort[] = [
      { column: 'problem', direction: 'asc' },
      { column: 'status', direction: 'desc' },
      { column: 'checks', direction: 'asc' },
      { column: 'source', direction: 'desc' },
    ];
    let next = 0;
    let named = 0;
    expect(shown()).toEqual([]);
    for (let step = 0; step < 60; step++) {
      const before = store.getState().entries;
      const entries = { ...before };
      const ids: string[] = [];
      const op = rnd();
      if (op < 0.45 && next < 600) {
        // A page of a streamed reload.
        for (const end = next + 1 + Math.floor(rnd() * 80); next < end; next++) {
          entries[entry(next).id] = entry(next);
          ids.push(entry(next).id);
        }
      } else if (op < 0.7) {
        // Edits kept elsewhere (the change feed): a status moves, a check fails.
        for (const id of Object.keys(before)) {
          if (rnd() > 0.05) continue;
          const was = before[id]!;
          entries[id] = { ...was, status: statuses[Math.floor(rnd() * 4)]!, ...(was.checks ? { checks: { ...was.checks, failing: rnd() < 0.5 ? [] : ['answer'] } } : {}) };
          ids.push(id);
        }
      } else if (op < 0.8) {
        // Deletions, named too (the items are then made again from every entry).
        for (const id of Object.keys(before)) {
          if (rnd() > 0.1) continue;
          delete entries[id];
          ids.push(id);
        }
      } else if (op < 0.9) {
        store.setState({ sort: sorts[Math.floor(rnd() * sorts.length)]! });
      } else {
        store.setState({ filters: rnd() < 0.5 ? { ...defaultFilters } : ({ ...defaultFilters, status: statuses[Math.floor(rnd() * 4)] } as LibraryFilters) });
      }
      if (ids.length) {
        // Every other edit is made without a note: the library then compares every entry.
        store.setState({ entries: op >= 0.45 && op < 0.7 && step % 2 === 0 ? entries : noteChanged(entries, before, ids) });
      }
      expect(shown(), `step ${step}`).toEqual(whole());
      const items = libraryItems(store.getState());
      expect(new Map(items.map((i) => [i.entry.id, i.entry])), `step ${step}`).toEqual(new Map(itemsAnew().map((i) => [i.entry.id, i.entry])));
      // A named page is followed by its ids alone.
      if (op < 0.45 && ids.length) {
        expect(libraryItemsChange(items)?.changed.length, `step ${step}`).toBe(ids.length);
        named++;
      }
    }
    expect(named).toBeGreaterThan(3);
    expect(next).toBeGreaterThan(200);
  });
});
