/**
 * A result whose answer verdict is still pending (only SymPy can decide it, and it has not) is
 * not known to pass: the sort by checks ranks it "not known" (CHECKS_ORDER.unknown), the
 * "checks failing" filter leaves it out, and nothing is kept with its entry — unless another
 * check fails, which makes it failing. The rank and the filter read the freshest result this
 * page knows, the same whether or not the row's trace was read for the screen.
 *
 * Expected ranks come from the definition (core/library/query.ts): failing when a check fails,
 * not known while nothing fails and the verdict is pending, passing otherwise. Which answers
 * need SymPy is the answer module's rule (2√3 against √12: pending; 3√3 against √12: decided
 * different in floating point; rows.test.ts shows both).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { runChecks } from '../../core/checks';
import { CHECKS_ORDER, checksRank } from '../../core/library/query';
import type { Sample } from '../../core/sample/types';
import { parseTrace } from '../../core/trace';
import type { ChecksCache } from '../checks/checks';
import { checkRevision } from '../checks/checks';
import { indexedDbPersistence } from '../session/persistence';
import { memoryLocalSettings, type LocalSettingsPersistence } from '../settings/localSettings';
import { createStudio, type Studio } from '../studio';
import { filterByChecks, rowChecksFailing } from './checksFilter';
import { storedEntryOf } from './entries';
import { sortRows, type LibraryRow } from './rows';
import { defaultFilters } from './state';

/** A generation ending in `answer`; without `</think>` the structure check fails. */
const generation = (answer: string, think = true) => `Work it out.${think ? '\n</think>' : ''}\n\n$\\boxed{${answer}}$`;

function sample(id: string, problem: string, answer: string, gt: string, think = true): Sample {
  const text = generation(answer, think);
  return { id, problem, prompt: problem, record: {}, origin: { format: 'pasted', file: 'x' }, gtAnswer: gt, original: text, trace: parseTrace(text), branches: [], status: 'draft', createdAt: '', updatedAt: '' };
}

/** The cases, each with its rank by the definition. */
const CASES = [
  { id: 'pending', problem: 'A pending radical', answer: '2\\sqrt{3}', gt: '\\sqrt{12}', think: true, rank: CHECKS_ORDER.unknown },
  { id: 'pending-failing', problem: 'B pending, no think end', answer: '2\\sqrt{3}', gt: '\\sqrt{12}', think: false, rank: CHECKS_ORDER.failing },
  { id: 'equal', problem: 'C equal', answer: '7', gt: '7', think: true, rank: CHECKS_ORDER.passing },
  { id: 'different', problem: 'D different', answer: '3\\sqrt{3}', gt: '\\sqrt{12}', think: true, rank: CHECKS_ORDER.failing },
  { id: 'pending-2', problem: 'E pending set', answer: '\\sqrt{12}', gt: '2\\sqrt{3}', think: true, rank: CHECKS_ORDER.unknown },
] as const;
const byRank = (direction: 1 | -1) =>
  [...CASES].sort((a, b) => direction * (a.rank - b.rank) || (a.problem < b.problem ? -1 : 1)).map((c) => c.problem);

describe('checks with a pending answer verdict', () => {
  it('rank not known (not passing) in the sort and are not failing in the filter; another failing check makes them failing', async () => {
    const samples = CASES.map((c) => sample(c.id, c.problem, c.answer, c.gt, c.think));
    // The quick checks, without an interpreter: what the library runs for every sample.
    const checks: ChecksCache = {};
    for (const s of samples) checks[s.id] = { revision: checkRevision(s), level: 'quick', result: await runChecks(s), counted: false, checking: false };
    expect(checks.pending!.result.answer?.verdict).toBe('pending');
    expect(checks['pending-failing']!.result.answer?.verdict).toBe('pending');
    // A result kept with the entry from an earlier check says passing: the fresher one run here wins.
    const kept = () => [] as string[];
    const failing = (row: Pick<LibraryRow, 'entry' | 'sample'>) => rowChecksFailing(row, checks, kept);
    for (const peeked of [false, true]) {
      // The entry as stored (with its revision); the trace in memory (read for the screen) or on disk.
      const rows: LibraryRow[] = samples.map((s) => ({ id: s.id, entry: storedEntryOf(s), sample: peeked ? s : undefined, summary: undefined, tokens: undefined }));
      for (const [i, c] of CASES.entries()) expect(checksRank(failing(rows[i]!)), `${c.id}, trace ${peeked ? 'read' : 'on disk'}`).toBe(c.rank);
      const order = (direction: 'asc' | 'desc') => sortRows(rows, { column: 'checks', direction }, undefined, failing).map((r) => r.entry.problem);
      expect(order('asc')).toEqual(byRank(1));
      // Descending turns the ranks round; ties stay in the default order.
      expect(order('desc')).toEqual([...CASES].sort((a, b) => b.rank - a.rank || (a.problem < b.problem ? -1 : 1)).map((c) => c.problem));
      const failingOnes = filterByChecks(rows, { ...defaultFilters, checks: 'failing' }, checks, kept).map((r) => r.id);
      expect(failingOnes).toEqual(CASES.filter((c) => c.rank === CHECKS_ORDER.failing).map((c) => c.id));
    }
    // Without a result run here, the kept one counts (a row on disk, never checked in this page).
    const onDisk = { entry: storedEntryOf(samples[0]!), sample: undefined };
    expect(rowChecksFailing(onDisk, {}, kept)).toBe(0);
    expect(rowChecksFailing(onDisk, {}, () => undefined)).toBeUndefined();
  });
});

const bytes = (text: string) => new TextEncoder().encode(text);
let dbCounter = 0;

async function open(name: string, local: LocalSettingsPersistence): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), localSettings: local, saveDebounceMs: 5 });
  await studio.init();
  await studio.libraryRead();
  return studio;
}

describe('the library with pending answer verdicts (no interpreter: SymPy never decides them)', () => {
  it('sorts them among the not known, filters them out of "checks failing", and keeps no result for them', async () => {
    const name = `checks-pending-${++dbCounter}`;
    const local = memoryLocalSettings();
    const file = CASES.map((c) => JSON.stringify({ problem: c.problem, gt_answer: c.gt, gen: [generation(c.answer, c.think)] })).join('\n');
    const first = await open(name, local);
    expect(await first.actions.importFiles.perform([{ name: 'pending.jsonl', bytes: bytes(file) }])).toMatchObject({ imported: CASES.length });
    const library = first.services.library;
    first.actions.sortBy.perform('checks');
    // The library's index runs the quick checks of every sample in idle slices.
    await vi.waitFor(
      () => {
        library.rows();
        expect(Object.values(first.store.getState().checks).filter((c) => !c.checking)).toHaveLength(CASES.length);
      },
      { timeout: 30_000, interval: 20 },
    );
    const problems = () => library.rows().map((r) => r.entry.problem);
    expect(problems()).toEqual(byRank(1));
    first.actions.setFilters.perform({ checks: 'failing' });
    expect(problems().sort()).toEqual(CASES.filter((c) => c.rank === CHECKS_ORDER.failing).map((c) => c.problem));
    first.actions.setFilters.perform({ checks: 'all' });
    expect(await first.flush()).toBe(true);
    first.dispose();

    // Reloaded (entries only, no trace read). Kept with the stored entries (and so sent to a team
    // server): the decided results only — none kept as passing while its verdict is pending.
    const again = await open(name, local);
    const kept = Object.fromEntries(Object.values(again.store.getState().entries).map((e) => [e.problem, e.checks?.failing.length]));
    expect(kept).toEqual(Object.fromEntries(CASES.map((c) => [c.problem, c.rank === CHECKS_ORDER.unknown ? undefined : c.rank === CHECKS_ORDER.failing ? 1 : 0])));
    // The same ranks from the kept results.
    again.store.setState({ sort: { column: 'checks', direction: 'asc' } });
    expect(again.services.library.rows().every((r) => r.sample === undefined)).toBe(true);
    expect(again.services.library.rows().map((r) => r.entry.problem)).toEqual(byRank(1));
    again.dispose();
  });
});
