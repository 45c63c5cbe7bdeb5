/**
 * One versioning for every store of samples (IndexedDB, memory, the team server's copy): each
 * stored sample carries the version it was saved at, and a save names the version its edit
 * started from. A save over a newer version is refused — a conflict the user resolves — so
 * no writer ever overwrites another's edit unseen.
 */
import type { Sample } from '../../core/sample/types';

/** The version a sample is stored at, and which writer (a tab, a persistence instance) stored it. */
export interface StoredVersion {
  version: number;
  writer: string;
}

/** A save that was refused because someone else stored a newer version first. */
export interface SampleConflict {
  id: string;
  /** The version the refused edit started from. */
  baseVersion: number;
  /** The refused edit, kept (also across a reload) until the user resolves the conflict. */
  mine: Sample;
  /** What is stored now. */
  theirs: Sample;
  theirVersion: number;
  /** Who stored `theirs`, when known (a user name on a team server). */
  theirAuthor?: string | null;
}

export type SaveDecision =
  | { kind: 'write'; version: number }
  /** The stored copy already is this edit (a save re-sent after its answer was lost). */
  | { kind: 'unchanged'; version: number }
  | { kind: 'conflict'; conflict: SampleConflict };

/**
 * Whether `incoming`, edited from `baseVersion`, may be stored over `stored`.
 *
 * Accepted when the stored version is the base, or when the newer stored version was written
 * by this same writer: a writer's saves run in order, so a save issued before its previous
 * one answered (a flush on `pagehide`) may start from the older base without anyone else's
 * edit in between. Equal content is accepted without a new version.
 */
export function decideSave(stored: (StoredVersion & { sample: Sample }) | undefined, incoming: Sample, baseVersion: number, writer: string): SaveDecision {
  if (!stored) return { kind: 'write', version: Math.max(baseVersion, 0) + 1 };
  if (stored.version <= baseVersion || stored.writer === writer) return { kind: 'write', version: Math.max(stored.version, baseVersion) + 1 };
  if (sameSample(stored.sample, incoming)) return { kind: 'unchanged', version: stored.version };
  return { kind: 'conflict', conflict: { id: incoming.id, baseVersion, mine: incoming, theirs: stored.sample, theirVersion: stored.version } };
}

/** Same JSON, key order aside (structured clones keep it, a server's copy may not). */
export function sameSample(a: Sample, b: Sample): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

/** A random id per writer: lets a writer's own saves in flight follow one another (see decideSave). */
export function writerId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `w-${Math.random().toString(36).slice(2)}-${Date.now()}`;
}
