/**
 * The library service's rows while its entries change a page at a time (a streamed reload), an
 * edit at a time, and its sort and filters change in between: each change merges into the rows
 * sorted before, and the rows are always those a whole sort of the same entries gives.
 */
import { describe, expect, it } from 'vitest';
import { createNodeStudio } from '../../cli/compose';
import { libraryItems, type LibraryEntry } from './entries';
import { checksDefinition } from '../checks/definition';
import { libraryRows } from './rows';
import { defaultFilters, type LibraryFilters, type LibrarySort } from './state';

const statuses = ['draft', 'ready', 'approved', 'rejected'] as const;
/** Checks kept with the entry: failing, passing, not run, or run under other settings (not known here). */
const keptChecks = (i: number) => {
  const definition = i % 5 === 4 ? 'other-settings' : checksDefinition(undefined, null);
  return i % 5 === 3 ? {} : { checks: { revision: `r${i}`, definition, failing: i % 5 === 0 ? ['answer'] : i % 5 === 1 ? ['answer', 'structure'] : [] } };
};
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
      const failing = (row: { entry: LibraryEntry }) => (row.entry.checks?.definition === definition ? row.entry.checks.failing.length : undefined);
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
        steps.push(() => store.setState({ sort: { column: 'checks', direction: 'desc' } as LibrarySort }));
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
});
