/**
 * Reading samples: the library's pages (filters, search, sort and paging in SQL), one sample
 * with its approval, the change feed, and whole documents for backups.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, notExists, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { ANSWER_FILTER_STATES, ANSWER_ORDER, CHECKS_ORDER, searchWords, type AnswerState } from '../../core/library/query';
import { alias } from 'drizzle-orm/pg-core';
import type { ReviewedSample } from '../../core/review/types';
import { storedSampleEntry, type SampleEntry } from '../../core/sample/entry';
import { projectRegistry } from './projectProfiles';
import type { ReviewStatus, SampleOrigin, SourceFormat } from '../../core/sample/types';
import type { ApprovalInfo, ChangesPage, SamplePage, SampleRow, ServerSample } from '../../core/sync';
import type { Db } from '../db/open';
import { approvals, sampleRevisions, samples, users } from '../db/schema';
import { notFound } from '../errors';

export type SampleDbRow = typeof samples.$inferSelect;

const annotators = alias(users, 'annotator');
const reviewers = alias(users, 'reviewer');
const approvers = alias(users, 'approver');
const editors = alias(users, 'editor');

/** The summary columns with the names of the people they point at. */
const rowColumns = {
  s: {
    id: samples.id,
    version: samples.version,
    problemExcerpt: samples.problemExcerpt,
    source: samples.source,
    status: samples.status,
    answer: samples.answer,
    answerMatches: samples.answerMatches,
    codeBlocks: samples.codeBlocks,
    outputBlocks: samples.outputBlocks,
    tokens: samples.tokens,
    originFormat: samples.originFormat,
    originFile: samples.originFile,
    originLine: samples.originLine,
    genIndex: samples.genIndex,
    approvedAt: samples.approvedAt,
    updatedAt: samples.updatedAt,
    seq: samples.seq,
    entry: samples.entry,
  },
  annotator: annotators.username,
  reviewer: reviewers.username,
  approvedBy: approvers.username,
  updatedBy: editors.username,
};

function selectRows(db: Db) {
  return db
    .select(rowColumns)
    .from(samples)
    .leftJoin(annotators, eq(annotators.id, samples.annotatorId))
    .leftJoin(reviewers, eq(reviewers.id, samples.reviewerId))
    .leftJoin(approvers, eq(approvers.id, samples.approvedBy))
    .leftJoin(editors, eq(editors.id, samples.updatedBy));
}

type Joined = { s: Record<keyof typeof rowColumns.s, unknown>; annotator: string | null; reviewer: string | null; approvedBy: string | null; updatedBy: string | null };

function toRow({ s, annotator, reviewer, approvedBy, updatedBy }: Joined): SampleRow {
  const origin = { format: s.originFormat as SourceFormat, file: s.originFile } as SampleOrigin;
  if (s.originLine !== null) origin.line = s.originLine as number;
  if (s.genIndex !== null) origin.genIndex = s.genIndex as number;
  return {
    id: s.id as string,
    version: s.version as number,
    problemExcerpt: s.problemExcerpt as string,
    source: s.source as string | null,
    status: s.status as ReviewStatus,
    answer: s.answer as string | null,
    answerMatches: s.answerMatches as boolean | null,
    codeBlocks: s.codeBlocks as number,
    outputBlocks: s.outputBlocks as number,
    tokens: s.tokens as number | null,
    origin,
    annotator,
    reviewer,
    approvedBy,
    approvedAt: (s.approvedAt as Date | null)?.toISOString() ?? null,
    updatedAt: (s.updatedAt as Date).toISOString(),
    updatedBy,
    seq: Number(s.seq),
    entry: JSON.parse(s.entry as string) as SampleEntry,
  };
}

/**
 * Rows stored before the entry column get their entry now, from their JSON, stored for the
 * next read. Reads of up to a page at a time: each sample's JSON is read once in its life.
 */
async function withEntries(db: Db, projectId: number, rows: Joined[]): Promise<Joined[]> {
  const missing = rows.filter((r) => r.s.entry === null).map((r) => r.s.id as string);
  if (missing.length === 0) return rows;
  const docs = await db
    .select({ id: samples.id, doc: samples.doc })
    .from(samples)
    .where(and(eq(samples.projectId, projectId), inArray(samples.id, missing)));
  const profiles = await projectRegistry(db, projectId);
  const filled = new Map(docs.map((d) => [d.id, JSON.stringify(storedSampleEntry(JSON.parse(d.doc) as ReviewedSample, profiles))]));
  for (const [id, entry] of filled) {
    // Only while still empty: a save in between wrote the entry of its own version.
    await db.update(samples).set({ entry }).where(and(eq(samples.projectId, projectId), eq(samples.id, id), isNull(samples.entry)));
  }
  return rows.map((r) => (r.s.entry === null ? { ...r, s: { ...r.s, entry: filled.get(r.s.id as string) ?? null } } : r));
}

export const SAMPLE_SORTS = ['id', 'updated', 'problem', 'status', 'source', 'origin', 'codeBlocks', 'answer', 'tokens', 'checks'] as const;
export type SampleSort = (typeof SAMPLE_SORTS)[number];

/** The library's answer filter (core/library/query.ts): by the verdict decided without an interpreter. */
export type VerdictFilter = keyof typeof ANSWER_FILTER_STATES;
export const VERDICT_FILTERS = Object.keys(ANSWER_FILTER_STATES) as VerdictFilter[];

export interface SampleQuery {
  status?: ReviewStatus[];
  source?: string;
  /** The library's search: every word in the sample's search text, or the sample's id. */
  q?: string;
  verdict?: VerdictFilter;
  /** A user id, or null for "nobody". */
  annotator?: number | null;
  reviewer?: number | null;
  /** Given to this reviewer or to nobody (a reviewer's queue). */
  reviewerOrNobody?: number;
  /** Given to this user to annotate or to review (the library's "Assigned to me"). */
  assignedTo?: number;
  /** What waits for this user now (the library's "My queue", store/team/assignment.ts inMyQueue). */
  queueOf?: { user: number; canEdit: boolean; canReview: boolean };
  /**
   * The library's "checks failing": samples whose kept checks (data/checkFacts.ts) ran under
   * one of these definitions and fail — the asking browser's definitions (its settings, its
   * tokenizer), since a result under other settings says nothing of its own.
   */
  failingUnder?: string[];
  /** The sort by checks: results kept under these definitions (the asking browser's) rank a row; any other is not known. */
  checksUnder?: string[];
  sort?: SampleSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** `collate "C"`: code point order and ASCII-only lower(), the same on PGlite and PostgreSQL. */
const inC = (value: SQL | AnyColumn) => sql`(${value}) collate "C"`;
/** The library's text order (core/library/query.ts compareText). */
const folded = (value: SQL | AnyColumn) => sql`lower((${value}) collate "C") collate "C"`;

/** The library's answer state of a row, from the columns (core/library/query.ts answerStateOf). */
const answerStateSql = sql<AnswerState>`case
  when ${samples.answer} is null then 'none'
  when ${samples.answerVerdict} = 'equal' then 'match'
  when ${samples.answerVerdict} = 'different' then 'mismatch'
  when ${samples.answerVerdict} = 'pending' then 'pending'
  when ${samples.answerVerdict} = 'unparseable' then 'undecided'
  else 'unchecked' end`;
const answerRankSql = sql`case ${answerStateSql} ${sql.join(
  Object.entries(ANSWER_ORDER).map(([state, rank]) => sql`when ${state} then ${sql.raw(String(rank))}`),
  sql` `,
)} end`;

/**
 * A row's rank in the sort by checks (core/library/query.ts checksRank), from the checks columns:
 * a result kept under one of the asker's definitions fails or passes; any other is not known. A
 * result not known where it ran (its answer verdict pending, nothing failing: core/library/query.ts
 * knownFailing) is never sent (store/library/entryFacts.ts), so none is kept here as passing.
 */
function checksRankSql(under: readonly string[]): SQL {
  const rank = (r: number) => sql.raw(String(r));
  return sql`case when ${inArray(samples.checksDefinition, [...under])} then (case when ${samples.checksFailing} > 0 then ${rank(CHECKS_ORDER.failing)} else ${rank(CHECKS_ORDER.passing)} end) else ${rank(CHECKS_ORDER.unknown)} end`;
}

/** An approved sample whose content changed since its approval (it waits in the review queue). */
const approvalChanged = and(
  eq(samples.status, 'approved'),
  notExists(
    sql`(select 1 from ${approvals} where ${approvals.projectId} = ${samples.projectId} and ${approvals.sampleId} = ${samples.id}
      and ${approvals.revokedAt} is null and ${approvals.contentHash} = ${samples.contentHash})`,
  ),
);

function myQueue(q: NonNullable<SampleQuery['queueOf']>): SQL {
  const parts: (SQL | undefined)[] = [];
  if (q.canEdit) parts.push(and(eq(samples.annotatorId, q.user), inArray(samples.status, ['draft', 'changes-requested'])));
  if (q.canReview) parts.push(and(or(isNull(samples.reviewerId), eq(samples.reviewerId, q.user)), or(eq(samples.status, 'ready'), approvalChanged)));
  return parts.length ? or(...parts)! : sql`false`;
}

function filters(projectId: number, q: Omit<SampleQuery, 'limit' | 'offset' | 'sort' | 'order'>): SQL {
  const where: (SQL | undefined)[] = [eq(samples.projectId, projectId)];
  if (q.status?.length) where.push(inArray(samples.status, q.status));
  if (q.source !== undefined) where.push(eq(samples.source, q.source));
  const words = searchWords(q.q ?? '');
  if (words.length) {
    // strpos: a literal substring test (no pattern characters), on the text lower-cased by JavaScript when written.
    const all = and(...words.map((w) => sql`strpos(${samples.searchText}, ${w}) > 0`));
    where.push(or(all, eq(samples.id, q.q!.trim())));
  }
  if (q.verdict) where.push(inArray(answerStateSql, [...ANSWER_FILTER_STATES[q.verdict]]));
  if (q.annotator !== undefined) where.push(q.annotator === null ? isNull(samples.annotatorId) : eq(samples.annotatorId, q.annotator));
  if (q.reviewer !== undefined) where.push(q.reviewer === null ? isNull(samples.reviewerId) : eq(samples.reviewerId, q.reviewer));
  if (q.reviewerOrNobody !== undefined) where.push(or(isNull(samples.reviewerId), eq(samples.reviewerId, q.reviewerOrNobody)));
  if (q.assignedTo !== undefined) where.push(or(eq(samples.annotatorId, q.assignedTo), eq(samples.reviewerId, q.assignedTo)));
  if (q.queueOf) where.push(myQueue(q.queueOf));
  if (q.failingUnder) where.push(q.failingUnder.length ? and(inArray(samples.checksDefinition, q.failingUnder), gt(samples.checksFailing, 0)) : sql`false`);
  return and(...where)!;
}

/**
 * The order of a sort. The library's columns sort as the studio does (store/library/rows.ts):
 * the column's key in the asked direction, then the problem, the generation and the id, ascending.
 */
function ordering(sort: SampleSort = 'id', order: 'asc' | 'desc' = 'asc', checksUnder: readonly string[] = []): SQL[] {
  const dir = order === 'desc' ? desc : asc;
  const byId = dir(inC(samples.id));
  const ties = [asc(folded(samples.problem)), asc(sql`coalesce(${samples.genIndex}, 0)`), asc(inC(samples.id))];
  const library = (key: SQL) => [dir(key), ...ties];
  switch (sort) {
    case 'id':
      return [byId];
    case 'updated':
      return [dir(samples.updatedAt), byId];
    case 'origin':
      return [dir(samples.originFile), dir(samples.originLine), dir(samples.genIndex), byId];
    case 'problem':
      return library(folded(samples.problem));
    case 'status':
      return library(inC(samples.status));
    case 'source':
      return library(folded(sql`coalesce(${samples.source}, '')`));
    case 'codeBlocks':
      return library(sql`${samples.codeBlocks}`);
    case 'answer':
      return library(answerRankSql);
    case 'checks':
      // No definition of the asker's: every row is not known, a tie (no key: a constant in ORDER BY is a column's position).
      return checksUnder.length ? library(checksRankSql(checksUnder)) : ties;
    case 'tokens':
      // Not counted yet sorts last both ways, as in the studio.
      return [sql`${samples.tokens} ${sql.raw(order)} nulls last`, ...ties];
  }
}

export async function listSamples(db: Db, projectId: number, q: SampleQuery): Promise<SamplePage> {
  const where = filters(projectId, q);
  const [{ total }] = await db.select({ total: count() }).from(samples).where(where);
  const rows = await selectRows(db)
    .where(where)
    .orderBy(...ordering(q.sort, q.order, q.checksUnder))
    .limit(q.limit)
    .offset(q.offset);
  return { total, rows: (await withEntries(db, projectId, rows as Joined[])).map(toRow) };
}

/**
 * The ids of every sample that matches, in order: the library's membership and order in one
 * answer (13,000 ids are ~250 kB of JSON), so the studio's cursor, End and scroll bar see the
 * whole list while it renders rows from the entries it holds.
 */
export async function listSampleIds(db: Db, projectId: number, q: Omit<SampleQuery, 'limit' | 'offset'>): Promise<string[]> {
  const rows = await db
    .select({ id: samples.id })
    .from(samples)
    .where(filters(projectId, q))
    .orderBy(...ordering(q.sort, q.order, q.checksUnder));
  return rows.map((r) => r.id);
}

export async function currentApproval(db: Db, projectId: number, sampleId: string): Promise<ApprovalInfo | null> {
  const [row] = await db
    .select({ a: approvals, by: users.username })
    .from(approvals)
    .innerJoin(users, eq(users.id, approvals.approvedBy))
    .where(and(eq(approvals.projectId, projectId), eq(approvals.sampleId, sampleId), isNull(approvals.revokedAt)))
    .orderBy(desc(approvals.id))
    .limit(1);
  if (!row) return null;
  return { by: row.by, at: row.a.approvedAt.toISOString(), version: row.a.version, contentHash: row.a.contentHash, overrideReason: row.a.overrideReason };
}

export async function getSample(db: Db, projectId: number, sampleId: string): Promise<ServerSample> {
  const [found] = await getSamples(db, projectId, [sampleId]);
  if (!found) throw notFound(`sample ${sampleId}`);
  return found;
}

/** Samples with their versions, in the order asked; ids the project does not hold are left out. */
export async function getSamples(db: Db, projectId: number, ids: readonly string[]): Promise<ServerSample[]> {
  if (ids.length === 0) return [];
  const where = and(eq(samples.projectId, projectId), inArray(samples.id, [...ids]));
  // One statement: the JSON and the row of one version (two reads could straddle a save).
  const rows = await db
    .select({ ...rowColumns, doc: samples.doc, contentHash: samples.contentHash })
    .from(samples)
    .leftJoin(annotators, eq(annotators.id, samples.annotatorId))
    .leftJoin(reviewers, eq(reviewers.id, samples.reviewerId))
    .leftJoin(approvers, eq(approvers.id, samples.approvedBy))
    .leftJoin(editors, eq(editors.id, samples.updatedBy))
    .where(where);
  const byId = new Map(rows.map((r) => [r.s.id, r]));
  const found: ServerSample[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    byId.delete(id); // an id asked twice is answered once
    found.push({
      sample: JSON.parse(r.doc) as ReviewedSample,
      version: r.s.version,
      contentHash: r.contentHash,
      seq: Number(r.s.seq),
      updatedAt: r.s.updatedAt.toISOString(),
      updatedBy: r.updatedBy,
      annotator: r.annotator,
      reviewer: r.reviewer,
      approval: r.approvedBy === null ? null : await currentApproval(db, projectId, id),
    });
  }
  return found;
}

/** What changed after `since`, each with its row (entry and assignment), so a client reads no trace to show it. */
export async function changesSince(db: Db, projectId: number, since: number, limit: number): Promise<ChangesPage> {
  const rows = await selectRows(db)
    .where(and(eq(samples.projectId, projectId), gt(samples.seq, since)))
    .orderBy(asc(samples.seq))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = await withEntries(db, projectId, (rows as Joined[]).slice(0, limit));
  const changes = page.map((r) => {
    const row = toRow(r);
    return { id: row.id, version: row.version, seq: row.seq, row };
  });
  return { seq: changes.at(-1)?.seq ?? since, changes, more };
}

/**
 * Every sample id of a project in the order exports and backups write them: by id, compared
 * as JavaScript compares strings (UTF-16 code units) — the order of the studio's
 * samplesInExportOrder, which SQL collations do not promise.
 */
export async function idsInExportOrder(db: Db, projectId: number): Promise<string[]> {
  const rows = await db.select({ id: samples.id }).from(samples).where(eq(samples.projectId, projectId));
  return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The stored JSON of the given samples, in the order asked. */
export async function docsOf(db: Db, projectId: number, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: samples.id, doc: samples.doc })
    .from(samples)
    .where(and(eq(samples.projectId, projectId), inArray(samples.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r.doc]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface RevisionInfo {
  version: number;
  savedAt: string;
  savedBy: string | null;
  contentHash: string;
}

/** Every version of a sample, oldest first (the last is the current one). */
export async function listRevisions(db: Db, projectId: number, sampleId: string): Promise<RevisionInfo[]> {
  const current = await getSample(db, projectId, sampleId);
  const rows = await db
    .select({ version: sampleRevisions.version, savedAt: sampleRevisions.savedAt, savedBy: users.username, contentHash: sampleRevisions.contentHash })
    .from(sampleRevisions)
    .leftJoin(users, eq(users.id, sampleRevisions.savedBy))
    .where(and(eq(sampleRevisions.projectId, projectId), eq(sampleRevisions.sampleId, sampleId)))
    .orderBy(asc(sampleRevisions.version));
  return [
    ...rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() })),
    { version: current.version, savedAt: current.updatedAt, savedBy: current.updatedBy, contentHash: current.contentHash },
  ];
}

/** One version's Sample JSON (e.g. the approved one, to show what changed since). */
export async function revisionOf(db: Db, projectId: number, sampleId: string, version: number): Promise<ReviewedSample> {
  const [rev] = await db
    .select({ doc: sampleRevisions.doc })
    .from(sampleRevisions)
    .where(and(eq(sampleRevisions.projectId, projectId), eq(sampleRevisions.sampleId, sampleId), eq(sampleRevisions.version, version)));
  if (rev) return JSON.parse(rev.doc) as ReviewedSample;
  const current = await getSample(db, projectId, sampleId);
  if (current.version === version) return current.sample;
  throw notFound(`version ${version} of sample ${sampleId}`);
}
