/**
 * Review and versions on a team server, on PGlite and PostgreSQL: approvals of content, edits
 * after approval, conflicting saves with nothing lost, retries, and who did what in the audit log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hintedSample, wrongAnswerSample } from '../core/export/testing/samples';
import { approvalState } from '../core/review';
import type { ReviewedSample } from '../core/review/types';
import type { Sample } from '../core/sample/types';
import type { ServerSample } from '../core/sync';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from './testing/harness';

afterAll(stopPostgres);

/** The sample with one prose segment's text replaced, as an annotator's edit in the studio would. */
function edited(sample: ReviewedSample, segmentId: string, text: string): ReviewedSample {
  return {
    ...sample,
    trace: { segments: sample.trace.segments.map((s) => (s.id === segmentId ? { ...s, text } : s)) },
    updatedAt: new Date().toISOString(),
  };
}

let counter = 0;
/** A fresh copy of a test sample under a new id, so tests do not share samples. */
function fresh(sample: Sample): Sample {
  return { ...sample, id: `${sample.id}-${++counter}`, status: 'draft' };
}

describe.each(backends())('review and versions on %s', (backend) => {
  let t: TestServer;
  let annotator: Client;
  let annotator2: Client;
  let reviewer: Client;
  let path: string;
  let current: ServerSample;

  beforeAll(async () => {
    t = await startTestServer(backend);
    annotator = await t.user('annotator', 'ana');
    annotator2 = await t.user('annotator', 'bo');
    reviewer = await t.user('reviewer', 'rita');
  });
  afterAll(() => t?.close());

  beforeEach(async () => {
    const sample = fresh(hintedSample);
    const created = await annotator.post(`/api/projects/${t.projectId}/samples`, { sample });
    expect(created.status).toBe(201);
    current = created.body;
    path = `/api/projects/${t.projectId}/samples/${sample.id}`;
  });

  const save = (client: Client, baseVersion: number, sample: ReviewedSample) => client.put(path, { baseVersion, sample });

  it("a reviewer's approval binds the content; the annotator's later edit takes the sample out of the approved state for everyone", async () => {
    const ready = await annotator.post(`${path}/status`, { to: 'ready', version: current.version });
    expect(ready.status).toBe(200);
    const approved = await reviewer.post(`${path}/review`, { to: 'approved', version: ready.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body.sample.status).toBe('approved');
    expect(approved.body.approval).toMatchObject({ by: 'rita', version: approved.body.version, contentHash: approved.body.contentHash });
    expect(approved.body.sample.review).toMatchObject({ status: 'approved', by: 'rita' });

    // The annotator edits from the version they had before the approval: only review data
    // changed since, so the edit is taken, on top of the approval — which no longer covers it.
    // Like the studio, the server derives that from the approval (core's approvalState).
    const edit = await save(annotator, ready.body.version, edited(ready.body.sample, 'p2', ' The real root is 5, as computed.\n'));
    expect(edit.status).toBe(200);
    expect(edit.body.sample.status).toBe('approved');
    expect(approvalState(edit.body.sample).status).toBe('changed-since-approval');
    expect(edit.body.sample.trace.segments.find((s: { id: string }) => s.id === 'p2').text).toBe(' The real root is 5, as computed.\n');

    // The reviewer sees it too, and can still read exactly what was approved.
    const seen = await reviewer.get(path);
    expect(approvalState(seen.body.sample)).toMatchObject({ status: 'changed-since-approval', changed: ['response'] });
    expect(seen.body.sample.approval.content.response).toContain(' The real root is 5 ✅.\n');
    const was = await reviewer.get(`${path}/revisions/${approved.body.version}`);
    expect(was.body.sample.trace.segments.find((s: { id: string }) => s.id === 'p2').text).toBe(' The real root is 5 ✅.\n');

    const audit = await reviewer.get(`/api/projects/${t.projectId}/audit?sample=${encodeURIComponent(current.sample.id)}`);
    const actions = audit.body.map((e: { user: string; action: string; detail: { from?: string; to?: string } }) => [e.user, e.action, e.detail.from, e.detail.to]);
    expect(actions.reverse()).toEqual([
      ['ana', 'sample.create', undefined, undefined],
      ['ana', 'sample.status', 'draft', 'ready'],
      ['rita', 'sample.status', 'ready', 'approved'],
      ['ana', 'sample.edit', 3, 4],
    ]);
  });

  it('an approval of content that changed since the reviewer looked is refused with the current copy', async () => {
    const ready = await annotator.post(`${path}/status`, { to: 'ready', version: current.version });
    const edit = await save(annotator, ready.body.version, edited(ready.body.sample, 'p1', '\nAnother sentence.'));
    expect(edit.status).toBe(200);
    const late = await reviewer.post(`${path}/review`, { to: 'approved', version: ready.body.version });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'conflict', baseVersion: ready.body.version, current: { version: edit.body.version } });
    expect(late.body.current.sample.trace.segments[1].text).toBe('\nAnother sentence.');
    expect((await reviewer.get(path)).body.sample.status).toBe('ready');
  });

  it('two annotators editing one version: the second save is refused with the first one in the answer, and nothing is lost', async () => {
    const mine = edited(current.sample, 'p1', '\nAna writes this.');
    const theirs = edited(current.sample, 'p2', ' Bo writes that.\n');
    const first = await save(annotator, current.version, mine);
    const second = await save(annotator2, current.version, theirs);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.current.version).toBe(first.body.version);
    expect(second.body.current.sample.trace.segments[1].text).toBe('\nAna writes this.');
    expect((await annotator.get(path)).body.sample.trace.segments[6].text).toBe(' The real root is 5 ✅.\n');

    // Bo merges by hand on top of the server's copy and saves from its version.
    const merged = edited(second.body.current.sample, 'p2', ' Bo writes that.\n');
    const third = await save(annotator2, second.body.current.version, merged);
    expect(third.status).toBe(200);
    const texts = (s: ReviewedSample) => [s.trace.segments[1].text, s.trace.segments[6].text];
    expect(texts(third.body.sample)).toEqual(['\nAna writes this.', ' Bo writes that.\n']);
    // Every version is kept.
    const revisions = await annotator.get(`${path}/revisions`);
    expect(revisions.body.map((r: { version: number; savedBy: string }) => [r.version, r.savedBy])).toEqual([
      [1, 'ana'],
      [2, 'ana'],
      [3, 'bo'],
    ]);
  });

  it('many saves from one version at once: exactly one wins, the others get the winner back', async () => {
    const attempts = await Promise.all(
      [annotator, annotator2, annotator, annotator2, annotator, annotator2].map((client, i) => save(client, current.version, edited(current.sample, 'p1', `\nEdit number ${i}.`))),
    );
    const won = attempts.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 409)).toHaveLength(5);
    for (const lost of attempts.filter((a) => a.status === 409)) expect(lost.body.current.version).toBe(won[0].body.version);
    expect((await annotator.get(path)).body.version).toBe(current.version + 1);
  });

  it('a save made before a comment was added still goes through and keeps the comment', async () => {
    const comment = await reviewer.post(`${path}/comments`, { segmentId: 'p1', offset: 3, text: 'Why this step?' });
    expect(comment.status).toBe(201);
    const edit = await save(annotator, current.version, edited(current.sample, 'p2', ' Edited after the comment.\n'));
    expect(edit.status).toBe(200);
    expect(edit.body.sample.comments).toMatchObject([{ id: 'c0', by: 'rita', text: 'Why this step?', resolved: false }]);
    const resolved = await annotator.post(`${path}/comments/c0/resolve`);
    expect(resolved.body.sample.comments[0]).toMatchObject({ resolved: true, resolvedBy: { by: 'ana' } });
  });

  it('a repeated save (its first answer was lost) succeeds without a new version', async () => {
    const sample = edited(current.sample, 'p1', '\nOnce.');
    const first = await save(annotator, current.version, sample);
    const again = await save(annotator, current.version, sample);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.version).toBe(first.body.version);
  });

  it('a save cannot set review data: status, review and status history stay the server’s', async () => {
    const forged: ReviewedSample = {
      ...edited(current.sample, 'p1', '\nForged.'),
      status: 'approved',
      review: { status: 'approved', by: 'rita', at: '2025-01-01T00:00:00.000Z' },
      history: [{ type: 'status', by: 'rita', at: '2025-01-01T00:00:00.000Z', detail: 'ready → approved' }, { type: 'hint', by: 'ana', at: '2025-01-01T00:00:00.000Z', detail: 'hint-1 at 10' }],
    };
    const reply = await save(annotator, current.version, forged);
    expect(reply.status).toBe(200);
    expect(reply.body.sample.status).toBe('draft');
    expect(reply.body.sample.review).toBeUndefined();
    expect(reply.body.sample.history).toEqual([{ type: 'hint', by: 'ana', at: '2025-01-01T00:00:00.000Z', detail: 'hint-1 at 10' }]);
    expect((await annotator.post(`${path}/status`, { to: 'approved', version: reply.body.version })).status).toBe(400);
  });

  it('approving failing checks needs an override reason, which the approval records', async () => {
    const wrong = fresh(wrongAnswerSample);
    const created = await annotator.post(`/api/projects/${t.projectId}/samples`, { sample: wrong });
    const at = `/api/projects/${t.projectId}/samples/${wrong.id}`;
    const ready = await annotator.post(`${at}/status`, { to: 'ready', version: created.body.version });
    const refused = await reviewer.post(`${at}/review`, { to: 'approved', version: ready.body.version });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/approval blocked by failing checks: Final answer equals ground truth/);
    const approved = await reviewer.post(`${at}/review`, { to: 'approved', version: ready.body.version, overrideReason: 'the source gt_answer is wrong' });
    expect(approved.status).toBe(200);
    expect(approved.body.approval.overrideReason).toBe('the source gt_answer is wrong');
    expect(approved.body.sample.review).toMatchObject({ overrideReason: 'the source gt_answer is wrong', overriddenChecks: ['answer'] });
  });

  it('a project can require approval by someone other than the annotator', async () => {
    expect((await t.admin.patch(`/api/projects/${t.projectId}`, { requireIndependentApproval: true })).status).toBe(200);
    try {
      // The admin writes the content, so the admin may not approve it; the reviewer may.
      const edit = await t.admin.put(path, { baseVersion: current.version, sample: edited(current.sample, 'p1', '\nBy the admin.') });
      const ready = await t.admin.post(`${path}/status`, { to: 'ready', version: edit.body.version });
      const own = await t.admin.post(`${path}/review`, { to: 'approved', version: ready.body.version });
      expect(own.status).toBe(403);
      expect(own.body.message).toMatch(/someone other than the sample's annotator/);
      expect((await reviewer.post(`${path}/review`, { to: 'approved', version: ready.body.version })).status).toBe(200);
    } finally {
      await t.admin.patch(`/api/projects/${t.projectId}`, { requireIndependentApproval: false });
    }
  });

  it("annotators cannot reopen an approved sample by status, and reviewers cannot edit content", async () => {
    const ready = await annotator.post(`${path}/status`, { to: 'ready', version: current.version });
    const approved = await reviewer.post(`${path}/review`, { to: 'approved', version: ready.body.version });
    const reopen = await annotator.post(`${path}/status`, { to: 'draft', version: approved.body.version });
    expect([reopen.status, reopen.body.error]).toEqual([403, 'forbidden']);
    const edit = await save(reviewer, approved.body.version, edited(approved.body.sample, 'p1', '\nReviewer edit.'));
    expect([edit.status, edit.body.error]).toEqual([403, 'forbidden']);
  });

  it('assignment puts samples in the annotator’s and the reviewer’s queues', async () => {
    const id = current.sample.id;
    expect((await annotator.put(`${path}/assignment`, { annotator: 'ana' })).status).toBe(403);
    const assigned = await reviewer.put(`${path}/assignment`, { annotator: 'ana', reviewer: 'rita' });
    expect(assigned.body).toMatchObject({ annotator: 'ana', reviewer: 'rita', version: current.version });
    const ids = (reply: { body: { rows: { id: string }[] } }) => reply.body.rows.map((r) => r.id);
    expect(ids(await annotator.get(`/api/projects/${t.projectId}/queue?kind=annotate`))).toContain(id);
    expect(ids(await annotator2.get(`/api/projects/${t.projectId}/queue?kind=annotate`))).not.toContain(id);
    expect(ids(await reviewer.get(`/api/projects/${t.projectId}/queue?kind=review`))).not.toContain(id);
    await annotator.post(`${path}/status`, { to: 'ready', version: current.version });
    expect(ids(await reviewer.get(`/api/projects/${t.projectId}/queue?kind=review`))).toContain(id);
    expect(ids(await annotator.get(`/api/projects/${t.projectId}/queue?kind=annotate`))).not.toContain(id);
    const refused = await reviewer.put(`${path}/assignment`, { annotator: 'rita' });
    expect(refused.body.message).toBe('rita is a reviewer and cannot edit samples');
  });

  it('the change feed lists each change once, in order', async () => {
    const before = (await annotator.get(`/api/projects/${t.projectId}/changes?since=0&limit=5000`)).body.seq;
    const edit = await save(annotator, current.version, edited(current.sample, 'p1', '\nChanged.'));
    await reviewer.put(`${path}/assignment`, { reviewer: 'rita' });
    const after = await annotator.get(`/api/projects/${t.projectId}/changes?since=${before}`);
    expect(after.body.changes.map((c: { id: string; version: number }) => [c.id, c.version])).toEqual([[current.sample.id, edit.body.version]]);
    expect(after.body.more).toBe(false);
    expect(after.body.seq).toBeGreaterThan(before);
  });
});
