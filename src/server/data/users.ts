/** Users and their passwords: shared by the API (admin page) and `hint-studio user`. */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { isRole, type Role, type UserInfo } from '../../core/sync';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { Db } from '../db/open';
import { apiTokens, sessions, users } from '../db/schema';
import { ApiFailure, invalid, notFound } from '../errors';
import { audit } from './audit';

export type UserRow = typeof users.$inferSelect;

export function userInfo(row: UserRow): UserInfo {
  return { id: row.id, username: row.username, role: row.role as Role, disabled: row.disabledAt !== null, createdAt: row.createdAt.toISOString() };
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function usernameProblem(name: string): string | undefined {
  return USERNAME.test(name) ? undefined : 'a user name is 1–64 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';
}

export async function findUser(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function requireUser(db: Db, username: string): Promise<UserRow> {
  const row = await findUser(db, username);
  if (!row) throw notFound(`user "${username}"`);
  return row;
}

/** Active admins: a server with none gets its first one at start. */
export async function countAdmins(db: Db): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  return n;
}

export async function listUsers(db: Db): Promise<UserInfo[]> {
  return (await db.select().from(users).orderBy(asc(users.username))).map(userInfo);
}

export interface NewUser {
  username: string;
  role: Role;
  password: string;
}

/** `by`: the admin who added the user (null from the command line). */
export async function createUser(db: Db, user: NewUser, by: number | null): Promise<UserInfo> {
  const problem = usernameProblem(user.username) ?? (isRole(user.role) ? undefined : `role must be annotator, reviewer or admin`) ?? passwordProblem(user.password);
  if (problem) throw invalid(problem);
  const passwordHash = await hashPassword(user.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ username: user.username, role: user.role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiFailure(409, 'conflict', `user "${user.username}" already exists`);
    await audit(tx, { userId: by, action: 'user.add', detail: { username: row.username, role: row.role } });
    return userInfo(row);
  });
}

/** A new password ends every session and API token of the user: whoever held them must sign in again. */
export async function setPassword(db: Db, username: string, password: string, by: number | null): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw invalid(problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ passwordHash }).where(eq(users.username, username)).returning();
    if (!row) throw notFound(`user "${username}"`);
    await tx.delete(sessions).where(eq(sessions.userId, row.id));
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, row.id));
    await audit(tx, { userId: by, action: 'user.passwd', detail: { username } });
  });
}

export async function updateUser(db: Db, username: string, change: { role?: Role; disabled?: boolean }, by: number | null): Promise<UserInfo> {
  if (change.role !== undefined && !isRole(change.role)) throw invalid('role must be annotator, reviewer or admin');
  return db.transaction(async (tx) => {
    const before = await requireUser(tx, username);
    const set: Partial<UserRow> = {};
    if (change.role !== undefined) set.role = change.role;
    if (change.disabled !== undefined) set.disabledAt = change.disabled ? (before.disabledAt ?? new Date()) : null;
    if (Object.keys(set).length === 0) return userInfo(before);
    const [row] = await tx.update(users).set(set).where(eq(users.id, before.id)).returning();
    if (change.disabled) await tx.delete(sessions).where(eq(sessions.userId, row.id));
    await audit(tx, { userId: by, action: 'user.update', detail: { username, ...change } });
    return userInfo(row);
  });
}
