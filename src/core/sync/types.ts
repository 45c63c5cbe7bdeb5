/**
 * The contract between the studio and a team server (`hint-studio serve`): what the JSON API
 * sends and expects. docs/server.md describes the endpoints; this file is their payloads.
 *
 * Sync in one paragraph: every sample on the server has an integer `version`. A save sends
 * the version it started from (`baseVersion`). The server accepts it when nothing it holds
 * changed since, or when only review data (status, comments, history) changed since — then
 * the edit is applied on top. When the content changed under it, the save gets 409 with the
 * server's copy (`SaveConflict`) and nothing is written: the client shows both and decides.
 */
import type { ReviewedSample } from '../review/types';
import type { EntryChecks, SampleEntry } from '../sample/entry';
import type { ReviewStatus, SampleOrigin } from '../sample/types';
import type { Role } from './roles';

/** Fields of the Sample JSON the server owns: a save's values for them are ignored. */
export const SERVER_OWNED_FIELDS = ['status', 'review', 'comments', 'approval'] as const;

export interface UserInfo {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** GET/POST /api/session. `csrfToken` goes into the X-CSRF-Token header of every write. */
export interface SessionInfo {
  user: UserInfo;
  csrfToken: string;
}

export interface ProjectInfo {
  id: number;
  name: string;
  /** The studio's project settings (sampling, templates...), never secrets. */
  settings: Record<string, unknown>;
  requireIndependentApproval: boolean;
  createdAt: string;
  sampleCount: number;
}

/** The approval that currently covers a sample's content. */
export interface ApprovalInfo {
  by: string;
  at: string;
  version: number;
  contentHash: string;
  overrideReason: string | null;
}

/** One library row: the summary columns, no trace text. */
export interface SampleRow {
  id: string;
  version: number;
  problemExcerpt: string;
  source: string | null;
  status: ReviewStatus;
  answer: string | null;
  answerMatches: boolean | null;
  codeBlocks: number;
  outputBlocks: number;
  tokens: number | null;
  origin: SampleOrigin;
  annotator: string | null;
  reviewer: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  updatedAt: string;
  updatedBy: string | null;
  /** Position in the project's change order (see ChangesPage). */
  seq: number;
  /** The library entry of the sample as stored (core/sample/entry.ts): a studio's library row without the trace. */
  entry: SampleEntry;
}

export interface SamplePage {
  total: number;
  rows: SampleRow[];
}

/** A sample as the server holds it. */
export interface ServerSample {
  sample: ReviewedSample;
  version: number;
  contentHash: string;
  seq: number;
  updatedAt: string;
  updatedBy: string | null;
  annotator: string | null;
  reviewer: string | null;
  approval: ApprovalInfo | null;
}

/** PUT /api/projects/:project/samples/:id */
export interface SaveSampleRequest {
  baseVersion: number;
  sample: ReviewedSample;
}

/** 409 from a save (or a review decision) made on content that changed since. */
export interface SaveConflict {
  error: 'conflict';
  message: string;
  baseVersion: number;
  current: ServerSample;
}

/** POST /api/projects/:project/samples/read {ids}: several samples in one request (ids not in the project are left out). */
/**
 * One sample's check result as a browser sends it (POST …/checks): the checks run in browsers
 * only, and the server keeps the result with the row's entry while `revision` is its content.
 */
export interface CheckFact extends EntryChecks {
  id: string;
}

/** POST …/checks answers with the ids whose result was kept (the others were stale or unknown). */
export interface ChecksKept {
  kept: string[];
}

export interface SamplesRead {
  samples: ServerSample[];
}

/** GET /api/projects/:project/changes?since=SEQ: what changed after the client last looked. */
export interface ChangesPage {
  /** Pass as `since` next time. */
  seq: number;
  /** Each with the sample's row as it is now (its library entry and assignment): no trace. */
  changes: { id: string; version: number; seq: number; row: SampleRow }[];
  /** More changes wait: ask again with the returned seq. */
  more: boolean;
}

/** POST /api/projects/:project/import: the same per-line report as a local import. */
export interface ServerImportReport {
  file: string;
  format: string;
  added: number;
  /** Already on the server and left alone (re-import, or the server's copy is newer). */
  kept: number;
  /** Replaced by a newer edit from a backup; the old version stays in the sample's revisions. */
  updated: number;
  rejects: import('../import/types').ImportReject[];
  /** Remarks on the import as a whole (settings taken, approvals made here). */
  notes: string[];
  /** Remarks on records imported anyway, by line: a duplicate merged, a field dropped. */
  lineNotes: import('../import/types').ImportNote[];
  /** A backup restored: the samples added and those that took its newer edit (the backup's others were kept). */
  restored?: { added: string[]; updated: string[] };
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  projectId: number | null;
  sampleId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Every error body: a code a program can switch on and a sentence for a person. */
export interface ApiError {
  error: 'unauthenticated' | 'forbidden' | 'csrf' | 'not-found' | 'invalid' | 'conflict' | 'throttled' | 'too-large' | 'internal';
  message: string;
}
