/**
 * What the parts of a team server's sync share (serverSync.ts composes them): the connection's
 * status the studio shows, the server versions known here, the listeners of its changes, and
 * the outbox's count. The change feed (serverFeed.ts) and the outbox's sender (serverSend.ts)
 * each do one job over it.
 */
import type { SessionInfo } from '../../core/sync';
import type { RemoteChange } from '../session/persistence';
import { ServerError, type ServerApi } from './api';
import type { OutboxChains } from './outboxChain';
import type { ServerCopy } from './serverStore';
import type { ServerStatus } from './state';

export interface SyncCore {
  api: ServerApi;
  project: number;
  copy: ServerCopy;
  session: SessionInfo;
  chains: OutboxChains;
  /** The connection as the studio shows it (mutated in place; each emit sends a copy). */
  status: ServerStatus;
  /** The server version of each sample as last seen here. */
  known: Map<string, number>;
  listeners: Set<(change: RemoteChange) => void>;
  stopped(): boolean;
  /** Tells the studio what changed, with the connection's status as it is now. */
  emit(change: Partial<RemoteChange>): void;
  setOnline(online: boolean): void;
  /** Counts the outbox into `status.waiting`. */
  refreshWaiting(): Promise<void>;
  /** Records who works on a sample; true when that changed. */
  assign(id: string, who: { annotator: string | null; reviewer: string | null }): boolean;
}

/** The session ended (signed out in another tab, a new password, an admin disabled the user): 401. */
export function signedOut(err: unknown): boolean {
  return err instanceof ServerError && err.status === 401;
}

export function syncCore(
  parts: Pick<SyncCore, 'api' | 'project' | 'copy' | 'session' | 'chains' | 'stopped'> & { projectName: string },
  /** The server answered again (the sender's back-off starts over). */
  onlineAgain: () => void,
): SyncCore {
  const { copy, session, chains } = parts;
  const status: ServerStatus = { user: session.user.username, role: session.user.role, project: parts.projectName, online: true, signedOut: false, waiting: 0, assignment: {}, refusal: null, refused: {} };
  const listeners = new Set<(change: RemoteChange) => void>();
  /**
   * Reads of the outbox's count overlap (a save counts while a send settles): only the read
   * started last is kept, since IndexedDB gives it every write begun before it.
   */
  let countsStarted = 0;
  return {
    ...parts,
    status,
    known: new Map(),
    listeners,
    emit(change) {
      // The server's copy replaced the working copy: a later edit no longer starts from the waiting one.
      for (const c of change.samples ?? []) chains.replaced(c.sample.id);
      const full: RemoteChange = { samples: [], deletedIds: [], ...change, connection: { ...status, assignment: { ...status.assignment }, refused: { ...status.refused } } };
      for (const l of listeners) l(full);
    },
    setOnline(online) {
      status.online = online;
      if (online) onlineAgain();
    },
    async refreshWaiting() {
      const ticket = ++countsStarted;
      const counts = await copy.outboxCounts();
      const waiting = counts.entries - counts.conflicts;
      if (ticket === countsStarted) status.waiting = waiting;
    },
    assign(id, who) {
      const before = status.assignment[id];
      status.assignment[id] = { annotator: who.annotator, reviewer: who.reviewer };
      return before?.annotator !== who.annotator || before?.reviewer !== who.reviewer;
    },
  };
}
