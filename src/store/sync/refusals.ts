/**
 * What the server would not take, kept aside: the text a user wrote that a refused save did not
 * bring to the server stays in the browser (also across a reload) until they let it go — never
 * dropped. serverSync.ts decides when a send was refused; this keeps what it refused.
 */
import type { ServerSample } from '../../core/sync';
import { ServerError, type ServerApi } from './api';
import { sameEdits } from './edits';
import type { OutboxEntry, ServerCopy } from './serverStore';
import type { RefusedEdit } from './state';

export interface Refusals {
  /** The server's copy of a sample; null when it has none (a sample made here that it did not take). */
  serverSample(id: string): Promise<ServerSample | null>;
  /**
   * The server will not take this entry's edits of the text (a reviewer's, or a save refused
   * with 403, 400…) and keeps `current`: what the user wrote is kept aside. Nothing is kept when
   * the entry changed no text beyond what the server holds (a status move alone).
   */
  keepRefused(entry: OutboxEntry, current: ServerSample, reason: string, awaitsProfile?: string): Promise<void>;
  /** The server refused a sample it does not hold: kept aside whole. */
  keep(entry: OutboxEntry, reason: string, awaitsProfile?: string): Promise<void>;
  /**
   * These profiles reached the server: the edits kept aside only because it did not know one
   * of them are let go here and handed to `resend` (they wait in the outbox from then on, never dropped).
   */
  profilesShared(profileIds: readonly string[]): Promise<void>;
  /** Sends again the kept-aside edits of profiles shared before (those a reload read back after the profiles went up). */
  resendShared(): Promise<void>;
}

/**
 * The profile a refusal names when the server did not know the sample's trace profile (400 on
 * `sample.profile`, server/data/sampleWrites.ts): the edit goes through once the profile arrives.
 */
export function awaitedProfile(err: ServerError, sample: { profile?: string }): string | undefined {
  return err.status === 400 && sample.profile !== undefined && err.message.startsWith('sample.profile:') ? sample.profile : undefined;
}

/** `refused`: the status's record of refused edits (read each time: a reload replaces it). */
export function refusals(
  api: ServerApi,
  project: number,
  copy: ServerCopy,
  refused: () => Record<string, RefusedEdit>,
  resend: (edits: RefusedEdit[]) => Promise<void>,
): Refusals {
  /** Profiles that reached the server from this page (at start, on a Settings save). */
  const shared = new Set<string>();

  async function resendShared(): Promise<void> {
    const due = Object.values(refused()).filter((r) => r.awaitsProfile !== undefined && shared.has(r.awaitsProfile));
    for (const r of due) {
      delete refused()[r.mine.id];
      await copy.setRefused(r.mine.id, null);
    }
    if (due.length) await resend(due);
  }

  async function keep(entry: OutboxEntry, reason: string, awaitsProfile?: string): Promise<void> {
    const kept: RefusedEdit = { mine: entry.mine, reason, at: new Date().toISOString(), ...(awaitsProfile !== undefined ? { awaitsProfile, baseVersion: entry.baseVersion } : {}) };
    refused()[entry.mine.id] = kept;
    await copy.setRefused(entry.mine.id, kept);
  }

  return {
    async serverSample(id) {
      try {
        return await api.sample(project, id);
      } catch (err) {
        if (err instanceof ServerError && err.status === 404) return null;
        throw err;
      }
    },
    async keepRefused(entry, current, reason, awaitsProfile) {
      if (sameEdits(entry.mine, current.sample)) return;
      // The server may have moved on since the user's edit started: only their own change counts.
      if (entry.baseVersion > 0 && entry.baseVersion !== current.version) {
        const started = await api.revision(project, entry.mine.id, entry.baseVersion).catch(() => null);
        if (started && sameEdits(entry.mine, started)) return;
      }
      await keep(entry, reason, awaitsProfile);
    },
    keep,
    profilesShared(profileIds) {
      for (const id of profileIds) shared.add(id);
      return resendShared();
    },
    resendShared,
  };
}
