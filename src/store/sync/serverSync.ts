/**
 * Working with a team server (issue 11): the browser's copy stays the working copy and every
 * save goes to it and to an outbox at once; the outbox is sent to the server sample by sample,
 * each naming the server version it started from. The server's 409 becomes the same conflict
 * as between two tabs; others' edits come from its change feed. While the server cannot be
 * reached the outbox waits (also across a reload) and the status line says so.
 * Review moves (ready, approve, request changes, comments) go to the review endpoints, so the
 * server decides who may make them; a refusal is shown and the server's copy stays.
 */
import type { Sample } from '../../core/sample/types';
import type { ReviewedSample } from '../../core/review/types';
import type { SampleRow, SaveConflict, ServerSample, SessionInfo } from '../../core/sync';
import { can } from '../../core/sync';
import type { RemoteChange, SampleConflict, StudioPersistence } from '../session/persistence';
import { writerId } from '../session/persistence';
import { ServerError, type ServerApi } from './api';
import { outboxChains, sendRound, waitingCopies } from './outboxChain';
import { sampleReader } from './serverRead';
import type { OutboxEntry, ServerCopy, StoredEntry } from './serverStore';
import type { ServerStatus } from './state';
import { awaitedProfile, refusals } from './refusals';
import { sendCheckFacts } from './serverFacts';

/** Rows per request of the first look (the server's page limit). */
const ROW_PAGE = 500;

export interface ServerSyncOptions {
  api: ServerApi;
  session: SessionInfo;
  project: { id: number; name: string };
  copy: ServerCopy;
  /** How often the change feed is read (ms). */
  pollMs?: number;
  /** First retry after the server could not be reached (ms); doubles up to 30 s. */
  retryMs?: number;
  /** Serialises the senders of several tabs (the Web Locks API in the browser). */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface ServerPersistence extends StudioPersistence {
  /** Sends the outbox now (also retried by itself). */
  sendNow(): Promise<void>;
  /** Reads the change feed now, not at the next poll (rows the server made: an import). */
  pollNow(): Promise<void>;
  /** Edits in this browser the server has not accepted: waiting to be sent, and refused by a conflict the user has not resolved. */
  pending(): Promise<{ waiting: number; conflicts: number }>;
  /** The server's copy after a change made beside the sync (an assignment): its assignment is shown at once. */
  noteServerSample(sample: ServerSample): void;
  /** The user let a refused edit go (they copied it, or do not want it). */
  forgetRefused(sampleId: string): Promise<void>;
  /** These trace profiles reached the server: the edits refused for not knowing them are sent again. */
  profilesShared(profileIds: readonly string[]): Promise<void>;
  stop(): void;
}

export function serverPersistence(opts: ServerSyncOptions): ServerPersistence {
  const { api, copy, session } = opts;
  const project = opts.project.id;
  const writer = writerId();
  const listeners = new Set<(change: RemoteChange) => void>();
  const chains = outboxChains(writer, copy);
  const known = new Map<string, number>();
  let seq = 0;
  let stopped = false;
  /** Aborted by stop(): requests of the write-back end with the sync (not failures). */
  const stopping = new AbortController();
  let sending: Promise<void> | null = null;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let retryDelay = 0;
  const status: ServerStatus = { user: session.user.username, role: session.user.role, project: opts.project.name, online: true, signedOut: false, waiting: 0, assignment: {}, refusal: null, refused: {} };
  // Edits refused for a profile the server did not know go again, through the outbox, once it knows it.
  const refused = refusals(api, project, copy, () => status.refused, async (due) => {
    if (due.some((r) => r.reason === status.refusal)) status.refusal = null;
    await persistence.save({ samples: due.map((r) => r.mine), baseVersions: Object.fromEntries(due.map((r) => [r.mine.id, r.baseVersion ?? 0])) });
  });
  const exclusive = opts.exclusive ?? ((work) => work());
  const reader = sampleReader({ api, project, copy, known, noted: (s) => void (assign(s.sample.id, s) && (assignmentMoved = true)) });

  const emit = (change: Partial<RemoteChange>) => {
    // The server's copy replaced the working copy: a later edit no longer starts from the waiting one.
    for (const c of change.samples ?? []) chains.replaced(c.sample.id);
    const full: RemoteChange = { samples: [], deletedIds: [], ...change, connection: { ...status, assignment: { ...status.assignment }, refused: { ...status.refused } } };
    for (const l of listeners) l(full);
  };
  const setOnline = (online: boolean) => {
    status.online = online;
    if (online) retryDelay = 0;
  };
  /**
   * Counts the outbox. Reads overlap (a save counts while a send settles): only the read
   * started last is kept, since IndexedDB gives it every write begun before it.
   */
  let countsStarted = 0;
  const refreshWaiting = async () => {
    const ticket = ++countsStarted;
    const counts = await copy.outboxCounts();
    const waiting = counts.entries - counts.conflicts;
    if (ticket === countsStarted) status.waiting = waiting;
  };
  /** Records who works on a sample; true when that changed. */
  const assign = (id: string, who: { annotator: string | null; reviewer: string | null }): boolean => {
    const before = status.assignment[id];
    status.assignment[id] = { annotator: who.annotator, reviewer: who.reviewer };
    return before?.annotator !== who.annotator || before?.reviewer !== who.reviewer;
  };
  /** Assignment moved since the last emit (the feed's seq moves, the version does not). */
  let assignmentMoved = false;

  function retryLater(): void {
    if (stopped || retryTimer) return;
    retryDelay = retryDelay ? Math.min(retryDelay * 2, 30_000) : (opts.retryMs ?? 2_000);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void persistence.sendNow();
    }, retryDelay);
  }

  /**
   * Reads what changed on the server since we last looked: the rows (library entries, who
   * works on what) into the copy, no traces — those are read when a sample is opened
   * (serverRead.ts), and the copy of a changed one is then stale. Returns the entries whose
   * version moved, except of samples with edits waiting here (left to their send).
   */
  async function pull(): Promise<StoredEntry[]> {
    const waiting = await copy.waitingIds();
    const changed: StoredEntry[] = [];
    const take = async (rows: SampleRow[]) => {
      for (const row of rows) {
        if (assign(row.id, row)) assignmentMoved = true;
        seq = Math.max(seq, row.seq);
        const held = known.get(row.id) ?? 0;
        if (row.version < held) continue;
        // The same version with a new entry: the server's own facts of the same content (its
        // token count, a summary under the project's profiles now) — taken as the row's entry.
        if (row.version === held) {
          if (!waiting.has(row.id)) changed.push({ entry: row.entry, version: row.version });
          continue;
        }
        known.set(row.id, row.version);
        if (!waiting.has(row.id)) changed.push({ entry: row.entry, version: row.version });
      }
      // Every row the server sent: also one this browser wrote (the entry it sent was its own).
      await copy.putEntries(rows.map((row) => ({ entry: row.entry, version: row.version })));
    };
    if (seq === 0) {
      // First look: every row, a page at a time.
      for (let offset = 0; ; offset += ROW_PAGE) {
        const page = await api.rows(project, offset, ROW_PAGE);
        await take(page.rows);
        if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
      }
    } else {
      for (;;) {
        const page = await api.changes(project, seq);
        await take(page.changes.map((c) => c.row));
        seq = page.seq;
        if (!page.more) break;
      }
    }
    await copy.setSeq(seq, status.assignment);
    return changed;
  }

  async function poll(): Promise<void> {
    try {
      const changed = await pull();
      const wasOffline = !status.online || status.signedOut;
      // Signed in again (in another tab): the edits waiting here go up.
      status.signedOut = false;
      setOnline(true);
      // The count said last may be stale (a save counted its entry while a send settled it).
      const said = status.waiting;
      await refreshWaiting();
      // Someone (re)assigned a sample: everyone's library shows who works on what now.
      const moved = assignmentMoved;
      assignmentMoved = false;
      if (changed.length || wasOffline || moved || status.waiting !== said) emit({ entries: changed });
      if (wasOffline) void persistence.sendNow();
    } catch (err) {
      if (err instanceof ServerError && err.unreachable) {
        if (status.online) {
          setOnline(false);
          await refreshWaiting();
          emit({});
        }
      } else if (signedOut(err) && !status.signedOut) {
        status.signedOut = true;
        await refreshWaiting();
        emit({});
      }
    }
  }

  /** The session ended (signed out in another tab, a new password, an admin disabled the user): 401. */
  function signedOut(err: unknown): boolean {
    return err instanceof ServerError && err.status === 401;
  }

  /** Status and comments the edit carries that the server does not have yet: through the review endpoints. */
  async function reviewMoves(sent: Sample, stored: ServerSample, seenVersion: number): Promise<ServerSample> {
    let s = stored;
    const mine = sent as ReviewedSample;
    for (const c of mine.comments ?? []) {
      const theirs = s.sample.comments?.find((x) => x.id === c.id);
      if (!theirs && !c.resolved) s = await api.comment(project, sent.id, { segmentId: c.stepAnchor.segmentId, offset: c.stepAnchor.offset, text: c.text });
      else if (theirs && c.resolved && !theirs.resolved) s = await api.resolveComment(project, sent.id, c.id);
    }
    if (mine.status !== s.sample.status) {
      const to = mine.status;
      // An annotator's moves (ready, back to draft) go to /status; a reviewer's decisions to /review.
      const kind = (to === 'ready' || (to === 'draft' && s.sample.status === 'ready')) && can(session.user.role, 'edit') ? 'status' : 'review';
      // The decision is about the content this user saw: their own save, or the version they started from.
      s = await api.status(project, sent.id, to, seenVersion, kind, mine.review?.overrideReason ?? undefined);
    }
    return s;
  }

  /**
   * The server refused a sample it does not hold (a reviewer's paste, a profile it does not
   * know): said, what the user made kept aside (also across a reload), and the entry no longer
   * sent — not taken for an unreachable server and retried for ever.
   */
  async function refuseUnknown(entry: OutboxEntry, reason: string, awaitsProfile?: string): Promise<void> {
    status.refusal = reason;
    await refused.keep(entry, reason, awaitsProfile);
    await copy.deleteEntry(entry.key);
    setOnline(true);
    await refreshWaiting();
    emit({});
  }

  async function sendOne(entry: OutboxEntry, tokenRenewed = false): Promise<void> {
    const id = entry.mine.id;
    try {
      // Content goes up only from those who may edit; a reviewer's edits are review moves alone.
      const mayEdit = can(session.user.role, 'edit');
      const theirs = !mayEdit ? await refused.serverSample(id) : undefined;
      if (theirs === null) return await refuseUnknown(entry, `a ${session.user.role} cannot add samples to the project; your sample was not sent`);
      let stored = theirs
        ? theirs
        : entry.baseVersion === 0 && !known.has(id)
          ? await api.create(project, entry.mine as ReviewedSample)
          : await api.save(project, entry.mine as ReviewedSample, entry.baseVersion);
      if (!mayEdit) await refused.keepRefused(entry, stored, `a ${session.user.role} cannot change a sample's text; your edit was not sent`);
      stored = await reviewMoves(entry.mine, stored, mayEdit ? stored.version : entry.baseVersion);
      await finish(entry, stored);
    } catch (err) {
      if (!(err instanceof ServerError) || err.unreachable) throw err;
      if (err.status === 409) {
        const body = err.body as SaveConflict;
        const conflict = { theirs: body.current.sample as Sample, theirVersion: body.current.version, theirAuthor: body.current.updatedBy ?? 'someone' };
        const held = await chains.withFollowers(entry, conflict);
        known.set(id, Math.max(known.get(id) ?? 0, body.current.version));
        const c: SampleConflict = { id, baseVersion: held.baseVersion, mine: held.mine, ...conflict };
        emit({ conflicts: [c] });
        return;
      }
      // The session's CSRF token changed (the user signed in again in another tab): not a refusal of
      // the edit. With the session's new token it goes again; without a session it waits (thrown).
      if (err.code === 'csrf' && !tokenRenewed) {
        if (await api.session()) return sendOne(entry, true);
        throw err;
      }
      // No session (signed out elsewhere): not a refusal of the edit; it waits for the next sign-in.
      if (err.status === 401) throw err;
      // Refused (a role without the right, a review rule, an invalid sample): said, and the
      // server's copy stays; text the user wrote is kept aside, never dropped.
      status.refusal = err.message;
      const awaits = awaitedProfile(err, entry.mine);
      const current = await refused.serverSample(id);
      if (!current) return await refuseUnknown(entry, err.message, awaits);
      await refused.keepRefused(entry, current, err.message, awaits);
      await finish(entry, current);
    }
  }

  async function finish(entry: OutboxEntry, stored: ServerSample): Promise<void> {
    assign(stored.sample.id, stored);
    known.set(stored.sample.id, stored.version);
    const dropped = await copy.settle(entry.key, entry.mine, stored.version);
    // The working copy stays while an edit of the sample still waits (this one changed meanwhile, or one behind it).
    const waits = !dropped || (await chains.releaseFollowers(entry, stored.version));
    await copy.accept(stored.sample, stored.version, { keepWorking: waits });
    setOnline(true);
    await refreshWaiting();
    emit({ accepted: [{ sent: entry.mine, stored: stored.sample, version: stored.version }] });
  }

  async function sendAll(): Promise<void> {
    let sent = 0;
    await exclusive(async () => {
      // Round after round: a send releases the entries behind it for the next.
      for (let round = 1; round > 0 && !stopped; sent += round) round = await sendRound(copy, (e) => sendOne(e), () => stopped);
    });
    // An empty outbox asked nothing of the server: it says nothing of whether it can be reached.
    const cameBack = sent > 0 && !status.online;
    if (sent > 0) setOnline(true);
    const said = status.waiting;
    await refreshWaiting();
    if (cameBack || status.waiting !== said) emit({});
  }

  const persistence: ServerPersistence = {
    /** The library as entries (see loadLibrary); a server project is never read whole. */
    load() {
      return persistence.loadLibrary!();
    },
    /**
     * Every sample's entry (the server's rows when it can be reached, else the copy's) and, in
     * `samples`, only those the studio must hold: edits waiting in the outbox and the server's
     * side of conflicts. Traces are read when opened (loadSamples).
     */
    async loadLibrary() {
      const local = await copy.read();
      const entries = new Map(local.entries.map((e) => [e.entry.id, e]));
      for (const e of local.entries) known.set(e.entry.id, e.version);
      seq = local.seq;
      status.refused = { ...local.refused };
      // Who works on what as of the stored feed position; the feed brings what changed since.
      status.assignment = { ...local.assignment };
      // Edits waiting from before the reload are the working copy (of a sample's chain of
      // entries, the last); a conflict's stored side is "theirs".
      const samples = waitingCopies(local.outbox);
      chains.adoptWaiting(local.outbox, samples);
      try {
        for (const e of await pull()) entries.set(e.entry.id, e);
        setOnline(true);
      } catch (err) {
        if (!(err instanceof ServerError && err.unreachable)) throw err;
        setOnline(false);
      }
      const conflicts: SampleConflict[] = local.outbox.flatMap((e) => (e.conflict ? [{ id: e.mine.id, baseVersion: e.baseVersion, mine: e.mine, ...e.conflict }] : []));
      const versions = Object.fromEntries(known);
      for (const e of local.outbox) if (!e.conflict) versions[e.mine.id] = e.baseVersion;
      await refreshWaiting();
      queueMicrotask(() => emit({}));
      if (!stopped) {
        pollTimer = setInterval(() => void poll(), opts.pollMs ?? 2_000);
        void persistence.sendNow();
        // The profiles may have reached the server before the kept-aside edits were read back.
        void refused.resendShared();
      }
      return { entries: [...entries.values()].map((e) => e.entry), samples, versions, ui: local.ui, conflicts };
    },
    // Samples opened are kept in the copy (offline, and the next reload); rows only peeked at are not.
    loadSamples: (ids, options) => reader.read(ids, !options?.peek),
    readAll: (size, visit) => reader.readAll(size, visit),
    // Checks run here are kept by the server (serverFacts.ts); the change feed brings the row's entry back.
    async saveEntryFacts(facts, signal) {
      try {
        return await sendCheckFacts(api, project, facts, signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal);
      } catch (err) {
        // Out of reach: the sync's status says so at once (the next look at the change feed says when it is back).
        if (err instanceof ServerError && err.unreachable && status.online && !stopped) {
          setOnline(false);
          await refreshWaiting();
          emit({});
        }
        throw err;
      }
    },
    async save({ samples, baseVersions = {}, ui }) {
      const queued = samples.map((s) => chains.entryFor(s, baseVersions[s.id] ?? 0));
      await copy.queue(queued, ui);
      if (queued.length) {
        await refreshWaiting();
        emit({});
        void persistence.sendNow();
      }
      return { versions: {}, conflicts: [] };
    },
    async pending() {
      const { entries, conflicts } = await copy.outboxCounts();
      return { waiting: entries - conflicts, conflicts };
    },
    noteServerSample(s) {
      assign(s.sample.id, s);
      emit({});
    },
    async forgetRefused(sampleId) {
      delete status.refused[sampleId];
      await copy.setRefused(sampleId, null);
      emit({});
    },
    profilesShared: (profileIds) => refused.profilesShared(profileIds),
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendNow() {
      if (stopped) return Promise.resolve();
      if (sending) {
        // A send is under way, but it may have read the outbox before this edit was queued:
        // it goes round once more when it ends, so no queued edit waits for the next save.
        again = true;
        return sending;
      }
      again = false;
      let failed = false;
      sending = sendAll()
        .catch(async (err) => {
          failed = true;
          // Without a session nothing can be sent: the edits wait until the user signs in again.
          if (signedOut(err)) status.signedOut = true;
          else setOnline(false);
          await refreshWaiting();
          emit({});
          if (!status.signedOut) retryLater();
        })
        .finally(() => {
          sending = null;
          // Asked again while it ran (up to this very moment): once more, unless it failed
          // (then the retry timer sends, after its back-off).
          if (again && !failed) void persistence.sendNow();
        });
      return sending;
    },
    pollNow: () => poll(),
    stop() {
      stopped = true;
      stopping.abort();
      if (pollTimer) clearInterval(pollTimer);
      if (retryTimer) clearTimeout(retryTimer);
    },
  };
  return persistence;
}
