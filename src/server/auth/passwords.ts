/** Password hashing with argon2id (@node-rs/argon2's defaults: m=19 MiB, t=2, p=1, OWASP's minimum). */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A stored hash that matches no password: checked for unknown users, so timing does not tell names apart. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (stored === undefined) {
    decoy ??= hash(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** 20 characters from 120 random bits, safe to print and to type. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Why a chosen password is refused, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'a password may have at most 1024 characters';
  return undefined;
}
