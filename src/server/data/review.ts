/**
 * Review on the server: status changes through core's workflow (transition), approvals bound
 * to the content they approve, comments, and assignment to annotators and reviewers.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { runChecks } from '../../core/checks';
import { addComment, isTransitionError, resolveComment, transition } from '../../core/review';
import type { ReviewedSample } from '../../core/review/types';
import type { ReviewStatus } from '../../core/sample/types';
import { can, type Role, type ServerSample } from '../../core/sync';
import type { Db } from '../db/open';
import { approvals, auditLog, samples } from '../db/schema';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { audit } from './audit';
import { requireProject } from './projects';
import { getSample } from './sampleRows';
import { lockChangeOrder, lockSample, nextSeq, revokeApproval, samplePk, versionHashes, writeVersion } from './sampleWrites';
import { findUser, type UserRow } from './users';

/** What an annotator may set; every other status is a reviewer's decision. */
export const SUBMIT_STATUSES = ['ready', 'draft'] as const;
export const DECISION_STATUSES = ['approved', 'changes-requested', 'rejected', 'draft'] as const;

export interface StatusRequest {
  to: ReviewStatus;
  /** The version the user looked at: the decision is about that content. */
  version: number;
  overrideReason?: string;
}

/** Users who wrote the sample's content: whoever created it in the studio or changed its content, and its annotator. */
async function contentAuthors(tx: Db, projectId: number, sampleId: string, annotatorId: number | null): Promise<Set<number>> {
  const rows = await tx
    .selectDistinct({ userId: auditLog.userId })
    .from(auditLog)
    .where(and(eq(auditLog.projectId, projectId), eq(auditLog.sampleId, sampleId), inArray(auditLog.action, ['sample.create', 'sample.edit'])));
  const authors = new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])));
  if (annotatorId !== null) authors.add(annotatorId);
  return authors;
}

/**
 * Move a sample to another status. `kind` says which endpoint asked: 'submit' (annotators:
 * ready, back to draft) or 'decide' (reviewers: approve, request changes, reject, reopen).
 */
export async function changeStatus(db: Db, projectId: number, sampleId: string, req: StatusRequest, user: UserRow, kind: 'submit' | 'decide'): Promise<ServerSample> {
  const allowed: readonly string[] = kind === 'submit' ? SUBMIT_STATUSES : DECISION_STATUSES;
  if (!allowed.includes(req.to)) throw invalid(`status must be one of ${allowed.join(', ')} here`);
  const now = new Date();
  await db.transaction(async (tx) => {
    const project = await requireProject(tx, projectId);
    const row = await lockSample(tx, projectId, sampleId);
    const seen = await versionHashes(tx, row, req.version);
    if (!seen || seen.contentHash !== row.contentHash) {
      throw conflict({
        message: `sample ${sampleId} changed since version ${req.version} (now version ${row.version}): look at the current content before deciding`,
        baseVersion: req.version,
        current: await getSample(tx, projectId, sampleId),
      });
    }
    const current = JSON.parse(row.doc) as ReviewedSample;
    if (kind === 'submit' && (current.status === 'approved' || current.status === 'rejected')) {
      throw forbidden(`the sample is ${current.status}: reopening it is a reviewer's decision`);
    }
    if (req.to === 'approved' && project.requireIndependentApproval) {
      const authors = await contentAuthors(tx, projectId, sampleId, row.annotatorId);
      if (authors.has(user.id)) throw forbidden('this project requires approval by someone other than the sample\'s annotator, and you wrote or changed its content');
    }
    // The server's own checks: pure ones (answer, structure); it runs no model code.
    const checks = req.to === 'approved' ? await runChecks(current) : undefined;
    const next = transition(current, req.to, { reviewer: user.username, now: now.toISOString(), checks, overrideReason: req.overrideReason });
    if (isTransitionError(next)) throw invalid(next.error);
    const extra: Parameters<typeof writeVersion>[5] = {};
    if (current.status === 'approved') {
      await revokeApproval(tx, row, `${req.to} by ${user.username}`, now);
      Object.assign(extra, { approvedBy: null, approvedAt: null });
    }
    const version = row.version + 1;
    if (req.to === 'approved') {
      await tx.insert(approvals).values({
        projectId,
        sampleId,
        version,
        contentHash: row.contentHash,
        approvedBy: user.id,
        approvedAt: now,
        overrideReason: next.review?.overrideReason ?? null,
      });
    }
    await audit(tx, {
      userId: user.id,
      projectId,
      sampleId,
      action: 'sample.status',
      detail: { from: current.status, to: req.to, version, ...(next.review?.overrideReason ? { overrideReason: next.review.overrideReason, overriddenChecks: next.review.overriddenChecks } : {}) },
    });
    await writeVersion(tx, row, next, user.id, now, req.to === 'approved' ? { approvedBy: user.id, approvedAt: now } : extra);
  });
  return getSample(db, projectId, sampleId);
}

/** Apply a change to the review data of a sample (comments) as a new version. */
async function reviewEdit(
  db: Db,
  projectId: number,
  sampleId: string,
  user: UserRow,
  change: (sample: ReviewedSample, now: string) => ReviewedSample,
  event: (before: ReviewedSample, after: ReviewedSample) => { action: string; detail: Record<string, unknown> },
): Promise<ServerSample> {
  const now = new Date();
  await db.transaction(async (tx) => {
    const row = await lockSample(tx, projectId, sampleId);
    const current = JSON.parse(row.doc) as ReviewedSample;
    const next = change(current, now.toISOString());
    await audit(tx, { userId: user.id, projectId, sampleId, ...event(current, next) });
    await writeVersion(tx, row, next, user.id, now);
  });
  return getSample(db, projectId, sampleId);
}

export interface NewComment {
  segmentId: string;
  offset: number;
  text: string;
}

export function commentOn(db: Db, projectId: number, sampleId: string, c: NewComment, user: UserRow): Promise<ServerSample> {
  if (!c.text.trim()) throw invalid('a comment needs text');
  return reviewEdit(
    db,
    projectId,
    sampleId,
    user,
    (sample, now) => {
      if (!sample.trace.segments.some((s) => s.id === c.segmentId)) throw invalid(`the sample has no segment ${c.segmentId}`);
      return addComment(sample, { stepAnchor: { segmentId: c.segmentId, offset: c.offset }, text: c.text, by: user.username, now });
    },
    (_before, after) => ({ action: 'comment.add', detail: { commentId: after.comments?.at(-1)?.id } }),
  );
}

export function resolveCommentOn(db: Db, projectId: number, sampleId: string, commentId: string, user: UserRow): Promise<ServerSample> {
  return reviewEdit(
    db,
    projectId,
    sampleId,
    user,
    (sample, now) => {
      const comment = sample.comments?.find((c) => c.id === commentId);
      if (!comment) throw notFound(`comment ${commentId}`);
      if (comment.resolved) throw invalid(`comment ${commentId} is already resolved`);
      return resolveComment(sample, commentId, { by: user.username, now });
    },
    () => ({ action: 'comment.resolve', detail: { commentId } }),
  );
}

export interface Assignment {
  /** A user name, null to clear, absent to leave as is. */
  annotator?: string | null;
  reviewer?: string | null;
}

async function assignee(tx: Db, username: string | null | undefined, needs: 'edit' | 'review'): Promise<number | null | undefined> {
  if (username === undefined || username === null) return username;
  const row = await findUser(tx, username);
  if (!row || row.disabledAt) throw invalid(`no active user "${username}"`);
  if (!can(row.role as Role, needs)) throw invalid(`${username} is ${row.role === 'admin' ? 'an' : 'a'} ${row.role} and cannot ${needs} samples`);
  return row.id;
}

/** Assignment is not part of the sample's JSON: it changes the change sequence, not the version. */
export async function assignSample(db: Db, projectId: number, sampleId: string, a: Assignment, user: UserRow): Promise<ServerSample> {
  await db.transaction(async (tx) => {
    const row = await lockSample(tx, projectId, sampleId);
    const annotatorId = await assignee(tx, a.annotator, 'edit');
    const reviewerId = await assignee(tx, a.reviewer, 'review');
    await lockChangeOrder(tx, projectId);
    await tx
      .update(samples)
      .set({ annotatorId: annotatorId === undefined ? row.annotatorId : annotatorId, reviewerId: reviewerId === undefined ? row.reviewerId : reviewerId, seq: nextSeq })
      .where(samplePk(projectId, sampleId));
    await audit(tx, { userId: user.id, projectId, sampleId, action: 'sample.assign', detail: { ...a } });
  });
  return getSample(db, projectId, sampleId);
}
