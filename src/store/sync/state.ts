/** Versions, conflicts and the team server's connection, as the UI sees them (sync/*.ts). */
import type { Sample } from '../../core/sample/types';
import { initialTeamUi, type TeamUi } from '../team/state';

/** A sample whose save was refused: the stored version someone else wrote, beside ours in memory. */
export interface ConflictEntry {
  /** What is stored now (another tab's or teammate's edit). */
  theirs: Sample;
  theirVersion: number;
  /** The version our edit started from. */
  baseVersion: number;
  /** Who stored `theirs`: "another tab", or a user name on a team server. */
  theirAuthor: string;
}

/** The team server as this tab sees it (absent when the studio works locally). */
export interface ServerStatus {
  /** Signed-in user name and role. */
  user: string;
  role: 'annotator' | 'reviewer' | 'admin';
  project: string;
  online: boolean;
  /** The server no longer knows this page's session (signed out elsewhere, password changed): edits wait for the next sign-in. */
  signedOut: boolean;
  /** Edits stored in this browser and not yet accepted by the server. */
  waiting: number;
  /** Who is assigned to each sample, by sample id. */
  assignment: Record<string, { annotator: string | null; reviewer: string | null }>;
  /** The server's last refusal (a role without the right, a review rule), shown until dismissed. */
  refusal: string | null;
  /** Edits of the text the server would not take, by sample id: kept (also across a reload) until the user lets them go. */
  refused: Record<string, RefusedEdit>;
}

/**
 * An edit of a sample's text the server refused (403: the role may not edit, or lost the right):
 * the working copy went back to the server's, and this keeps what the user wrote.
 */
export interface RefusedEdit {
  /** The sample as the user had edited it. */
  mine: Sample;
  /** The server's words. */
  reason: string;
  at: string;
  /**
   * Refused because the server did not know the sample's trace profile yet (a save before the
   * studio's profiles reached it): sent again when they do (serverSync `profilesShared`).
   */
  awaitsProfile?: string;
  /** The server version the edit started from (0: a sample the server never had). */
  baseVersion?: number;
}

export interface SyncSlice {
  /** Samples whose stored version is newer than the one our edit started from, by id. */
  conflicts: Record<string, ConflictEntry>;
  /** The sample whose conflict dialog is open. */
  conflictOpen: string | null;
  /** The merge-by-hand text while the user writes it (null: comparing, not merging). */
  mergeDraft: string | null;
  server: ServerStatus | null;
  /** Samples asked for that could not be read (a team server that cannot be reached, no copy here), in words. */
  unavailable: string | null;
  /** Projects, sign-out, assignment and refused edits on a team server (team/). */
  team: TeamUi;
}

export function initialSyncSlice(): { sync: SyncSlice } {
  return { sync: { conflicts: {}, conflictOpen: null, mergeDraft: null, server: null, unavailable: null, team: initialTeamUi() } };
}
