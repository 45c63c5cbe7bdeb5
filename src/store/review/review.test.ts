import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HINT_1_DELAYED_CODE } from '../../core/hints';
import { suggestHints } from '../../core/suggest';
import { renderTrace } from '../../core/trace';
import type { Executor } from '../../core/exec/types';
import { allowedTransitions, approvalGateReason, approvalState } from '../../core/review';
import { currentChecks } from '../checks/checks';
import { indexedDbPersistence } from '../session/persistence';
import type { CuratedSample } from './state';
import { queuedSamples } from './queue';
import { createStudio, type Studio } from '../studio';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };

let dbCounter = 0;
const freshDbName = () => `hint-studio-review-test-${++dbCounter}`;

async function openStudio(name = freshDbName()): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), loadDemo: async () => [demo], saveDebounceMs: 5 });
  await studio.init();
  return studio;
}

const samples = (studio: Studio) => Object.values(studio.store.getState().samples) as CuratedSample[];
/** The demo generation that boxes 15 where the ground truth is 16. */
const wrongAnswer = (studio: Studio) => samples(studio).find((s) => s.gtAnswer === '16')!;

const HAND_SUMS = `Alright, the problem asks for the sum of the squares of the first 12 positive integers that are not multiples of 3.

Those integers are 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17. Let me compute the squares: 1 + 4 = 5, 5 + 16 = 21, 21 + 25 = 46, 46 + 49 = 95, 95 + 64 = 159, 159 + 100 = 259, 259 + 121 = 380, 380 + 169 = 549, 549 + 196 = 745, 745 + 256 = 1001, 1001 + 289 = 1290.
</think>
\\boxed{1290}`;

describe('approval gated by the checks', () => {
  it('blocks approving a wrong answer until an override reason is given, and records it', async () => {
    const name = freshDbName();
    const studio = await openStudio(name);
    const { actions, store } = studio;
    const id = wrongAnswer(studio).id;
    actions.setReviewerName.perform('ada');
    actions.openSample.perform(id);

    expect(await actions.approveSample.perform()).toEqual({ error: 'cannot go from draft to approved' });
    expect(await actions.submitForReview.perform()).toEqual({ ok: true });

    expect(await actions.approveSample.perform()).toMatchObject({ error: expect.stringMatching(/blocked/) });
    const dialog = store.getState().review.override;
    expect(dialog?.sampleId).toBe(id);
    expect(dialog?.failing.map((c) => c.id)).toEqual(['answer']);
    expect(store.getState().samples[id].status).toBe('ready');

    expect(await actions.approveWithOverride.perform(id, 'gt_answer in the source is off by one')).toEqual({ ok: true });
    const approved = store.getState().samples[id] as CuratedSample;
    expect(approved.status).toBe('approved');
    expect(approved.review).toMatchObject({ by: 'ada', overrideReason: 'gt_answer in the source is off by one', overriddenChecks: ['answer'] });
    expect(approved.history?.map((e) => e.detail)).toEqual(['draft → ready', expect.stringContaining('override: gt_answer in the source is off by one')]);
    expect(store.getState().review.override).toBeNull();

    await studio.flush();
    const reloaded = await openStudio(name);
    expect((reloaded.store.getState().samples[id] as CuratedSample).review?.overrideReason).toBe('gt_answer in the source is off by one');
    expect(reloaded.store.getState().reviewPrefs.reviewer).toBe('ada');
  });

  it('approves a correct sample without a dialog', async () => {
    const studio = await openStudio();
    const id = samples(studio).find((s) => s.gtAnswer === '500')!.id;
    studio.actions.setReviewerName.perform('ada');
    await studio.actions.submitForReview.perform(id);
    expect(await studio.actions.approveSample.perform(id)).toEqual({ ok: true });
    expect(studio.store.getState().review.override).toBeNull();
  });

  it('asks for the reviewer once, then applies the pending status change', async () => {
    const studio = await openStudio();
    const id = samples(studio)[0].id;
    expect(await studio.actions.submitForReview.perform(id)).toMatchObject({ error: expect.stringMatching(/reviewer/) });
    expect(studio.store.getState().review.askReviewer?.pendingStatus).toEqual({ sampleId: id, to: 'ready' });
    await studio.actions.setReviewerName.perform('grace');
    expect(studio.store.getState().samples[id]).toMatchObject({ status: 'ready', review: { by: 'grace' } });
    expect(studio.store.getState().review.askReviewer).toBeNull();
  });
});

describe('comments', () => {
  it('asks who is commenting before the first comment, then opens it', async () => {
    const studio = await openStudio();
    const id = samples(studio)[0].id;
    studio.actions.openSample.perform(id);
    studio.actions.startComment.perform();
    expect(studio.store.getState().review.commentDraft).toBeNull();
    expect(studio.store.getState().review.askReviewer?.pendingComment).toMatchObject({ sampleId: id, anchor: { offset: 0 } });
    await studio.actions.setReviewerName.perform('grace');
    expect(studio.store.getState().review.commentDraft).toMatchObject({ sampleId: id, anchor: { offset: 0 } });
    expect(studio.store.getState().review.askReviewer).toBeNull();
  });

  it('anchors a comment at the cursor step, keeps it across a reload, and resolves it', async () => {
    const name = freshDbName();
    const studio = await openStudio(name);
    const id = samples(studio)[0].id;
    studio.actions.setReviewerName.perform('ada');
    studio.actions.openSample.perform(id);
    studio.actions.cursorNext.perform();
    studio.actions.cursorNext.perform();
    studio.actions.startComment.perform();
    const draft = studio.store.getState().review.commentDraft!;
    expect(draft).not.toBeNull();
    expect(draft.sampleId).toBe(id);
    studio.actions.addComment.perform(id, draft.anchor, 'This paragraph repeats the previous one.');
    await studio.flush();

    const reloaded = await openStudio(name);
    const [comment] = (reloaded.store.getState().samples[id] as CuratedSample).comments!;
    expect(comment).toMatchObject({ text: 'This paragraph repeats the previous one.', by: 'ada', resolved: false, stepAnchor: draft.anchor });
    reloaded.actions.resolveComment.perform(id, comment.id);
    expect((reloaded.store.getState().samples[id] as CuratedSample).comments![0]).toMatchObject({ resolved: true, resolvedBy: { by: 'ada' } });
  });
});

describe('approval of content in the studio', () => {
  it('an edit after approval shows "changed since approval" with the diff against the approved text, and re-approval records the new content', async () => {
    const name = freshDbName();
    const studio = await openStudio(name);
    const { actions, store } = studio;
    actions.setReviewerName.perform('ada');
    const id = samples(studio).find((s) => s.gtAnswer === '500')!.id;
    actions.openSample.perform(id);
    await actions.submitForReview.perform(id);
    expect(await actions.approveSample.perform(id)).toEqual({ ok: true });
    const approved = store.getState().samples[id] as CuratedSample;
    expect(approvalState(approved)).toMatchObject({ status: 'approved', approval: { by: 'ada', content: { response: renderTrace(approved.trace) } } });
    expect(allowedTransitions(approved)).not.toContain('approved');

    // The annotator edits the first paragraph after the approval.
    actions.editStep.perform(0);
    expect(actions.saveStepEdit.perform('An edited first paragraph.\n\n')).toBeNull();
    const edited = store.getState().samples[id] as CuratedSample;
    expect(edited.status).toBe('approved');
    expect(approvalState(edited)).toMatchObject({ status: 'changed-since-approval', changed: ['response'] });
    expect(approvalGateReason(edited)).toMatch(/^changed since approval by ada/);
    // It waits in the review queue again, and `d` opens the diff against what was approved.
    expect(queuedSamples(store.getState()).map((s) => s.id)).toContain(id);
    actions.toggleDiff.perform();
    expect(store.getState().review).toMatchObject({ diffOpen: true, diffBase: 'approved' });

    // The state survives a reload: it is derived from the stored approval.
    await studio.flush();
    const reloaded = await openStudio(name);
    expect(approvalState(reloaded.store.getState().samples[id]).status).toBe('changed-since-approval');

    expect(await actions.approveSample.perform(id)).toEqual({ ok: true });
    const again = store.getState().samples[id] as CuratedSample;
    expect(approvalState(again).status).toBe('approved');
    expect(again.approval!.content.response).toContain('An edited first paragraph.');
    expect(again.history?.filter((e) => e.type === 'status').at(-1)?.detail).toBe('approved → approved (changes approved)');
    expect(queuedSamples(store.getState()).map((s) => s.id)).not.toContain(id);
  });
});

describe('paste trace', () => {
  it('reports a pasted duplicate the way a file import does, and opens a new trace', async () => {
    const studio = await openStudio();
    const { actions, store } = studio;
    const id = await actions.importPastedTrace.perform(HAND_SUMS, { problem: 'Sum of squares' });
    expect(store.getState()).toMatchObject({ view: 'sample', openSampleId: id, importReport: { imported: 1, merged: 0 } });
    actions.backToLibrary.perform();
    // Same prompt and response again (the dialog's problem builds the same prompt).
    expect(await actions.importPastedTrace.perform(HAND_SUMS, { problem: 'Sum of squares' })).toBe(id);
    expect(store.getState().view).toBe('library');
    expect(store.getState().importReport).toMatchObject({
      imported: 0,
      alreadyPresent: 1,
      merged: 0,
      rejects: [],
      notes: [{ file: 'pasted', kind: 'duplicate', message: 'identical prompt and response to a sample already in the studio ("Sum of squares"); merged' }],
    });
    expect(Object.keys(store.getState().samples).filter((k) => k === id)).toHaveLength(1);
  });
});

describe('hint suggestions', () => {
  it('accepting inserts the suggested hint at its offset and logs it; dismissing is remembered', async () => {
    const studio = await openStudio();
    const id = await studio.actions.importPastedTrace.perform(HAND_SUMS, { problem: 'Sum of squares', gtAnswer: '1290' });
    const before = studio.store.getState().samples[id];
    const [suggestion] = suggestHints(before.trace);
    expect(suggestion.hintType).toBe('hint-1');

    expect(studio.actions.acceptSuggestion.perform(id, suggestion)).toBe(true);
    const after = studio.store.getState().samples[id] as CuratedSample;
    const text = renderTrace(after.trace);
    expect(text.slice(0, suggestion.offset)).toBe(renderTrace(before.trace).slice(0, suggestion.offset));
    expect(text.slice(suggestion.offset)).toContain(HINT_1_DELAYED_CODE.text);
    expect(after.branches).toHaveLength(1);
    expect(after.history?.at(-1)).toMatchObject({ type: 'hint', detail: expect.stringContaining('accepted suggestion') });

    const other = await studio.actions.importPastedTrace.perform(HAND_SUMS.replace('Alright', 'Right'), { problem: 'Sum again' });
    const [s2] = suggestHints(studio.store.getState().samples[other].trace);
    studio.actions.dismissSuggestion.perform(other, s2);
    expect((studio.store.getState().samples[other] as CuratedSample).dismissedSuggestions).toEqual([`hint-1@${s2.stepId}`]);
    expect(renderTrace(studio.store.getState().samples[other].trace)).not.toContain(HINT_1_DELAYED_CODE.text);
  });
});

describe('review queue', () => {
  it('walks the samples ready for review and continues after one leaves the queue', async () => {
    const studio = await openStudio();
    const { actions, store } = studio;
    actions.setReviewerName.perform('ada');
    const all = samples(studio);
    for (const s of all.slice(0, 3)) await actions.submitForReview.perform(s.id);
    const queue = queuedSamples(store.getState()).map((s) => s.id);
    expect(queue).toHaveLength(3);

    actions.backToLibrary.perform();
    actions.queueNext.perform();
    expect(store.getState().openSampleId).toBe(queue[0]);
    actions.queueNext.perform();
    expect(store.getState().openSampleId).toBe(queue[1]);
    await actions.rejectSample.perform();
    expect(queuedSamples(store.getState())).toHaveLength(2);
    actions.queueNext.perform();
    expect(store.getState().openSampleId).toBe(queue[2]);
    expect(actions.queueNext.perform()).toBe(false);
    expect(store.getState().review.notice?.text).toMatch(/End of the review queue/);
    actions.queuePrev.perform();
    expect(store.getState().openSampleId).toBe(queue[0]);
  });
});

describe('checks cache', () => {
  it('keeps checks while only the status changes and recomputes when the trace changes', async () => {
    const studio = await openStudio();
    const { actions, store } = studio;
    const sample = wrongAnswer(studio);
    await studio.services.checks.checkSamples([sample]);
    const first = currentChecks(store.getState(), sample)!;
    expect(first.level).toBe('quick');
    expect(first.result.checks.find((c) => c.id === 'answer')?.status).toBe('fail');

    actions.setReviewerName.perform('ada');
    await actions.submitForReview.perform(sample.id);
    expect(currentChecks(store.getState(), store.getState().samples[sample.id])).toBe(first);

    studio.services.writeSample(sample.id, (s) => ({ ...s, trace: { segments: s.trace.segments.slice(0, 1) } }), { undo: 'cut everything', event: 'cut' });
    expect(currentChecks(store.getState(), store.getState().samples[sample.id])).toBeUndefined();
  });

  it('runs the interpreter checks once per revision and keeps the quick result when Python fails', async () => {
    const studio = await openStudio();
    const id = samples(studio).find((s) => s.gtAnswer === '500')!.id;
    let runs = 0;
    const executor: Executor = {
      run: async () => {
        runs++;
        throw new Error('interpreter crashed');
      },
      interrupt: () => undefined,
      restart: async () => undefined,
      dispose: async () => undefined,
    };
    const { checks } = studio.services;
    const [a, b] = await Promise.all([checks.checkSampleFully(id, { executor }), checks.checkSampleFully(id, { executor })]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    expect(a).toMatchObject({ level: 'quick', checking: false, error: 'interpreter crashed' });
  });

  it('approval waits for the reproduction run under way and is blocked by what it finds', async () => {
    const studio = await openStudio();
    const { actions, store } = studio;
    const id = samples(studio).find((s) => s.gtAnswer === '500')!.id;
    actions.setReviewerName.perform('ada');
    await actions.submitForReview.perform(id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // An interpreter whose every cell prints something else than the recorded output.
    const executor: Executor = {
      run: async () => {
        await gate;
        return { status: 'ok', output: 'not what was recorded', full: 'not what was recorded', durationMs: 1 };
      },
      interrupt: () => undefined,
      restart: async () => undefined,
      dispose: async () => undefined,
    };
    const full = studio.services.checks.checkSampleFully(id, { executor });
    const approval = actions.approveSample.perform(id);
    release();
    await full;
    expect(await approval).toMatchObject({ error: expect.stringMatching(/blocked/) });
    expect(store.getState().review.override?.failing.map((c) => c.id)).toEqual(['reproduction']);
  });

  it('does not start Python for a sample with no code and a numeric answer', async () => {
    const studio = await openStudio();
    const id = await studio.actions.importPastedTrace.perform('Two plus two is four.\n</think>\n\\boxed{4}', { problem: '2+2', gtAnswer: '4' });
    let asked = 0;
    const executor: Executor = {
      run: async () => {
        asked++;
        throw new Error('should not be needed');
      },
      interrupt: () => undefined,
      restart: async () => undefined,
      dispose: async () => undefined,
    };
    const entry = await studio.services.checks.checkSampleFully(id, { executor });
    expect(asked).toBe(0);
    expect(entry).toMatchObject({ level: 'full', checking: false });
    expect(entry?.result.checks.find((c) => c.id === 'answer')?.status).toBe('pass');
  });
});

describe('history', () => {
  it('logs the change each write declares, one event per burst, and not undo', async () => {
    const studio = await openStudio();
    const { actions, store } = studio;
    const id = samples(studio)[0].id;
    actions.setReviewerName.perform('ada');
    actions.openSample.perform(id);
    const last = () => (store.getState().samples[id] as CuratedSample).history?.at(-1);

    const appendNote = (text: string) => (t: { segments: CuratedSample['trace']['segments'] }) => ({
      segments: [...t.segments, { id: `note-${text}`, kind: 'answer' as const, text, origin: 'annotator' as const }],
    });
    studio.services.writeSample(id, (s) => ({ ...s, trace: appendNote('\nfirst')(s.trace) }), { undo: 'Add note', event: 'edit' });
    expect(last()).toMatchObject({ type: 'edit', by: 'ada', detail: 'edited 1 segment', segmentIds: ['note-\nfirst'] });
    studio.services.writeSample(id, (s) => ({ ...s, trace: appendNote('\nsecond')(s.trace) }), { undo: 'Add note', event: 'edit' });
    const history = (store.getState().samples[id] as CuratedSample).history!;
    expect(history.filter((e) => e.type === 'edit')).toHaveLength(1);
    expect(last()?.segmentIds).toEqual(['note-\nfirst', 'note-\nsecond']);

    await actions.submitForReview.perform(id);
    expect(last()).toMatchObject({ type: 'status', detail: 'draft → ready' });
    const before = (store.getState().samples[id] as CuratedSample).history!.length;
    actions.undo.perform(); // takes back the status change, and adds no event of its own
    expect(store.getState().samples[id].status).toBe('draft');
    expect((store.getState().samples[id] as CuratedSample).history).toHaveLength(before - 1);
    expect(last()).toMatchObject({ type: 'edit', detail: 'edited 2 segments' });
  });
});
