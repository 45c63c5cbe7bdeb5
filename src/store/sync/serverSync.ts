/**
 * Working with a team server (issue 11): the browser's copy stays the working copy and every
 * save goes to it and to an outbox at once; the outbox is sent to the server sample by sample,
 * each naming the server version it started from. The server's 409 becomes the same conflict
 * as between two tabs; others' edits come from its change feed. While the server cannot be
 * reached the outbox waits (also across a reload) and the status line says so.
 * Review moves (ready, approve, request changes, comments) go to the review endpoints, so the
 * server decides who may make them; a refusal is shown and the server's copy stays.
 * This module composes the parts: the change feed (serverFeed.ts), the outbox's sender
 * (serverSend.ts), trace reads (serverRead.ts), over what they share (syncCore.ts).
 */
import type { ServerSample, SessionInfo } from '../../core/sync';
import type { SampleConflict, StudioPersistence } from '../session/persistence';
import { writerId } from '../session/persistence';
import { ServerError, type ServerApi } from './api';
import { outboxChains, waitingCopies } from './outboxChain';
import { sampleReader } from './serverRead';
import type { ServerCopy } from './serverStore';
import { refusals } from './refusals';
import { sendCheckFacts } from './serverFacts';
import { changeFeed } from './serverFeed';
import { outboxSender } from './serverSend';
import { syncCore } from './syncCore';

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
  const chains = outboxChains(writerId(), copy);
  let stopped = false;
  /** Aborted by stop(): requests of the write-back end with the sync (not failures). */
  const stopping = new AbortController();
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  const core = syncCore({ api, project, copy, session, chains, stopped: () => stopped, projectName: opts.project.name }, () => sender.resetRetry());
  const { status, known, listeners, emit, setOnline, refreshWaiting, assign } = core;
  // Edits refused for a profile the server did not know go again, through the outbox, once it knows it.
  const refused = refusals(api, project, copy, () => status.refused, async (due) => {
    if (due.some((r) => r.reason === status.refusal)) status.refusal = null;
    await persistence.save({ samples: due.map((r) => r.mine), baseVersions: Object.fromEntries(due.map((r) => [r.mine.id, r.baseVersion ?? 0])) });
  });
  const sender = outboxSender(core, { refused, exclusive: opts.exclusive ?? ((work) => work()), retryMs: opts.retryMs });
  const feed = changeFeed(core, () => sender.sendNow());
  const reader = sampleReader({ api, project, copy, known, noted: (s) => void (assign(s.sample.id, s) && feed.assignmentMoved()) });

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
      feed.seq = local.seq;
      status.refused = { ...local.refused };
      // Who works on what as of the stored feed position; the feed brings what changed since.
      status.assignment = { ...local.assignment };
      // Edits waiting from before the reload are the working copy (of a sample's chain of
      // entries, the last); a conflict's stored side is "theirs".
      const samples = waitingCopies(local.outbox);
      chains.adoptWaiting(local.outbox, samples);
      try {
        for (const e of await feed.pull()) entries.set(e.entry.id, e);
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
        pollTimer = setInterval(() => void feed.poll(), opts.pollMs ?? 2_000);
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
    sendNow: () => sender.sendNow(),
    pollNow: () => feed.poll(),
    stop() {
      stopped = true;
      stopping.abort();
      if (pollTimer) clearInterval(pollTimer);
      sender.stop();
    },
  };
  return persistence;
}
