/**
 * Approval is of content. Approving records a fingerprint of exactly the text an export
 * ships — problem, prompt, response (the whole trace: prose, hints, code, outputs,
 * continuations) and the ground-truth answer — together with that text, so a later edit can
 * be shown as a diff. Whether a sample is still approved is derived, never stored: the
 * stored fingerprint against the current content. The export gate (core/export/gate.ts), the
 * studio and the CLI all ask `approvalGateReason`, and so will the team server.
 *
 * The fingerprint is `sha256:` + the lower-case hex SHA-256 of the UTF-8 bytes of the JSON
 * array `[problem, prompt, response, gt_answer]` (gt_answer a string, or null when the
 * sample has none), written with no whitespace: in Python,
 * `json.dumps([problem, prompt, response, gt], ensure_ascii=False, separators=(',', ':'))`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Sample } from '../sample/types';
import { renderTrace } from '../trace';
import type { Approval, ApprovedContent, ContentField, ReviewedSample, Stamp } from './types';

export type { Approval, ApprovedContent, ContentField } from './types';

/**
 * - `unapproved`: the review status is not approved;
 * - `approved`: approved, and the content is still exactly what was approved;
 * - `changed-since-approval`: approved, but the content changed afterwards;
 * - `unverifiable`: the status says approved but no approval of content was recorded (a sample
 *   approved before approvals were fingerprinted, or a hand-edited file) — treated as not approved.
 */
export type ApprovalStatus = 'unapproved' | 'approved' | 'changed-since-approval' | 'unverifiable';

export interface ApprovalState {
  status: ApprovalStatus;
  approval?: Approval;
  /** For `changed-since-approval`: which fields differ from the approved content. */
  changed: ContentField[];
}

const utf8 = new TextEncoder();
const CONTENT_FIELDS: readonly ContentField[] = ['problem', 'prompt', 'response', 'gtAnswer'];

export function approvedContentOf(sample: Pick<Sample, 'problem' | 'prompt' | 'trace' | 'gtAnswer'>): ApprovedContent {
  return { problem: sample.problem, prompt: sample.prompt, response: renderTrace(sample.trace), gtAnswer: sample.gtAnswer ?? null };
}

export function contentFingerprint(content: ApprovedContent): string {
  const json = JSON.stringify([content.problem, content.prompt, content.response, content.gtAnswer]);
  return `sha256:${bytesToHex(sha256(utf8.encode(json)))}`;
}

/** The approval record written when a reviewer approves `sample` as it is now. */
export function approvalOf(sample: Sample, stamp: Stamp): Approval {
  const content = approvedContentOf(sample);
  return { by: stamp.by, at: stamp.at, fingerprint: contentFingerprint(content), content };
}

// Derived per sample object: samples are immutable, so the state of one object never changes.
const states = new WeakMap<object, ApprovalState>();

function isApproval(value: unknown): value is Approval {
  const a = value as Approval | undefined;
  return (
    !!a &&
    typeof a.fingerprint === 'string' &&
    typeof a.by === 'string' &&
    typeof a.at === 'string' &&
    !!a.content &&
    typeof a.content.problem === 'string' &&
    typeof a.content.prompt === 'string' &&
    typeof a.content.response === 'string' &&
    (a.content.gtAnswer === null || typeof a.content.gtAnswer === 'string')
  );
}

/**
 * Where the sample stands against its approval. The fingerprint is recomputed from the
 * current content (and the stored content must hash to the stored fingerprint, so a file
 * edited by hand cannot pass off other text as approved).
 */
export function approvalState(sample: Sample): ApprovalState {
  const cached = states.get(sample);
  if (cached) return cached;
  const approval = (sample as ReviewedSample).approval;
  let state: ApprovalState;
  if (sample.status !== 'approved') {
    state = { status: 'unapproved', approval: isApproval(approval) ? approval : undefined, changed: [] };
  } else if (!isApproval(approval) || contentFingerprint(approval.content) !== approval.fingerprint) {
    state = { status: 'unverifiable', changed: [] };
  } else {
    const current = approvedContentOf(sample);
    const changed = CONTENT_FIELDS.filter((f) => current[f] !== approval.content[f]);
    state = { status: changed.length ? 'changed-since-approval' : 'approved', approval, changed };
  }
  states.set(sample, state);
  return state;
}

/** The content fields in a reviewer's words. */
export const CONTENT_FIELD_WORDS: Record<ContentField, string> = { problem: 'problem', prompt: 'prompt', response: 'trace', gtAnswer: 'ground-truth answer' };

/**
 * Why an "approved only" export must hold this sample back, or null when a reviewer approved
 * exactly its current content. The one rule for the studio, the CLI and the server.
 */
export function approvalGateReason(sample: Sample): string | null {
  const state = approvalState(sample);
  switch (state.status) {
    case 'approved':
      return null;
    case 'unapproved':
      return `not approved (review status: ${sample.status})`;
    case 'unverifiable':
      return 'marked approved, but no approval of its content is recorded: approve it again';
    case 'changed-since-approval':
      return (
        `changed since approval by ${state.approval!.by} at ${state.approval!.at} ` +
        `(${state.changed.map((f) => CONTENT_FIELD_WORDS[f]).join(', ')} edited): approve the changes to export it`
      );
  }
}
