/**
 * The library's query on a team server, on PGlite and PostgreSQL: GET …/sample-ids answers
 * every filter and sort of the library with the same ids, in the same order, as the studio's
 * own rule over the same samples in memory (store/library/rows.ts) — the exactness check —
 * and refuses callers who are not signed in or name a project that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCodeSegment, makeOutputSegment } from '../core/trace';
import type { ReviewStatus, Sample } from '../core/sample/types';
import type { Segment } from '../core/trace/types';
import { answerState } from '../core/library/query';
import { createServerApi } from '../store/sync/api';
import { serverQuerySource, type LibraryQuery } from '../store/library/query';
import { libraryRows, summaryOf } from '../store/library/rows';
import { entryOf } from '../store/library/entries';
import { filterByAssignment } from '../store/team/assignment';
import { defaultFilters, defaultSort, type LibraryFilters, type LibrarySort } from '../store/library/state';
import type { ServerStatus } from '../store/sync/state';
import { sql } from 'drizzle-orm';
import { backfillDerivedColumns } from './data/sampleWrites';
import { backends, Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';
import { draftFixture } from './testing/fixtures';
import { contentRevision } from '../core/sample/revision';
import { currentEntryChecks, type SampleEntry } from '../core/sample/entry';

afterAll(stopPostgres);

/** Problems that tell the orders apart: case, accents, astral letters, U+E000 above them in UTF-16, ties. */
const PROBLEMS = [
  'apple pie has 3 slices',
  'Apple pie has 3 slices',
  'Banana split: find x',
  'banana Split: find x',
  'Éclair count',
  'éclair count',
  'Zeta function at 2',
  'zeta function at 2',
  '𝑥 such that 𝑥^3 = 125',
  '\uE000 private use first',
  'Ünder the bridge',
  '50% of 80',
  'a_b is a variable',
  'Find 𝑥: 2x = 10',
  'find x: 2x = 10',
  'Straße length',
  'STRASSE length',
];
/** [boxed answer or null, ground truth]: match, mismatch, pending (needs SymPy), unparseable, no answer, no ground truth. */
const ANSWERS: [string | null, string | undefined][] = [
  ['5', '5'],
  ['4', '5'],
  ['x^2+2x+1', '(x+1)^2'],
  ['\\mathrm{foo}(', '3'],
  [null, '7'],
  ['12', undefined],
];
const SOURCES = ['aime24', 'amc23', 'AIME24', undefined, 'math500'];

function fixtureSample(i: number): Sample {
  const problem = PROBLEMS[i % PROBLEMS.length]!;
  const [answer, gt] = ANSWERS[i % ANSWERS.length]!;
  const segments: Segment[] = [{ id: 'p0', kind: 'prose', text: `Thinking about ${problem}.\n`, origin: 'model' }];
  for (let c = 0; c < i % 4; c++) {
    segments.push(makeCodeSegment(`print(${c})`, 'python', { id: `c${c}`, origin: 'model' }));
    segments.push(makeOutputSegment(String(c), { id: `o${c}` }));
  }
  if (answer !== null) {
    segments.push({ id: 't', kind: 'think-end', text: '</think>', origin: 'model' });
    segments.push({ id: 'a', kind: 'answer', text: `\n\nThe answer is \\boxed{${answer}}.`, origin: 'model' });
  }
  const source = SOURCES[i % SOURCES.length];
  return draftFixture({
    id: `s-${String(i).padStart(2, '0')}${i % 7 === 0 ? 'Z' : ''}`,
    problem,
    ...(gt === undefined ? {} : { gtAnswer: gt }),
    ...(source === undefined ? {} : { source }),
    origin: { format: 'cort-inference', file: i % 3 === 0 ? 'Run_B.jsonl' : 'run-a.jsonl', line: i + 1, genIndex: i % 3 },
    trace: { segments },
  });
}

const COUNT = 40;

describe.each(backends())('the library query on %s', (backend) => {
  let t: TestServer;
  let ana: Client;
  let rita: Client;
  /** The samples as the server stores them, and who works on what: the studio's view of the project. */
  let stored: Sample[];
  let assignment: ServerStatus['assignment'];

  beforeAll(async () => {
    t = await startTestServer(backend);
    ana = await t.user('annotator', 'ana');
    rita = await t.user('reviewer', 'rita');
    const base = `/api/projects/${t.projectId}/samples`;
    const statuses: ReviewStatus[] = ['draft', 'ready', 'changes-requested', 'rejected', 'approved'];
    for (let i = 0; i < COUNT; i++) {
      const sample = fixtureSample(i);
      const created = await ana.post(base, { sample });
      expect(created.status).toBe(201);
      let version = created.body.version;
      const to = statuses[i % statuses.length]!;
      const path = `${base}/${encodeURIComponent(sample.id)}`;
      if (to !== 'draft') {
        version = (await ana.post(`${path}/status`, { to: 'ready', version })).body.version;
        if (to !== 'ready') {
          const reviewed = await rita.post(`${path}/review`, { to, version, ...(to === 'approved' ? { overrideReason: 'a fixture of the library query' } : {}) });
          expect([reviewed.status, reviewed.body.message]).toEqual([200, undefined]);
        }
      }
      // Approved content edited afterwards: it waits in the review queue again.
      if (to === 'approved' && i % 10 === 4) {
        const held = (await ana.get(path)).body;
        const segments = held.sample.trace.segments.map((seg: Segment, n: number) => (n === 0 ? { ...seg, text: `${seg.text}Edited after the approval.\n` } : seg));
        const edited = await ana.put(path, { baseVersion: held.version, sample: { ...held.sample, trace: { segments } } });
        expect(edited.status).toBe(200);
      }
      if (i % 4 === 0) expect((await t.admin.put(`${path}/assignment`, { annotator: 'ana' })).status).toBe(200);
      if (i % 5 === 1) expect((await t.admin.put(`${path}/assignment`, { reviewer: 'rita' })).status).toBe(200);
      if (i % 5 === 2) expect((await t.admin.put(`${path}/assignment`, { reviewer: 'admin' })).status).toBe(200);
    }
    stored = [];
    assignment = {};
    const page = (await ana.get(`${base}?limit=500&sort=id`)).body;
    for (const row of page.rows) {
      stored.push((await ana.get(`${base}/${encodeURIComponent(row.id)}`)).body.sample);
      assignment[row.id] = { annotator: row.annotator, reviewer: row.reviewer };
    }
  }, 120_000);
  afterAll(() => t?.close());

  /** The studio's answer: its own filter and order over the samples in memory. */
  function localIds(query: LibraryQuery, who: { user: string; role: ServerStatus['role'] }): string[] {
    const items = stored.map((sample) => ({ entry: entryOf(sample), sample }));
    for (const s of stored) summaryOf(s);
    const rows = libraryRows(items, () => undefined, query.filters, query.sort);
    return filterByAssignment(rows, query.filters.assigned, { ...who, assignment }).map((r) => r.id);
  }

  const serverIds = (client: Client, query: LibraryQuery) =>
    serverQuerySource(createServerApi(t.url, client.fetch), t.projectId).ids(query, new AbortController().signal);

  const q = (filters: Partial<LibraryFilters> = {}, sort: Partial<LibrarySort> = {}): LibraryQuery => ({ filters: { ...defaultFilters, ...filters }, sort: { ...defaultSort, ...sort } });

  it('the fixture covers every answer state, status and source', () => {
    expect(new Set(stored.map((s) => answerState(summaryOf(s))))).toEqual(new Set(['match', 'mismatch', 'pending', 'undecided', 'none', 'unchecked']));
    expect(new Set(stored.map((s) => s.status))).toEqual(new Set(['draft', 'ready', 'changes-requested', 'rejected', 'approved']));
    expect(stored.filter((s) => s.status === 'approved' && entryOf(s).approvalChanged)).not.toHaveLength(0);
  });

  const sorts: LibrarySort[] = (['problem', 'source', 'status', 'codeBlocks', 'answer'] as const).flatMap((column) => [
    { column, direction: 'asc' as const },
    { column, direction: 'desc' as const },
  ]);
  it.each(sorts)('sorted by $column $direction: the same ids in the same order', async (sort) => {
    const query = q({}, sort);
    const local = localIds(query, { user: 'ana', role: 'annotator' });
    expect(local).toHaveLength(COUNT);
    expect(await serverIds(ana, query)).toEqual(local);
  });

  const filterCases: Partial<LibraryFilters>[] = [
    ...['draft', 'ready', 'approved', 'changes-requested', 'rejected'].map((status) => ({ status })),
    ...['aime24', 'AIME24', 'amc23', 'math500'].map((source) => ({ source })),
    ...(['match', 'mismatch', 'undecided', 'none'] as const).map((answer) => ({ answer })),
    // Case, accents (JavaScript's lower case on both sides), astral letters, pattern characters taken literally, several words, answers, files, an id.
    ...['apple', 'ÉCLAIR', 'straße', '𝑥', '50%', 'a_b', 'find   2x', 'run_b', '(x+1)^2', 'Banana slices', 's-07Z', 'nothing-like-this'].map((query) => ({ query })),
  ];
  it.each(filterCases)('filtered by %o: the same ids in the same order', async (filters) => {
    for (const sort of [defaultSort, { column: 'answer', direction: 'desc' } as const]) {
      const query = q(filters, sort);
      const local = localIds(query, { user: 'ana', role: 'annotator' });
      expect(await serverIds(ana, query)).toEqual(local);
    }
  });

  it('search finds something for each word case and leaves the rest out', async () => {
    expect((await serverIds(ana, q({ query: 'ÉCLAIR' }))).length).toBe(localIds(q({ query: 'éclair' }), { user: 'ana', role: 'annotator' }).length);
    expect(await serverIds(ana, q({ query: 'éclair' }))).not.toHaveLength(0);
    expect(await serverIds(ana, q({ query: '50%' }))).not.toHaveLength(0);
    expect(await serverIds(ana, q({ query: 'nothing-like-this' }))).toEqual([]);
  });

  it('"Assigned to me" and "My queue" are the caller\'s, for an annotator and a reviewer', async () => {
    for (const [client, who] of [
      [ana, { user: 'ana', role: 'annotator' }],
      [rita, { user: 'rita', role: 'reviewer' }],
    ] as const) {
      for (const assigned of ['mine', 'queue'] as const) {
        const query = q({ assigned }, { column: 'status', direction: 'asc' });
        const local = localIds(query, who);
        expect(local.length).toBeGreaterThan(0);
        expect(await serverIds(client, query)).toEqual(local);
      }
    }
  });

  it('filters combine with a search and a sort', async () => {
    const query = q({ status: 'ready', query: 'find', answer: 'undecided' }, { column: 'codeBlocks', direction: 'desc' });
    expect(await serverIds(ana, query)).toEqual(localIds(query, { user: 'ana', role: 'annotator' }));
  });

  it('sorted by checks (failing, not known, passing): the same order as the studio gives over the same kept results', async () => {
    // The asker's definitions (counted by its tokenizer, and uncounted); results kept under another say nothing to it.
    const mine = ['def-counted', 'def-uncounted'];
    const facts = stored.flatMap((sample, i) => {
      const fact = (definition: string, failing: string[]) => [{ id: sample.id, revision: contentRevision(sample), definition, failing }];
      return [fact('def-counted', ['answer']), fact('def-uncounted', []), fact('def-other-settings', ['answer']), [], fact('def-uncounted', ['answer', 'structure']), fact('def-counted', [])][i % 6]!;
    });
    const sent = await ana.post(`/api/projects/${t.projectId}/checks`, { checks: facts });
    expect(sent.body.kept).toHaveLength(facts.length);
    // The studio's side: the entries as the server keeps them (with the results), read under the same definitions.
    const rows = (await ana.get(`/api/projects/${t.projectId}/samples?limit=500&sort=id`)).body.rows as { entry: SampleEntry }[];
    const items = rows.map((row) => ({ entry: row.entry, sample: undefined }));
    const failing = (row: { entry: SampleEntry }) => mine.map((d) => currentEntryChecks(row.entry, d)).find((f) => f !== undefined)?.length;
    for (const direction of ['asc', 'desc'] as const) {
      const query: LibraryQuery = { ...q({}, { column: 'checks', direction }), checksDefinitions: mine };
      const local = libraryRows(items, () => undefined, query.filters, query.sort, undefined, failing).map((r) => r.id);
      expect(await serverIds(ana, query)).toEqual(local);
      // Failing first (ascending): the fixtures' failing ones under the asker's definitions, then the rest.
      if (direction === 'asc') expect(local.slice(0, stored.filter((_, i) => i % 6 === 0 || i % 6 === 4).length).every((id) => failing(items.find((x) => x.entry.id === id)!)! > 0)).toBe(true);
    }
    // Asked with no definition of its own: every result is not known, and the order is the default one's.
    const none: LibraryQuery = { ...q({}, { column: 'checks' }), checksDefinitions: [] };
    expect(await serverIds(ana, none)).toEqual(await serverIds(ana, q()));
  });

  it('refuses callers not signed in, unknown projects and unknown values', async () => {
    const anonymous = new Client(t.url);
    expect((await anonymous.get(`/api/projects/${t.projectId}/sample-ids`)).status).toBe(401);
    expect((await ana.get(`/api/projects/${t.projectId + 999}/sample-ids`)).status).toBe(404);
    expect((await ana.get(`/api/projects/${t.projectId}/sample-ids?verdict=maybe`)).status).toBe(400);
    expect((await ana.get(`/api/projects/${t.projectId}/sample-ids?assigned=everyone`)).status).toBe(400);
    const all = await ana.get(`/api/projects/${t.projectId}/sample-ids`);
    expect([all.status, all.body.total, all.body.ids.length]).toEqual([200, COUNT, COUNT]);
  });

  it('samples written before the search columns existed get them at start, and are found', async () => {
    const db = t.server.database.db;
    await db.execute(sql`update samples set search_text = null, answer_verdict = null`);
    expect(await serverIds(ana, q({ query: 'apple' }))).toEqual([]);
    expect(await backfillDerivedColumns(db, 7)).toBe(COUNT);
    const query = q({ query: 'apple', answer: 'undecided' }, { column: 'answer', direction: 'asc' });
    expect(await serverIds(ana, query)).toEqual(localIds(query, { user: 'ana', role: 'annotator' }));
    expect(await backfillDerivedColumns(db)).toBe(0);
  });
});
