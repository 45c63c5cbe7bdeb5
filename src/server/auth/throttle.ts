/**
 * Sign-in throttling per (user name, client address), kept in the database so it survives a
 * restart and holds across servers sharing one PostgreSQL. The first FREE_FAILURES failures
 * cost nothing (typos); after that each failure doubles the wait before the next try, up to
 * MAX_LOCK_SECONDS. A success clears the count. Unknown names are throttled the same way, so
 * the replies do not tell which names exist.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { loginThrottle } from '../db/schema';

export const FREE_FAILURES = 3;
export const MAX_LOCK_SECONDS = 15 * 60;

/** Seconds to wait after the n-th consecutive failure (0 while within the free tries). */
export function lockSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_LOCK_SECONDS);
}

const key = (username: string, ip: string) => and(eq(loginThrottle.username, username.toLowerCase()), eq(loginThrottle.ip, ip));

/** Seconds until this pair may try again; 0 when it may now. */
export async function retryAfter(db: Db, username: string, ip: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(loginThrottle).where(key(username, ip));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

export async function recordFailure(db: Db, username: string, ip: string, now = new Date()): Promise<number> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ username: username.toLowerCase(), ip, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: [loginThrottle.username, loginThrottle.ip],
      set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now },
    })
    .returning();
  const wait = lockSeconds(row.failures);
  await db
    .update(loginThrottle)
    .set({ lockedUntil: wait > 0 ? new Date(now.getTime() + wait * 1000) : null })
    .where(key(username, ip));
  return wait;
}

export async function recordSuccess(db: Db, username: string, ip: string): Promise<void> {
  await db.delete(loginThrottle).where(key(username, ip));
}
