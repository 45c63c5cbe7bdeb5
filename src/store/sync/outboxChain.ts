/**
 * The team outbox's chains of entries (serverSync.ts sends them): text edits go on writing a
 * page's entry of a sample; a status move becomes an entry of its own behind it, so each move
 * reaches the server in order; the first edit after a reload builds on the edit waiting from
 * before it. An entry that `follows` another waits for it and, once the server took exactly
 * what it started from, builds on the version the server gave.
 */
import type { ReviewedSample } from '../../core/review/types';
import type { Sample } from '../../core/sample/types';
import { sameSample } from '../session/versions';
import type { OutboxEntry, ServerCopy } from './serverStore';

export interface OutboxChains {
  /** The outbox entry a save of `s` becomes (the version it started from: `base`). */
  entryFor(s: Sample, base: number): OutboxEntry;
  /** Takes the edits waiting from an earlier page whose content is the working copy loaded now. */
  adoptWaiting(outbox: OutboxEntry[], working: Sample[]): void;
  /** The server's copy replaced the working copy: a later edit no longer starts from the waiting one. */
  replaced(sampleId: string): void;
  /** The server took `sent` at `version`; true when an entry of the sample still waits. */
  releaseFollowers(sent: OutboxEntry, version: number): Promise<boolean>;
  /** The server refused `entry` with a conflict; returns the entry that keeps it. */
  withFollowers(entry: OutboxEntry, conflict: NonNullable<OutboxEntry['conflict']>): Promise<OutboxEntry>;
}

export function outboxChains(writer: string, copy: ServerCopy): OutboxChains {
  /** Per sample, the outbox entry this page's saves go on writing (the last of its run). */
  const own = new Map<string, OutboxEntry>();
  /**
   * Per sample, an edit waiting from an earlier page of this browser (a reload, a tab opened
   * after it) whose content this page loaded as its working copy: this page's edit builds on it.
   */
  const adoptable = new Map<string, OutboxEntry>();
  /**
   * Per sample, the version the server gave this page's last entry once it was settled: the
   * studio learns it only when the send ends, and an edit saved before then (a hint inserted,
   * "ready" pressed at once) builds on it — not on the version before, a conflict with oneself.
   */
  const taken = new Map<string, number>();
  let entries = 0;

  /**
   * The outbox entry a save of `s` becomes. Text edits go on writing this page's entry of the
   * sample (one send for a run of edits); a status move different from the one that entry
   * carries becomes an entry of its own behind it, so each move reaches the server in order
   * (an allowed "ready" is not lost to a refused "approve" right after it). The first edit
   * after a reload builds on the edit waiting from before it, instead of meeting it as a conflict.
   */
  function entryFor(s: Sample, base: number): OutboxEntry {
    const previous = own.get(s.id);
    // Resolved (the studio rebased on their version): a fresh entry in the refused one's place.
    const resolved = previous?.conflict && base >= previous.conflict.theirVersion;
    let entry: OutboxEntry;
    if (previous && resolved) entry = { key: previous.key, mine: s, baseVersion: base, writer };
    else if (previous && (previous.conflict || sameStatus(previous.mine, s))) entry = { ...previous, mine: s };
    else {
      const before = previous ?? adoptable.get(s.id);
      adoptable.delete(s.id);
      const start = before ? base : Math.max(base, taken.get(s.id) ?? 0);
      entry = { key: `${writer}|${s.id}|${++entries}`, mine: s, baseVersion: start, writer, ...(before ? { follows: { key: before.key, mine: before.mine } } : {}) };
    }
    own.set(s.id, entry);
    return entry;
  }

  /**
   * Edits waiting from an earlier page: one whose content is the working copy loaded now is
   * built on; one refused by a conflict is this page's to resolve (its resolution replaces it).
   */
  function adoptWaiting(outbox: OutboxEntry[], working: Sample[]): void {
    const byId = new Map(working.map((s) => [s.id, s]));
    for (const e of outbox) {
      const loaded = byId.get(e.mine.id);
      if (e.conflict) own.set(e.mine.id, e);
      else if (loaded && sameSample(loaded, e.mine)) adoptable.set(e.mine.id, e);
    }
  }



  /**
   * The server took `sent`'s entry at `version`: the entries behind it that started from exactly
   * that content now build on that version; one that started from other content (another tab
   * went on editing the same entry meanwhile) keeps its base, and meets it as a real conflict.
   * True when an entry of the sample still waits.
   */
  async function releaseFollowers(sent: OutboxEntry, version: number): Promise<boolean> {
    const id = sent.mine.id;
    const current = own.get(id);
    if (current?.key === sent.key) {
      own.delete(id);
      taken.set(id, Math.max(taken.get(id) ?? 0, version));
      // Saved again while the entry was being settled (after it was dropped): that edit builds on what the server took.
      if (!sameSample(current.mine, sent.mine)) {
        own.set(id, { ...current, baseVersion: Math.max(current.baseVersion, version) });
        await copy.putEntry(own.get(id)!);
      }
    }
    if (adoptable.get(id)?.key === sent.key) adoptable.delete(id);
    const release = (e: OutboxEntry): OutboxEntry => {
      const { follows, ...rest } = e;
      return follows && sameSample(follows.mine, sent.mine) ? { ...rest, baseVersion: Math.max(rest.baseVersion, version) } : rest;
    };
    // This page's own entry first, in memory, so a save meanwhile writes it on the new base.
    const mine = own.get(id);
    if (mine?.follows?.key === sent.key) {
      own.set(id, release(mine));
      await copy.putEntry(own.get(id)!);
    }
    for (const e of await copy.followersOf(sent.key)) if (e.key !== own.get(id)?.key) await copy.putEntry(release(e));
    return (await copy.waitingIds()).has(id);
  }

  /**
   * The server refused `entry` with a conflict. The entries behind it carry its content and
   * more, so the last of them stands for them all: it keeps the conflict (one per sample, as
   * the studio shows it), the others go. Returns the entry that keeps the conflict.
   */
  async function withFollowers(entry: OutboxEntry, conflict: NonNullable<OutboxEntry['conflict']>): Promise<OutboxEntry> {
    let last = entry;
    const dropped: string[] = [];
    const after = async (e: OutboxEntry) => (await copy.followersOf(e.key))[0];
    for (let next = await after(last); next; next = await after(last)) {
      dropped.push(last.key);
      last = next;
    }
    const { follows: _f, ...rest } = last;
    const refused: OutboxEntry = { ...rest, baseVersion: entry.baseVersion, conflict };
    const id = entry.mine.id;
    // This page's entry may be newer than the outbox read: the conflict keeps its latest edit.
    const mine = own.get(id);
    if (mine?.key === refused.key) refused.mine = mine.mine;
    // This page shows the conflict: its resolution takes the refused entry's place.
    own.set(id, refused);
    await copy.putEntry(refused);
    for (const key of dropped) await copy.deleteEntry(key);
    return refused;
  }

  return {
    entryFor,
    adoptWaiting,
    replaced: (sampleId) => void adoptable.delete(sampleId),
    releaseFollowers,
    withFollowers,
  };
}

export /** The working copy of each sample with edits waiting: the last entry of its chain (a conflict: the server's side). */
function waitingCopies(outbox: OutboxEntry[]): Sample[] {
  const followed = new Set(outbox.flatMap((e) => (e.follows ? [e.follows.key] : [])));
  const byId = new Map<string, Sample>();
  for (const e of outbox) if (!followed.has(e.key)) byId.set(e.mine.id, e.conflict ? e.conflict.theirs : e.mine);
  return [...byId.values()];
}

export /** The next entry to send: the first not refused and not waiting behind another still here. */
function sendable(outbox: OutboxEntry[]): OutboxEntry | undefined {
  const here = new Set(outbox.map((e) => e.key));
  return outbox.find((e) => mayGo(e, (key) => here.has(key)));
}

/** An entry may be sent when it is not refused and the entry it follows (if any) is no longer here. */
export function mayGo(e: OutboxEntry, here: (key: string) => boolean): boolean {
  return !e.conflict && !(e.follows && here(e.follows.key));
}

/**
 * The outbox's entries that may be sent, one read at a time: the keys are read once per round
 * (not every entry before every send, which over a big outbox is quadratic); an entry behind
 * one still here waits for the next round. `send` runs before the next entry is read.
 */
export async function sendRound(copy: ServerCopy, send: (e: OutboxEntry) => Promise<void>, stopped: () => boolean): Promise<number> {
  const keys = await copy.outboxKeys();
  let sent = 0;
  for (const key of keys) {
    if (stopped()) break;
    const e = await copy.outboxEntry(key);
    if (!e) continue;
    const followed = e.follows ? await copy.outboxEntry(e.follows.key) : undefined;
    if (!mayGo(e, () => followed !== undefined)) continue;
    await send(e);
    sent++;
  }
  return sent;
}

/** Whether two copies of a sample are in the same review status (a move between them is sent on its own). */
function sameStatus(a: Sample, b: Sample): boolean {
  return (a as ReviewedSample).status === (b as ReviewedSample).status;
}
