/**
 * Who is asking: a browser session (cookie) or an API token (Authorization: Bearer). Both are
 * random secrets stored only as SHA-256; a disabled user's session and tokens stop working.
 */
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { ApiTokenInfo } from '../../core/sync';
import type { Db } from '../db/open';
import { apiTokens, sessions, users } from '../db/schema';
import { notFound } from '../errors';
import { audit } from '../data/audit';
import type { UserRow } from '../data/users';
import { newSecret, secretHash } from './secrets';

export const SESSION_COOKIE = 'hs_session';
export const SESSION_DAYS = 7;
export const TOKEN_PREFIX = 'hst_';

export interface Authenticated {
  user: UserRow;
  via: 'session' | 'token';
  /** For sessions: the token every write must echo in X-CSRF-Token. */
  csrfToken?: string;
  sessionHash?: string;
}

export async function createSession(db: Db, userId: number): Promise<{ cookie: string; csrfToken: string; expiresAt: Date }> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: secretHash(cookie), userId, csrfToken, expiresAt });
  // Expired sessions are cleared on the way, so the table does not grow forever.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { cookie, csrfToken, expiresAt };
}

export async function sessionUser(db: Db, cookie: string): Promise<Authenticated | undefined> {
  const tokenHash = secretHash(cookie);
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)));
  return row && { user: row.user, via: 'session', csrfToken: row.csrfToken, sessionHash: tokenHash };
}

export async function endSession(db: Db, sessionHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
}

export async function tokenUser(db: Db, token: string): Promise<Authenticated | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ user: users, id: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, secretHash(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!row) return undefined;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return { user: row.user, via: 'token' };
}

/** The token itself is returned once, here; the server keeps only its hash. */
export async function createApiToken(db: Db, userId: number, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newSecret(TOKEN_PREFIX);
  const [row] = await db.insert(apiTokens).values({ userId, name, tokenHash: secretHash(token) }).returning();
  await audit(db, { userId, action: 'token.create', detail: { tokenId: row.id, name } });
  return { token, info: tokenInfo(row) };
}

function tokenInfo(row: typeof apiTokens.$inferSelect): ApiTokenInfo {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenInfo[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.id);
  return rows.map(tokenInfo);
}

export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw notFound(`token ${tokenId}`);
  await audit(db, { userId, action: 'token.revoke', detail: { tokenId } });
}
