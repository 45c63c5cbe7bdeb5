/**
 * Writing samples with versions. Every write keeps the version it replaces (sample_revisions)
 * and bumps the sample's version and the project's change sequence; nothing is overwritten
 * silently: a save made from an older version that would undo someone's edit is refused with
 * the server's copy (409), see saveSample.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { approvalState } from '../../core/review';
import type { ReviewedSample } from '../../core/review/types';
import { BUILTIN_REGISTRY, isBuiltinProfileId, unknownProfileMessage } from '../../core/profiles/registry';
import type { ProfileRegistry } from '../../core/profiles/types';
import { storedSampleEntry, type SampleEntry } from '../../core/sample/entry';
import { projectRegistry } from './projectProfiles';
import { searchText } from '../../core/library/query';
import type { ServerSample } from '../../core/sync';
import type { Db } from '../db/open';
import { approvals, sampleRevisions, samples } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { contentHash, editHash } from '../review/fingerprint';
import { audit } from './audit';
import { getSample, type SampleDbRow } from './sampleRows';
import type { UserRow } from './users';

/** Postgres text cannot hold U+0000; the summary columns are for display and search only (the JSON keeps it escaped). */
const noNul = (text: string) => text.replaceAll('\u0000', '\uFFFD');

/** What a row held before a write: its count stays when the content did not change (a status move). */
export interface PreviousColumns {
  entry: string | null;
  tokens: number | null;
}

/**
 * Every column derived from a sample's JSON, with the project's profiles (projectProfiles.ts).
 * The token count is the background pass's (tokenCounts.ts): kept from `previous` for the
 * same content, else null until counted.
 */
export function derivedColumns(sample: ReviewedSample, profiles: ProfileRegistry = BUILTIN_REGISTRY, previous?: PreviousColumns) {
  if (sample.profile !== undefined && !profiles.some((p) => p.id === sample.profile)) {
    throw invalid(`sample.profile: ${unknownProfileMessage(sample.profile, profiles)} Send the profile to POST /api/projects/:project/profiles first.`);
  }
  const before = previous?.entry ? (JSON.parse(previous.entry) as SampleEntry) : undefined;
  const entry = storedSampleEntry(sample, profiles, before);
  const summary = entry.summary!;
  const tokens = entry.tokens && previous?.tokens === entry.tokens.count ? previous.tokens : null;
  if (tokens === null) delete entry.tokens;
  return {
    entry: JSON.stringify(entry),
    tokens,
    // Checks kept for this content stay (a status move); new content has none until a browser checks it.
    ...checksColumns(entry),
    doc: JSON.stringify(sample),
    contentHash: contentHash(sample),
    editHash: editHash(sample),
    problem: noNul(sample.problem),
    problemExcerpt: noNul(summary.problemExcerpt),
    source: sample.source === undefined ? null : noNul(sample.source),
    status: sample.status,
    answer: summary.answer === null ? null : noNul(summary.answer),
    answerMatches: summary.answerMatches,
    answerVerdict: summary.answerVerdict,
    searchText: noNul(searchText({ problem: sample.problem, source: sample.source, answer: summary.answer, gtAnswer: sample.gtAnswer, originFile: sample.origin.file })),
    codeBlocks: summary.codeBlocks,
    outputBlocks: summary.outputBlocks,
    originFormat: sample.origin.format,
    originFile: noNul(sample.origin.file),
    originLine: sample.origin.line ?? null,
    genIndex: sample.origin.genIndex ?? null,
  };
}

/** The SQL columns of the checks an entry keeps (checks_definition, checks_failing). */
export function checksColumns(entry: SampleEntry): { checksDefinition: string | null; checksFailing: number | null } {
  const kept = entry.checks && entry.revision !== undefined && entry.checks.revision === entry.revision ? entry.checks : undefined;
  return { checksDefinition: kept?.definition ?? null, checksFailing: kept?.failing.length ?? null };
}

const SEQ_LOCK = 7_355_609;

/**
 * The next value of the change sequence, taken under a per-project transaction lock so that
 * changes commit in sequence order: a client reading the feed after seq N never misses a
 * change numbered below N that commits later.
 */
export async function lockChangeOrder(tx: Db, projectId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEQ_LOCK}, ${projectId})`);
}
export const nextSeq = sql`nextval('sample_change_seq')`;

export const samplePk = (projectId: number, id: string) => and(eq(samples.projectId, projectId), eq(samples.id, id));

/** The sample's row, locked until the transaction ends. */
export async function lockSample(tx: Db, projectId: number, id: string): Promise<SampleDbRow> {
  const [row] = await tx.select().from(samples).where(samplePk(projectId, id)).for('update');
  if (!row) throw notFound(`sample ${id}`);
  return row;
}

/**
 * Replace a sample's JSON with `next` as a new version; the old one goes to sample_revisions.
 * Call it last in a transaction: from here to the commit, the project's writes wait in turn.
 */
export async function writeVersion(
  tx: Db,
  row: SampleDbRow,
  next: ReviewedSample,
  by: number,
  now: Date,
  extra: Partial<Pick<SampleDbRow, 'approvedBy' | 'approvedAt'>> = {},
): Promise<{ version: number; seq: number }> {
  // Copied inside the database: the old JSON does not travel to the server and back.
  await tx.execute(sql`
    insert into ${sampleRevisions} (project_id, sample_id, version, doc, content_hash, edit_hash, saved_by, saved_at)
    select project_id, id, version, doc, content_hash, edit_hash, updated_by, updated_at from ${samples}
    where project_id = ${row.projectId} and id = ${row.id}`);
  await lockChangeOrder(tx, row.projectId);
  const [updated] = await tx
    .update(samples)
    .set({ ...derivedColumns(next, await projectRegistry(tx, row.projectId), row), ...extra, version: row.version + 1, updatedAt: now, updatedBy: by, seq: nextSeq })
    .where(samplePk(row.projectId, row.id))
    .returning({ version: samples.version, seq: samples.seq });
  return updated;
}

/** The fingerprints of an earlier version, or undefined when there is no such version. */
export async function versionHashes(tx: Db, row: SampleDbRow, version: number): Promise<{ contentHash: string; editHash: string } | undefined> {
  if (version === row.version) return { contentHash: row.contentHash, editHash: row.editHash };
  if (!Number.isInteger(version) || version < 1 || version > row.version) return undefined;
  const [rev] = await tx
    .select({ contentHash: sampleRevisions.contentHash, editHash: sampleRevisions.editHash })
    .from(sampleRevisions)
    .where(and(eq(sampleRevisions.projectId, row.projectId), eq(sampleRevisions.sampleId, row.id), eq(sampleRevisions.version, version)));
  return rev;
}

/**
 * The sample a save asks for, with the server's own review fields: status, review and
 * comments change only through the review endpoints, and the history is append-only — the
 * save's new events follow the server's, except status events, which only the server writes.
 */
export function withServerFields(incoming: ReviewedSample, current: ReviewedSample): ReviewedSample {
  const next: ReviewedSample = { ...incoming, status: current.status };
  for (const key of ['review', 'comments', 'approval'] as const) {
    if (current[key] === undefined) delete next[key];
    else (next as unknown as Record<string, unknown>)[key] = current[key];
  }
  const known = new Set((current.history ?? []).map((e) => JSON.stringify(e)));
  const added = (incoming.history ?? []).filter((e) => e.type !== 'status' && !known.has(JSON.stringify(e)));
  if (current.history === undefined && added.length === 0) delete next.history;
  else next.history = [...(current.history ?? []), ...added];
  return next;
}

export async function revokeApproval(tx: Db, row: SampleDbRow, reason: string, now: Date): Promise<void> {
  await tx
    .update(approvals)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(approvals.projectId, row.projectId), eq(approvals.sampleId, row.id), sql`${approvals.revokedAt} is null`));
}

export interface SaveRequest {
  baseVersion: number;
  sample: ReviewedSample;
}

/**
 * Save an edited sample. Accepted when `baseVersion` is the current version, or when nothing
 * a save can change has changed since `baseVersion` (only review data did: the edit goes on
 * top of it). Otherwise 409 with the server's copy. A save equal to what the server holds
 * (a retry of a save whose answer was lost) changes nothing and succeeds.
 * Editing the content of an approved sample takes it out of the approved state.
 */
export async function saveSample(db: Db, projectId: number, req: SaveRequest, user: UserRow): Promise<ServerSample> {
  const id = req.sample.id;
  const now = new Date();
  await db.transaction(async (tx) => {
    const row = await lockSample(tx, projectId, id);
    const current = JSON.parse(row.doc) as ReviewedSample;
    const next = withServerFields(req.sample, current);
    if (JSON.stringify(next) === row.doc) return;
    if (req.baseVersion !== row.version) {
      const base = await versionHashes(tx, row, req.baseVersion);
      if (!base || base.editHash !== row.editHash) {
        throw conflict({
          message: `sample ${id} changed since version ${req.baseVersion} (now version ${row.version}, by someone else): nothing was saved`,
          baseVersion: req.baseVersion,
          current: await getSample(tx, projectId, id),
        });
      }
    }
    await applyEdit(tx, row, next, user, now, { baseVersion: req.baseVersion });
  });
  return getSample(db, projectId, id);
}

/**
 * Write `next` (server fields already in place) as the sample's new version. Editing the
 * content of an approved sample leaves status and approval as they are: like the studio, the
 * server derives "changed since approval" from them (core/review's approvalState), so an
 * export's gate holds the sample back until a reviewer approves the changes.
 */
export async function applyEdit(tx: Db, row: SampleDbRow, next: ReviewedSample, user: UserRow, now: Date, detail: Record<string, unknown>): Promise<{ version: number; seq: number }> {
  const contentChanged = contentHash(next) !== row.contentHash;
  const extra: Parameters<typeof writeVersion>[5] = {};
  if (contentChanged && next.status === 'approved') detail = { ...detail, approval: approvalState(next).status };
  // Everything else is written before writeVersion takes the project's change-order lock, which is held until commit.
  await audit(tx, {
    userId: user.id,
    projectId: row.projectId,
    sampleId: row.id,
    action: contentChanged ? 'sample.edit' : 'sample.update',
    detail: { from: row.version, to: row.version + 1, ...detail },
  });
  return writeVersion(tx, row, next, user.id, now, extra);
}

/**
 * Add a sample made in the studio (a pasted trace). It starts as a draft whatever the
 * request says. The same sample sent twice succeeds once and then returns what is stored;
 * a different sample under an existing id is a conflict.
 */
export async function createSample(db: Db, projectId: number, sample: ReviewedSample, user: UserRow): Promise<{ created: boolean; sample: ServerSample }> {
  const fresh: ReviewedSample = { ...sample, status: 'draft' };
  delete fresh.review;
  const columns = derivedColumns(fresh, await projectRegistry(db, projectId));
  const created = await db.transaction(async (tx) => {
    await lockChangeOrder(tx, projectId);
    const [row] = await tx
      .insert(samples)
      .values({ ...columns, projectId, id: fresh.id, version: 1, updatedBy: user.id, seq: nextSeq })
      .onConflictDoNothing()
      .returning({ id: samples.id });
    if (row) await audit(tx, { userId: user.id, projectId, sampleId: fresh.id, action: 'sample.create', detail: { version: 1 } });
    return row !== undefined;
  });
  const stored = await getSample(db, projectId, fresh.id);
  if (!created && editHash(stored.sample) !== columns.editHash) {
    throw conflict({ message: `a different sample with id ${fresh.id} is already in this project`, baseVersion: 0, current: stored });
  }
  return { created, sample: stored };
}

/**
 * Fills the columns a newer server derives from the JSON (the library's verdict and search
 * text) on samples written by an older one, a batch at a time. The version and the change
 * sequence stay: nothing a user wrote changes.
 */
export async function backfillDerivedColumns(db: Db, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .select({ projectId: samples.projectId, id: samples.id, doc: samples.doc })
      .from(samples)
      .where(isNull(samples.searchText))
      .limit(batch);
    if (rows.length === 0) return done;
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const { answerVerdict, searchText: text } = derivedColumns(JSON.parse(row.doc) as ReviewedSample, await projectRegistry(tx, row.projectId));
        await tx.update(samples).set({ answerVerdict, searchText: text }).where(samplePk(row.projectId, row.id));
      }
    });
    done += rows.length;
  }
}

/**
 * After a change of the project's profiles: the samples of its own profiles get their summary
 * columns and entry again, under a new change sequence (every browser's copy hears of it);
 * version and count stay, the content being the same.
 */
export async function rederiveCustomProfileSamples(tx: Db, projectId: number): Promise<number> {
  // The rows locked as read, then the change order — the order every sample write takes its
  // locks in (two orders deadlock) — so a write meanwhile (the token counter's) is built on.
  const rows = await tx
    .select({ id: samples.id, doc: samples.doc, entry: samples.entry, tokens: samples.tokens })
    .from(samples)
    .where(and(eq(samples.projectId, projectId), sql`${samples.entry} like '%"profile":%'`))
    .for('update');
  await lockChangeOrder(tx, projectId);
  const profiles = await projectRegistry(tx, projectId);
  let done = 0;
  for (const row of rows) {
    const sample = JSON.parse(row.doc) as ReviewedSample;
    if (sample.profile === undefined || isBuiltinProfileId(sample.profile) || !profiles.some((p) => p.id === sample.profile)) continue;
    await tx.update(samples).set({ ...derivedColumns(sample, profiles, row), seq: nextSeq }).where(samplePk(projectId, row.id));
    done++;
  }
  return done;
}
