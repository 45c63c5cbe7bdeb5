/**
 * The server's tables. Migrations in ./migrations are generated from this file by drizzle-kit
 * (`npx drizzle-kit generate`, config in drizzle.config.ts) and run unchanged on embedded
 * PGlite and on PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** A disabled user keeps their name in the audit log but cannot sign in. */
    disabledAt: at('disabled_at'),
  },
  (t) => [check('users_role', sql`${t.role} in ('annotator', 'reviewer', 'admin')`)],
);

/** Browser sessions. Only a SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Sent back in the X-CSRF-Token header on every write made with this session. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** API tokens for the CLI and scripts. Only a SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Failed sign-ins per (user name, client address), for the exponential back-off. */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull(),
    lockedUntil: at('locked_until'),
    lastFailureAt: at('last_failure_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.ip] })],
);

export const projects = pgTable('projects', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** The studio's project settings as JSON text, secrets removed (recorded in export manifests). */
  settings: text('settings').notNull().default('{}'),
  /** When set, a sample cannot be approved by anyone who edited its content. */
  requireIndependentApproval: boolean('require_independent_approval').notNull().default(false),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Orders every change to every sample, so a client can ask for what changed since it last looked. */
export const sampleChangeSeq = pgSequence('sample_change_seq');

/**
 * One row per sample: the studio's Sample JSON, exactly as written (text, not jsonb, which
 * would reorder keys and refuse \u0000), plus the summary columns the library filters,
 * searches and sorts on in SQL.
 */
export const samples = pgTable(
  'samples',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    /** Optimistic concurrency: a save names the version it started from. */
    version: integer('version').notNull(),
    doc: text('doc').notNull(),
    /** Fingerprint of what an approval covers (see review/fingerprint.ts). */
    contentHash: text('content_hash').notNull(),
    /** Fingerprint of everything a save may change: equal fingerprints mean no edit happened in between. */
    editHash: text('edit_hash').notNull(),
    problem: text('problem').notNull(),
    problemExcerpt: text('problem_excerpt').notNull(),
    source: text('source'),
    status: text('status').notNull(),
    answer: text('answer'),
    /** null: no ground truth or no answer to compare. */
    answerMatches: boolean('answer_matches'),
    /** The answer verdict decided without an interpreter (core/checks/answer); null: nothing to compare. */
    answerVerdict: text('answer_verdict'),
    /** The library search's lower-cased text (core/library/query.ts searchText); null until written by this version. */
    searchText: text('search_text'),
    codeBlocks: integer('code_blocks').notNull(),
    outputBlocks: integer('output_blocks').notNull(),
    tokens: integer('tokens'),
    originFormat: text('origin_format').notNull(),
    originFile: text('origin_file').notNull(),
    originLine: integer('origin_line'),
    genIndex: integer('gen_index'),
    annotatorId: integer('annotator_id').references(() => users.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: at('approved_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /**
     * The sample's library entry as JSON (core/sample/entry.ts): what the studio's library holds
     * of a sample it has not opened. Null on rows stored before the column: filled when first read.
     */
    entry: text('entry'),
    /**
     * The checks kept with the entry (a browser ran them, store/sync/serverFacts.ts): the
     * definition they ran under and how many fail — the library's "checks failing" in SQL.
     * Null: none kept for the row's content.
     */
    checksDefinition: text('checks_definition'),
    checksFailing: integer('checks_failing'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    index('samples_status').on(t.projectId, t.status),
    index('samples_seq').on(t.projectId, t.seq),
    index('samples_source').on(t.projectId, t.source),
    index('samples_annotator').on(t.projectId, t.annotatorId),
    index('samples_reviewer').on(t.projectId, t.reviewerId),
    index('samples_updated').on(t.projectId, t.updatedAt),
  ],
);

/** Every version a sample had before its current one: nothing saved is ever lost. */
export const sampleRevisions = pgTable(
  'sample_revisions',
  {
    projectId: integer('project_id').notNull(),
    sampleId: text('sample_id').notNull(),
    version: integer('version').notNull(),
    doc: text('doc').notNull(),
    contentHash: text('content_hash').notNull(),
    editHash: text('edit_hash').notNull(),
    savedBy: integer('saved_by').references(() => users.id),
    savedAt: at('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sampleId, t.version] })],
);

/** Approvals of content: who approved which version (and fingerprint), and when it stopped counting. */
export const approvals = pgTable(
  'approvals',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    sampleId: text('sample_id').notNull(),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    approvedBy: integer('approved_by')
      .notNull()
      .references(() => users.id),
    approvedAt: at('approved_at').notNull().defaultNow(),
    overrideReason: text('override_reason'),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('approvals_sample').on(t.projectId, t.sampleId)],
);

/** Append-only: every change and status change, by whom and when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: at('at').notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    projectId: integer('project_id'),
    sampleId: text('sample_id'),
    action: text('action').notNull(),
    /** JSON text: versions, statuses, counts — whatever the action needs to be understood later. */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_sample').on(t.projectId, t.sampleId), index('audit_at').on(t.at)],
);
