/** The audit log: every change and status change, by whom and when. Append-only. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AuditEntry } from '../../core/sync';
import type { Db } from '../db/open';
import { auditLog, users } from '../db/schema';

export interface AuditEvent {
  userId: number | null;
  projectId?: number | null;
  sampleId?: string | null;
  action: string;
  detail?: Record<string, unknown>;
}

/** Written in the same transaction as the change it describes. */
export async function audit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    userId: event.userId,
    projectId: event.projectId ?? null,
    sampleId: event.sampleId ?? null,
    action: event.action,
    detail: JSON.stringify(event.detail ?? {}),
  });
}

export interface AuditQuery {
  projectId?: number;
  sampleId?: string;
  /** Entries older than this id (paging backwards). */
  before?: number;
  limit: number;
}

/** Newest first. */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditEntry[]> {
  const where: SQL[] = [];
  if (q.projectId !== undefined) where.push(eq(auditLog.projectId, q.projectId));
  if (q.sampleId !== undefined) where.push(eq(auditLog.sampleId, q.sampleId));
  if (q.before !== undefined) where.push(lt(auditLog.id, q.before));
  const rows = await db
    .select({ entry: auditLog, user: users.username })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return rows.map(({ entry, user }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    user,
    projectId: entry.projectId,
    sampleId: entry.sampleId,
    action: entry.action,
    detail: JSON.parse(entry.detail) as Record<string, unknown>,
  }));
}
