/**
 * A team server's change feed (serverSync.ts composes it): the first look reads every row, a
 * page at a time; later looks read what changed since the feed's position. Rows go into the
 * browser's copy as library entries (no traces) and tell who works on what; a look that fails
 * says whether the server is out of reach or the session ended.
 */
import type { SampleRow } from '../../core/sync';
import { ServerError } from './api';
import type { StoredEntry } from './serverStore';
import { signedOut, type SyncCore } from './syncCore';

/** Rows per request of the first look (the server's page limit). */
const ROW_PAGE = 500;

export interface ChangeFeed {
  /** Reads what changed since the feed's position into the copy; the entries to show anew. */
  pull(): Promise<StoredEntry[]>;
  /** A look at the feed that tells the studio (and never throws): online again, out of reach, signed out. */
  poll(): Promise<void>;
  /** The feed's position (0: the first look reads every row). */
  seq: number;
  /** Who works on a sample moved outside the feed (a trace read): said with the next look. */
  assignmentMoved(): void;
}

/** `sendNow`: the outbox goes up when the server answers again. */
export function changeFeed(core: SyncCore, sendNow: () => Promise<void>): ChangeFeed {
  let seq = 0;
  /** Assignment moved since the last emit (the feed's seq moves, the version does not). */
  let assignmentMoved = false;

  /**
   * Reads what changed on the server since we last looked: the rows (library entries, who
   * works on what) into the copy, no traces — those are read when a sample is opened
   * (serverRead.ts), and the copy of a changed one is then stale. Returns the entries whose
   * version moved, except of samples with edits waiting here (left to their send).
   */
  async function pull(): Promise<StoredEntry[]> {
    const waiting = await core.copy.waitingIds();
    const changed: StoredEntry[] = [];
    const take = async (rows: SampleRow[]) => {
      for (const row of rows) {
        if (core.assign(row.id, row)) assignmentMoved = true;
        seq = Math.max(seq, row.seq);
        const held = core.known.get(row.id) ?? 0;
        if (row.version < held) continue;
        // The same version with a new entry: the server's own facts of the same content (its
        // token count, a summary under the project's profiles now) — taken as the row's entry.
        if (row.version === held) {
          if (!waiting.has(row.id)) changed.push({ entry: row.entry, version: row.version });
          continue;
        }
        core.known.set(row.id, row.version);
        if (!waiting.has(row.id)) changed.push({ entry: row.entry, version: row.version });
      }
      // Every row the server sent: also one this browser wrote (the entry it sent was its own).
      await core.copy.putEntries(rows.map((row) => ({ entry: row.entry, version: row.version })));
    };
    if (seq === 0) {
      // First look: every row, a page at a time.
      for (let offset = 0; ; offset += ROW_PAGE) {
        const page = await core.api.rows(core.project, offset, ROW_PAGE);
        await take(page.rows);
        if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
      }
    } else {
      for (;;) {
        const page = await core.api.changes(core.project, seq);
        await take(page.changes.map((c) => c.row));
        seq = page.seq;
        if (!page.more) break;
      }
    }
    await core.copy.setSeq(seq, core.status.assignment);
    return changed;
  }

  async function poll(): Promise<void> {
    try {
      const changed = await pull();
      const wasOffline = !core.status.online || core.status.signedOut;
      // Signed in again (in another tab): the edits waiting here go up.
      core.status.signedOut = false;
      core.setOnline(true);
      // The count said last may be stale (a save counted its entry while a send settled it).
      const said = core.status.waiting;
      await core.refreshWaiting();
      // Someone (re)assigned a sample: everyone's library shows who works on what now.
      const moved = assignmentMoved;
      assignmentMoved = false;
      if (changed.length || wasOffline || moved || core.status.waiting !== said) core.emit({ entries: changed });
      if (wasOffline) void sendNow();
    } catch (err) {
      if (err instanceof ServerError && err.unreachable) {
        if (core.status.online) {
          core.setOnline(false);
          await core.refreshWaiting();
          core.emit({});
        }
      } else if (signedOut(err) && !core.status.signedOut) {
        core.status.signedOut = true;
        await core.refreshWaiting();
        core.emit({});
      }
    }
  }

  return {
    pull,
    poll,
    get seq() {
      return seq;
    },
    set seq(value: number) {
      seq = value;
    },
    assignmentMoved: () => void (assignmentMoved = true),
  };
}
