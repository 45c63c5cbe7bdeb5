/**
 * A library at scale is read from its stored entries: a reload shows every row, filters,
 * searches and fills the review queue without reading a trace; a trace is read when its sample
 * is opened, and whole-project work (backup, export) reads every one from disk.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { renderTrace } from '../../core/trace';
import { importFile } from '../../core/import';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio, type Studio } from '../studio';

const bytes = (text: string) => new TextEncoder().encode(text);
let dbCounter = 0;
const freshName = () => `hint-studio-entries-${++dbCounter}`;

/** `n` problems, one generation each: every 7th answers wrong, every 5th runs code. */
function inferenceFile(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const answer = i % 7 === 0 ? i + 1 : i;
    const code = i % 5 === 0 ? `Let me compute.\n\`\`\`python\nprint(${i})\n\`\`\`\n\`\`\`output\n${i}\n\`\`\`\n` : '';
    const gen = `Problem ${i} needs thought.\n${code}So the answer is ${answer}.\n</think>\n\n$\\boxed{${answer}}$`;
    lines.push(JSON.stringify({ problem: `Problem number ${i}: what is ${i} ${i % 3 === 0 ? 'squared' : 'plus zero'}?`, gt_answer: String(i), source: i % 2 ? 'odd' : 'even', gen: [gen] }));
  }
  return lines.join('\n');
}

async function open(name: string): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5 });
  await studio.init();
  // A library over the first page arrives in pages after init (session/persistenceLibrary.test.ts).
  await studio.libraryRead();
  return studio;
}

async function libraryOf(n: number): Promise<string> {
  const name = freshName();
  const first = await open(name);
  const report = await first.actions.importFiles.perform([{ name: 'big.jsonl', bytes: bytes(inferenceFile(n)) }]);
  expect(report).toMatchObject({ imported: n });
  expect(await first.flush()).toBe(true);
  first.dispose();
  return name;
}

const inMemory = (studio: Studio) => Object.keys(studio.store.getState().samples);

describe('a library read from its stored entries', () => {
  it('shows, filters and searches every row after a reload without reading a trace; opening a sample reads its trace', async () => {
    const name = await libraryOf(300);
    const studio = await open(name);
    const rows = studio.services.library.rows();
    expect(rows).toHaveLength(300);
    expect(inMemory(studio)).toEqual([]);
    // The row's facts come from the stored entry: code blocks and the answer verdict without the trace.
    const row35 = rows.find((r) => r.entry.problem.startsWith('Problem number 35:'))!;
    expect(row35.sample).toBeUndefined();
    expect(row35.summary).toMatchObject({ codeBlocks: 1, answer: '36', answerVerdict: 'different' });

    studio.actions.setFilters.perform({ answer: 'mismatch' });
    expect(studio.services.library.rows()).toHaveLength(43); // every 7th of 0…299 answers wrong
    studio.actions.setFilters.perform({ answer: 'all', query: 'number 123:' });
    const found = studio.services.library.rows();
    expect(found.map((r) => r.entry.problem)).toEqual(['Problem number 123: what is 123 squared?']);
    expect(inMemory(studio)).toEqual([]);

    // Enter on the match reads its trace and opens it; nothing else is read.
    expect(await studio.actions.openCursorSample.perform()).toBe(true);
    expect(studio.store.getState()).toMatchObject({ view: 'sample', openSampleId: found[0]!.id });
    expect(inMemory(studio)).toEqual([found[0]!.id]);
    expect(renderTrace(studio.store.getState().samples[found[0]!.id]!.trace)).toContain('So the answer is 123.');
  });

  it('keeps an edit made after a reload, in the trace and in the stored entry the next reload reads', async () => {
    const name = await libraryOf(40);
    const studio = await open(name);
    const id = studio.services.library.rows()[5]!.id;
    expect(await studio.actions.openSample.perform(id)).toBe(true);
    studio.services.writeSample(id, (s) => ({ ...s, status: 'ready', trace: { segments: [...s.trace.segments, { id: 'note', kind: 'prose', text: '\nchecked by hand', origin: 'annotator' }] } }));
    expect(await studio.flush()).toBe(true);

    const again = await open(name);
    // The library (status column, review queue) knows of the edit before any trace is read.
    expect(again.services.library.rows().find((r) => r.id === id)?.entry.status).toBe('ready');
    expect(again.store.getState().view).toBe('sample'); // the place saved last time, its trace read
    expect(inMemory(again)).toEqual([id]);
    expect(renderTrace(again.store.getState().samples[id]!.trace)).toMatch(/checked by hand$/);
  });

  it('walks the review queue from the entries, reading each trace as it opens', async () => {
    const name = await libraryOf(30);
    const studio = await open(name);
    const ids = studio.services.library.rows().map((r) => r.id);
    for (const id of [ids[3]!, ids[10]!]) {
      await studio.actions.openSample.perform(id);
      studio.services.writeSample(id, (s) => ({ ...s, status: 'ready' }));
    }
    studio.actions.backToLibrary.perform();
    expect(await studio.flush()).toBe(true);

    const again = await open(name);
    expect(inMemory(again)).toEqual([]);
    expect(await again.actions.queueNext.perform()).toBe(true);
    expect(again.store.getState().openSampleId).toBe(ids[3]);
    expect(await again.actions.queueNext.perform()).toBe(true);
    expect(again.store.getState().openSampleId).toBe(ids[10]);
    expect(inMemory(again).sort()).toEqual([ids[3]!, ids[10]!].sort());
  });

  it('reads the traces of the rows on screen, and keeps those of rows scrolled past only for a few', async () => {
    const name = await libraryOf(80);
    const studio = await open(name);
    const { library } = studio.services;
    const withTrace = () => new Set(library.rows().filter((r) => r.sample).map((r) => r.id));
    const ids = library.rows().map((r) => r.id);
    // The view tells which rows it shows, a screen of 20 at a time down the library.
    for (let from = 0; from < 80; from += 20) {
      const screen = ids.slice(from, from + 20);
      library.setVisible(library.rows().filter((r) => screen.includes(r.id)));
      await expect.poll(() => screen.every((id) => withTrace().has(id))).toBe(true);
      // Beside the screen's traces, no more than 8 of rows scrolled past (the last ones).
      const offScreen = [...withTrace()].filter((id) => !screen.includes(id));
      expect(offScreen.length).toBeLessThanOrEqual(8);
      if (from) expect(offScreen.every((id) => ids.indexOf(id) < from && ids.indexOf(id) >= from - 20)).toBe(true);
    }
    // Rows peeked at are not samples in memory: nothing was opened.
    expect(inMemory(studio)).toEqual([]);

    // A fast scroll (screens told one after the other, at once) reads only the screen it stops at.
    const again = await open(name);
    const rowsOf = (from: number) => again.services.library.rows().filter((r) => ids.slice(from, from + 20).includes(r.id));
    for (const from of [0, 20, 40]) again.services.library.setVisible(rowsOf(from));
    await expect.poll(() => rowsOf(40).every((r) => r.sample)).toBe(true);
    expect(again.services.library.rows().filter((r) => r.sample).map((r) => r.id).sort()).toEqual(ids.slice(40, 60).sort());
  });

  it('backs up every sample after a reload, reading the traces still on disk', async () => {
    const name = await libraryOf(250);
    const studio = await open(name);
    expect(inMemory(studio)).toEqual([]);
    const backup = await studio.actions.backUpProject.perform();
    const restored = await importFile('backup.json', bytes(backup.text));
    expect(restored.samples).toHaveLength(250);
    expect(restored.samples.find((s) => s.problem.startsWith('Problem number 249:'))?.original).toContain('So the answer is 249.');
  });

  it('reads a database written before entries existed: the upgrade stores an entry for every sample', async () => {
    const name = await libraryOf(12);
    // Make it a version-2 database again: no library store.
    const old = await openDB(name);
    const samples = await old.getAll('samples');
    old.close();
    await new Promise<void>((resolve, reject) => {
      const del = indexedDB.deleteDatabase(name);
      del.onsuccess = () => resolve();
      del.onerror = () => reject(del.error);
    });
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('samples', { keyPath: 'id' });
        db.createObjectStore('meta');
        db.createObjectStore('versions');
        db.createObjectStore('pending');
      },
    });
    for (const s of samples) await v2.put('samples', s);
    // One sample another tab had saved twice since: its version must survive the upgrade.
    await v2.put('versions', { version: 3, writer: 'other-tab' }, samples[4].id);
    v2.close();

    const studio = await open(name);
    expect(studio.services.library.rows()).toHaveLength(12);
    expect(inMemory(studio)).toEqual([]);
    expect(studio.services.library.rows().every((r) => r.summary?.hasAnswer)).toBe(true);
    // An edit of it is saved over version 3 (not refused as a conflict with a version it never saw).
    await studio.actions.openSample.perform(samples[4].id);
    studio.services.writeSample(samples[4].id, (s) => ({ ...s, status: 'ready' }));
    expect(await studio.flush()).toBe(true);
    expect(studio.store.getState().sync.conflicts).toEqual({});
    const after = await openDB(name);
    expect((await after.get('versions', samples[4].id))?.version).toBe(4);
    after.close();
  });
});

describe('entryTextSharing (entries read from storage share the texts they repeat)', () => {
  const entry = (i: number, revision: string, factsRevision: string) => ({
    id: `sample-${i}`,
    problem: 'Find $x$.',
    status: 'draft' as const,
    origin: { format: 'cort-inference' as const, file: 'a.jsonl', line: i, genIndex: i % 2 },
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    source: 'amc23',
    summary: { id: `sample-${i}`, problemExcerpt: 'Find $x$.', source: 'amc23', status: 'draft' as const, tokensAreEstimate: false, codeBlocks: 1, outputBlocks: 1, answer: '4', hasAnswer: true, answerVerdict: 'equal' as const, answerMatches: true },
    revision,
    contentKey: `key-${i}`,
    tokens: { revision: factsRevision, tokenizer: 'qwen3', count: 100 + i },
    checks: { revision: factsRevision, definition: 'checks-v1', failing: i % 2 ? ['answer-mismatch', 'no-answer'] : [] },
  });

  it('changes no value: facts of another revision keep their own revision', async () => {
    const { entryTextSharing } = await import('./entries');
    const share = entryTextSharing();
    const originals = [entry(1, 'r1', 'r1'), entry(2, 'r2', 'r-older'), entry(3, 'r3', 'r3')];
    // As IndexedDB gives them: a copy of every text per entry.
    const read = originals.map((e) => structuredClone(e));
    const shared = read.map((e) => share(e));
    expect(shared).toStrictEqual(originals);
    expect(shared[1]!.tokens!.revision).toBe('r-older');
    expect(shared[0]!.checks!.failing).toEqual(['answer-mismatch', 'no-answer']);
  });
});
