import { describe, expect, it } from 'vitest';
import { editProse } from '../hints';
import { parseTrace } from '../trace';
import type { CheckResult } from '../checks/types';
import { allowedTransitions, isTransitionError, transition } from './review';
import { approvalGateReason, approvalState, contentFingerprint } from './approval';
import type { ReviewedSample } from './types';
import { sampleOf } from '../sample/testing/sampleOf';
import { ok } from './testing/transitions';

const RESPONSE = 'We compute.\n```python\nprint(2+3)\n```\n```output\n5\n```\nSo 5.\n</think>\n\\boxed{5}';
const base: ReviewedSample = sampleOf(RESPONSE, {
  id: 'abc',
  problem: 'What is 2+3?',
  gtAnswer: '5',
  prompt: 'What is 2+3?\nPlease integrate...',
  origin: { format: 'pasted', file: 'paste' },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
});
const pass: CheckResult = { id: 'think-end', label: '</think> exactly once', status: 'pass', detail: '' };

function approved(): ReviewedSample {
  const ready = ok(transition(base, 'ready', { reviewer: 'ann', now: '2025-01-02T00:00:00Z' }));
  return ok(transition(ready, 'approved', { reviewer: 'bob', now: '2025-01-03T00:00:00Z', checks: [pass] }));
}

describe('approval of content', () => {
  it('records who approved, when, and a fingerprint of exactly the exported text', () => {
    const s = approved();
    expect(s.approval).toMatchObject({ by: 'bob', at: '2025-01-03T00:00:00Z' });
    expect(s.approval!.content).toEqual({ problem: base.problem, prompt: base.prompt, response: RESPONSE, gtAnswer: '5' });
    expect(s.approval!.fingerprint).toBe(contentFingerprint(s.approval!.content));
    expect(s.approval!.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(approvalState(s).status).toBe('approved');
    expect(approvalGateReason(s)).toBeNull();
  });

  it('an edit of the trace after approval turns it "changed since approval", and the gate says who approved what', () => {
    const s = approved();
    const prose = s.trace.segments.find((x) => x.kind === 'prose' && x.text.startsWith('So'))!;
    const edited = editProse(s, prose.id, 'So clearly 5.\n', '2025-01-04T00:00:00Z') as ReviewedSample;
    expect(edited.status).toBe('approved'); // the stored status is untouched: the state is derived
    expect(approvalState(edited)).toMatchObject({ status: 'changed-since-approval', changed: ['response'] });
    expect(approvalGateReason(edited)).toBe(
      'changed since approval by bob at 2025-01-03T00:00:00Z (trace edited): approve the changes to export it',
    );
    // Editing it back to the approved text restores the approval: it is about content, not events.
    const back = editProse(edited, prose.id, 'So 5.\n', '2025-01-05T00:00:00Z') as ReviewedSample;
    expect(approvalState(back).status).toBe('approved');
  });

  it('covers the ground truth, the problem and the prompt too', () => {
    const s = approved();
    expect(approvalState({ ...s, gtAnswer: '6' }).changed).toEqual(['gtAnswer']);
    expect(approvalState({ ...s, gtAnswer: undefined }).changed).toEqual(['gtAnswer']);
    expect(approvalState({ ...s, problem: 'x', prompt: 'y' }).changed).toEqual(['problem', 'prompt']);
    // Review metadata is not content.
    expect(approvalState({ ...s, comments: [], updatedAt: '2030-01-01T00:00:00Z' } as ReviewedSample).status).toBe('approved');
  });

  it('"approved" without a recorded approval, or with approved text that does not hash to its fingerprint, does not count', () => {
    const legacy: ReviewedSample = { ...base, status: 'approved' };
    expect(approvalState(legacy).status).toBe('unverifiable');
    expect(approvalGateReason(legacy)).toMatch(/no approval of its content is recorded/);
    const s = approved();
    // Someone rewrites the trace and the stored "approved" text in a backup file, but not the fingerprint.
    const forged: ReviewedSample = {
      ...s,
      trace: parseTrace(RESPONSE.replace('5', '6')),
      approval: { ...s.approval!, content: { ...s.approval!.content, response: RESPONSE.replace('5', '6') } },
    };
    expect(approvalState(forged).status).toBe('unverifiable');
  });

  it('approving again is possible only when the content changed since', () => {
    const s = approved();
    expect(allowedTransitions(s)).not.toContain('approved');
    expect(isTransitionError(transition(s, 'approved', { reviewer: 'bob', now: '2025-01-04T00:00:00Z', checks: [pass] }))).toBe(true);
    const edited = editProse(s, s.trace.segments[0].id, 'We compute it.\n', '2025-01-04T00:00:00Z') as ReviewedSample;
    expect(allowedTransitions(edited)[0]).toBe('approved');
    const again = ok(transition(edited, 'approved', { reviewer: 'cy', now: '2025-01-05T00:00:00Z', checks: [pass] }));
    expect(approvalState(again).status).toBe('approved');
    expect(again.approval).toMatchObject({ by: 'cy', at: '2025-01-05T00:00:00Z' });
    expect(again.history?.at(-1)?.detail).toBe('approved → approved (changes approved)');
  });

  it('leaving approved keeps the last approval for the diff, but the gate needs the status', () => {
    const s = approved();
    const reopened = ok(transition(s, 'changes-requested', { reviewer: 'bob', now: '2025-01-04T00:00:00Z' }));
    expect(reopened.approval).toEqual(s.approval);
    expect(approvalState(reopened).status).toBe('unapproved');
    expect(approvalGateReason(reopened)).toBe('not approved (review status: changes-requested)');
  });
});
