import { describe, expect, it } from 'vitest';
import { sampleOf } from '../sample/testing/sampleOf';
import { ok } from './testing/transitions';
import type { CheckResult } from '../checks/types';
import { addComment, historyEvent, isTransitionError, openComments, recordEvent, resolveComment, transition } from './review';
import type { ReviewedSample } from './types';

const sample: ReviewedSample = sampleOf('x</think>\\boxed{1}', { id: 'abc', origin: { format: 'pasted', file: 'paste' }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' });
const pass: CheckResult = { id: 'think-end', label: '</think> exactly once', status: 'pass', detail: '' };
const fail: CheckResult = { id: 'answer', label: 'Final answer equals ground truth', status: 'fail', detail: 'different' };
const at = (n: number) => `2025-01-0${n}T00:00:00Z`;

describe('transition', () => {
  it('walks draft → ready → approved, stamping who and when, logging each step', () => {
    const ready = ok(transition(sample, 'ready', { reviewer: 'ann', now: at(2) }));
    const approved = ok(transition(ready, 'approved', { reviewer: 'bob', now: at(3), checks: [pass] }));
    expect(approved.status).toBe('approved');
    expect(approved.review).toEqual({ status: 'approved', by: 'bob', at: at(3) });
    expect(approved.updatedAt).toBe(at(3));
    expect(approved.history?.map((e) => e.detail)).toEqual(['draft → ready', 'ready → approved']);
    expect(sample.status).toBe('draft'); // inputs are not mutated
  });

  it('blocks approval while a check fails, unless an override reason is recorded', () => {
    const ready = ok(transition(sample, 'ready', { reviewer: 'ann', now: at(2) }));
    const blocked = transition(ready, 'approved', { reviewer: 'bob', now: at(3), checks: [pass, fail] });
    expect(isTransitionError(blocked) && blocked.error).toMatch(/Final answer equals ground truth/);
    expect(isTransitionError(transition(ready, 'approved', { reviewer: 'bob', now: at(3), checks: [fail], overrideReason: '  ' }))).toBe(true);
    expect(isTransitionError(transition(ready, 'approved', { reviewer: 'bob', now: at(3) }))).toBe(true);

    const overridden = ok(transition(ready, 'approved', { reviewer: 'bob', now: at(3), checks: [fail], overrideReason: 'gold answer is wrong in the source' }));
    expect(overridden.review).toMatchObject({ overrideReason: 'gold answer is wrong in the source', overriddenChecks: ['answer'] });
    expect(overridden.history?.at(-1)?.detail).toContain('override');
  });

  it('refuses transitions the workflow does not have', () => {
    expect(transition(sample, 'approved', { reviewer: 'bob', now: at(2), checks: [pass] })).toEqual({ error: 'cannot go from draft to approved' });
    const rejected = ok(transition(ok(transition(sample, 'ready', { reviewer: 'a', now: at(2) })), 'rejected', { reviewer: 'b', now: at(3) }));
    expect(isTransitionError(transition(rejected, 'approved', { reviewer: 'b', now: at(4), checks: [pass] }))).toBe(true);
    expect(ok(transition(rejected, 'draft', { reviewer: 'a', now: at(4) })).status).toBe('draft');
  });
});

describe('comments and history', () => {
  it('anchors comments to a step and resolves them by id', () => {
    let s = addComment(sample, { stepAnchor: { segmentId: 's0', offset: 0 }, text: 'hint belongs earlier', by: 'bob', now: at(2) });
    s = addComment(s, { stepAnchor: { segmentId: 's2', offset: 3 }, text: 'answer unclear', by: 'bob', now: at(2) });
    expect(s.comments?.map((c) => c.id)).toEqual(['c0', 'c1']);
    s = resolveComment(s, 'c0', { by: 'ann', now: at(3) });
    expect(openComments(s).map((c) => c.text)).toEqual(['answer unclear']);
    expect(s.comments?.[0].resolvedBy).toEqual({ by: 'ann', at: at(3) });
  });

  it('keeps events in the order they happened', () => {
    let s = recordEvent(sample, historyEvent('import', 'ann', at(1), 'pasted'));
    s = recordEvent(s, historyEvent('hint', 'ann', at(2), 'hint-1 at offset 120', ['s3']));
    s = recordEvent(s, historyEvent('run', 'ann', at(3), 'ran s4'));
    expect(s.history?.map((e) => e.type)).toEqual(['import', 'hint', 'run']);
    expect(s.history?.[1].segmentIds).toEqual(['s3']);
  });
});
