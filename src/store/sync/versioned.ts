/**
 * The studio's side of versioned saves: which version each sample in memory started from,
 * which samples are untouched since they were stored, and what happens when a save is refused
 * or someone else's save arrives. An untouched sample takes another tab's (or teammate's)
 * version in place; an edited one conflicts and waits for the user's choice.
 */
import type { Sample } from '../../core/sample/types';
import type { StudioContext } from '../context';
import type { LoadedProject, RemoteChange, SampleConflict, SaveBatch, SaveResult, StudioPersistence } from '../session/persistence';
import { sameSample } from '../session/versions';
import type { ConflictEntry, SyncSlice } from './state';

export interface VersionTracker {
  /** What the save queue writes through: the real persistence, with base versions filled in. */
  persistence: StudioPersistence;
  /**
   * The samples to put in the state, and the ids of edits the page did not live to save: the
   * caller marks those for saving once the samples are in the state (a save reads the state,
   * and a sample missing from it has nothing to write).
   */
  loaded(project: LoadedProject): { samples: Record<string, Sample>; unsaved: string[] };
  /** Someone else stored these samples (another tab, the team server). */
  receive(change: RemoteChange): void;
  /** The user resolved the conflict: the next save starts from the version shown as theirs. */
  rebase(sampleId: string, version: number): void;
  baseVersion(sampleId: string): number;
  /** Samples read from storage after the start (opened): as stored, untouched. */
  adopt(samples: Sample[]): void;
  /** Whether this copy of a sample is the one last known stored (no edit since it was read or saved). */
  untouched(sample: Sample): boolean;
  /** These samples left memory: their stored copies are let go (their versions stay). */
  forget(ids: string[]): void;
}

export function createVersionTracker(ctx: Pick<StudioContext, 'get' | 'set'> & { saves: { flush(): Promise<boolean>; markSample(id: string): void } }, inner: StudioPersistence): VersionTracker {
  const versions = new Map<string, number>();
  /** The object last known to be stored for each sample: a sample in memory that is still it is untouched. */
  const stored = new Map<string, Sample>();

  const setSync = (patch: Partial<SyncSlice>) => ctx.set({ sync: { ...ctx.get().sync, ...patch } });
  const entryOf = (c: SampleConflict): ConflictEntry => ({ theirs: c.theirs, theirVersion: c.theirVersion, baseVersion: c.baseVersion, theirAuthor: c.theirAuthor ?? 'another tab' });

  function record(result: SaveResult, batch: SaveBatch): void {
    const byId = new Map(batch.samples.map((s) => [s.id, s]));
    const conflicts = { ...ctx.get().sync.conflicts };
    let changed = false;
    for (const [id, version] of Object.entries(result.versions)) {
      if (version > (versions.get(id) ?? 0)) versions.set(id, version);
      stored.set(id, byId.get(id)!);
      if (conflicts[id]) {
        delete conflicts[id];
        changed = true;
      }
    }
    for (const c of result.conflicts) {
      conflicts[c.id] = entryOf(c);
      changed = true;
    }
    if (changed) setSync({ conflicts, conflictOpen: openOrNull(ctx.get().sync.conflictOpen, conflicts) });
  }

  const persistence: StudioPersistence = {
    load: () => inner.load(),
    async save(batch) {
      const baseVersions: Record<string, number> = {};
      for (const s of batch.samples) baseVersions[s.id] = versions.get(s.id) ?? 0;
      const result = await inner.save({ ...batch, baseVersions });
      record(result, batch);
      return result;
    },
  };

  const tracker: VersionTracker = {
    persistence,
    baseVersion: (id) => versions.get(id) ?? 0,
    adopt(samples) {
      for (const s of samples) stored.set(s.id, s);
    },
    untouched: (sample) => stored.get(sample.id) === sample,
    forget(ids) {
      for (const id of ids) stored.delete(id);
    },
    loaded(project) {
      const samples: Record<string, Sample> = {};
      // Every stored sample's version, also of those whose trace is read later (library entries).
      for (const [id, version] of Object.entries(project.versions ?? {})) versions.set(id, version);
      for (const s of project.samples) {
        samples[s.id] = s;
        stored.set(s.id, s);
        versions.set(s.id, project.versions?.[s.id] ?? 1);
      }
      // Edits whose write the page did not live to see: the working copy again, saved anew.
      for (const s of project.unsaved ?? []) {
        samples[s.id] = s;
        versions.set(s.id, project.versions?.[s.id] ?? 0);
      }
      const conflicts: Record<string, ConflictEntry> = {};
      for (const c of project.conflicts ?? []) {
        const theirs = samples[c.id];
        // The refused edit is the working copy again; what is stored now is "theirs".
        samples[c.id] = c.mine;
        versions.set(c.id, c.baseVersion);
        if (theirs) conflicts[c.id] = entryOf({ ...c, theirs, theirVersion: project.versions?.[c.id] ?? c.theirVersion });
      }
      if (Object.keys(conflicts).length) setSync({ conflicts });
      return { samples, unsaved: (project.unsaved ?? []).map((s) => s.id) };
    },
    receive,
    rebase(sampleId, version) {
      versions.set(sampleId, version);
      const conflicts = { ...ctx.get().sync.conflicts };
      delete conflicts[sampleId];
      setSync({ conflicts, conflictOpen: null, mergeDraft: null });
    },
  };

  /** Reads again the traces of samples in memory whose entry says they changed elsewhere, then takes them as any change. */
  function readAgain(wanted: Map<string, number>): void {
    if (!wanted.size || !inner.loadSamples) return;
    inner.loadSamples([...wanted.keys()]).then(
      (read) => receive({ samples: read.map((sample) => ({ sample, version: wanted.get(sample.id)! })), deletedIds: [] }),
      // Not readable now (offline): the next change or opening reads it.
      () => undefined,
    );
  }

  function receive({ samples, deletedIds, entries: changedEntries = [], accepted = [], conflicts: refused = [], connection }: RemoteChange): void {
    const state = ctx.get();
    const next = { ...state.samples };
    const conflicts = { ...state.sync.conflicts };
    let touched = false;
    for (const { sent, stored: copy, version } of accepted) {
      if (version > (versions.get(sent.id) ?? 0)) versions.set(sent.id, version);
      delete conflicts[sent.id];
      const current = next[sent.id];
      // Still what was sent: take the server's copy (with its review data); else our newer edit stays.
      if (!current || current === stored.get(sent.id) || sameSample(current, sent)) next[sent.id] = copy;
      stored.set(sent.id, copy);
    }
    for (const c of refused) {
      conflicts[c.id] = entryOf(c);
      // The refused edit is "mine" here: also when another tab of this browser wrote it and this
      // one sent it (this tab's copy untouched since stored), so resolving here keeps it.
      const current = next[c.id];
      if (!current || current === stored.get(c.id)) next[c.id] = c.mine;
    }
    for (const { sample, version } of samples) {
      if (version <= (versions.get(sample.id) ?? 0)) continue; // ours, or older than what we hold
      const conflict = conflicts[sample.id];
      if (conflict) {
        conflicts[sample.id] = { ...conflict, theirs: sample, theirVersion: version };
        continue;
      }
      const current = state.samples[sample.id];
      // An editor open on the sample is an edit under way: its commit must meet their version as a conflict.
      const editing = state.openSampleId === sample.id && (state.editingStepId !== null || state.composer !== null);
      if (!current || (current === stored.get(sample.id) && !editing)) {
        next[sample.id] = sample;
        versions.set(sample.id, version);
        stored.set(sample.id, sample);
      } else if (!editing) {
        touched = true; // our unsaved edit meets theirs: the save decides, and conflicts
      }
    }
    let entries = state.entries;
    for (const id of deletedIds) {
      if (state.samples[id] && state.samples[id] === stored.get(id)) delete next[id];
      // A sample never read into memory goes from the library too.
      if (!state.samples[id] && entries[id]) {
        if (entries === state.entries) entries = { ...entries };
        delete entries[id];
      }
    }
    // Changes told by entry alone: a sample not in memory takes the entry (its trace is read when
    // opened); one in memory and untouched has its trace read again; an edited one meets theirs at its save.
    const stale = new Map<string, number>();
    for (const { entry, version } of changedEntries) {
      const held = versions.get(entry.id) ?? 0;
      if (version < held) continue;
      // The same content with facts the server added (a token count): the entry alone changes.
      if (version === held) {
        if (state.entries[entry.id] && !sameEntry(state.entries[entry.id]!, entry)) {
          if (entries === state.entries) entries = { ...entries };
          entries[entry.id] = entry;
        }
        continue;
      }
      if (entries === state.entries) entries = { ...entries };
      entries[entry.id] = entry;
      const current = state.samples[entry.id];
      if (!current) {
        versions.set(entry.id, version);
        continue;
      }
      const editing = state.openSampleId === entry.id && (state.editingStepId !== null || state.composer !== null);
      if (conflicts[entry.id] || (current === stored.get(entry.id) && !editing)) stale.set(entry.id, version);
      else if (!editing) touched = true;
    }
    ctx.set({ samples: next, entries, sync: { ...state.sync, conflicts, ...(connection ? { server: connection } : {}) } });
    if (touched) void ctx.saves.flush();
    readAgain(stale);
  }

  return tracker;
}

const openOrNull = (open: string | null, conflicts: Record<string, unknown>) => (open && conflicts[open] ? open : null);

/** Whether two entries say the same (an entry is small, plain data). */
function sameEntry(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
