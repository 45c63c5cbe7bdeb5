/**
 * Undo/redo of sample edits: per sample, a stack of earlier Sample snapshots. Recorded in one
 * place — the sample writer of session/write.ts, which every command that changes a sample
 * goes through, under the undo label the command declares (its `capture`) — so no feature can
 * forget it and no edit can lose text.
 *
 * A streaming continuation writes the sample many times; the writes of one command call share
 * a `group` and become one undo step. The stacks are kept in sessionStorage so a reload of the same tab
 * can still undo; they are bounded (entries, and whatever the storage quota allows).
 */
import type { Sample } from '../../core/sample/types';

/** The part of the Web Storage API the history needs (sessionStorage in the browser). */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** How a write is named for undo. Writes with the same `group` in a row are one undo step. */
export interface SampleEdit {
  label: string;
  group?: string;
}

interface HistoryEntry {
  /** The sample as it was before the edit (for undo) or after it (for redo). */
  sample: Sample;
  label: string;
  group?: string;
}

interface Stacks {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

export interface HistoryStatus {
  /** Label of the edit Ctrl+Z would take back, if any. */
  undo?: string;
  redo?: string;
}

export interface SampleHistory {
  /** Call before replacing `before` with its edited version. */
  record(before: Sample, edit: SampleEdit): void;
  /** The sample to show after undoing the last edit of `current`, or undefined if none is left. */
  undo(current: Sample): Sample | undefined;
  redo(current: Sample): Sample | undefined;
  status(sampleId: string): HistoryStatus;
}

export const HISTORY_LIMIT = 40;
const KEY_PREFIX = 'hint-studio:history:';

export function createSampleHistory(options: { storage?: HistoryStorage | null; limit?: number } = {}): SampleHistory {
  // Given by the composition root (sessionStorage in the browser); without it, memory only.
  const storage = options.storage ?? null;
  const limit = options.limit ?? HISTORY_LIMIT;
  const stacksById = new Map<string, Stacks>();

  function stacksOf(sampleId: string): Stacks {
    let stacks = stacksById.get(sampleId);
    if (!stacks) {
      stacks = { undo: [], redo: [] };
      try {
        const saved = storage?.getItem(KEY_PREFIX + sampleId);
        if (saved) stacks = JSON.parse(saved) as Stacks;
      } catch {
        // A damaged entry only costs the undo history of this sample.
      }
      stacksById.set(sampleId, stacks);
    }
    return stacks;
  }

  /** Writes the stacks; on a full storage it drops the oldest entries until they fit (or none are left). */
  function persist(sampleId: string): void {
    if (!storage) return;
    const stacks = stacksOf(sampleId);
    for (;;) {
      try {
        storage.setItem(KEY_PREFIX + sampleId, JSON.stringify(stacks));
        return;
      } catch {
        if (stacks.undo.length === 0 && stacks.redo.length === 0) return;
        if (stacks.undo.length >= stacks.redo.length) stacks.undo.shift();
        else stacks.redo.shift();
      }
    }
  }

  /** Undo and redo are one move: take the snapshot from one stack, park the current sample on the other. */
  function travel(current: Sample, from: keyof Stacks, to: keyof Stacks): Sample | undefined {
    const stacks = stacksOf(current.id);
    const entry = stacks[from].pop();
    if (!entry) return undefined;
    stacks[to].push({ sample: current, label: entry.label });
    persist(current.id);
    return entry.sample;
  }

  return {
    record(before, edit) {
      const stacks = stacksOf(before.id);
      const top = stacks.undo.at(-1);
      const hadRedo = stacks.redo.length > 0;
      stacks.redo = [];
      if (edit.group !== undefined && top?.group === edit.group) {
        // Same run or stream: the snapshot from before its first write stays the undo point.
        if (hadRedo) persist(before.id);
        return;
      }
      stacks.undo.push({ sample: before, label: edit.label, group: edit.group });
      if (stacks.undo.length > limit) stacks.undo.splice(0, stacks.undo.length - limit);
      persist(before.id);
    },
    undo: (current) => travel(current, 'undo', 'redo'),
    redo: (current) => travel(current, 'redo', 'undo'),
    status(sampleId) {
      const stacks = stacksOf(sampleId);
      return { undo: stacks.undo.at(-1)?.label, redo: stacks.redo.at(-1)?.label };
    },
  };
}
