/**
 * Resolving a conflict: open it, keep mine, keep theirs, keep both as branches, or merge by
 * hand. Each choice is one undo step whose undo brings back the version it set aside.
 */
import { renderTrace } from '../../core/trace';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import type { StudioState } from '../state';
import { keepBoth, mergedByHand } from './resolve';
import type { ConflictEntry, SyncSlice } from './state';
import type { VersionTracker } from './versioned';

const conflictInView = (s: StudioState) => (s.sync.conflictOpen && s.sync.conflicts[s.sync.conflictOpen] ? s.sync.conflictOpen : null);
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export function syncCommands(ctx: StudioContext, tracker: VersionTracker) {
  const { get } = ctx;
  const setSync = (patch: Partial<SyncSlice>) => ctx.set({ sync: { ...get().sync, ...patch } });

  /** Rebase the open conflict's sample on their version, then write the chosen result. */
  function resolve(choose: (id: string, entry: ConflictEntry) => void): void {
    const id = conflictInView(get());
    const entry = id ? get().sync.conflicts[id] : undefined;
    if (!id || !entry) return;
    tracker.rebase(id, entry.theirVersion);
    choose(id, entry);
  }

  return {
    showConflict: defineCommand({
      id: 'showConflict',
      label: 'Compare the two versions of a sample',
      group: 'Sample',
      scope: 'global',
      takesArgs: true,
      palette: (s) =>
        Object.keys(s.sync.conflicts).map((id) => ({
          key: `showConflict:${id}`,
          label: `Resolve the conflict on “${excerpt(s.samples[id]?.problem ?? id)}”`,
          args: [id] as [string],
        })),
      capture: 'none',
      perform: (_call, sampleId: string) => {
        if (get().sync.conflicts[sampleId]) setSync({ conflictOpen: sampleId, mergeDraft: null });
      },
    }),
    dismissRefusal: defineCommand({
      id: 'dismissRefusal',
      label: 'Dismiss the server\'s refusal',
      group: 'Sample',
      scope: 'global',
      when: (s) => !!s.sync.server?.refusal,
      capture: 'none',
      perform: () => {
        const server = get().sync.server;
        if (server) setSync({ server: { ...server, refusal: null } });
      },
    }),
    dismissUnavailable: defineCommand({
      id: 'dismissUnavailable',
      label: 'Dismiss the notice of samples not available offline',
      group: 'Sample',
      scope: 'global',
      when: (s) => s.sync.unavailable !== null,
      capture: 'none',
      perform: () => setSync({ unavailable: null }),
    }),
    closeConflict: defineCommand({
      id: 'closeConflict',
      label: 'Decide later',
      group: 'Sample',
      scope: 'dialog:conflict',
      // Escape is the studio's closeDialog, which does the same.
      palette: false,
      capture: 'none',
      perform: () => setSync({ conflictOpen: null, mergeDraft: null }),
    }),
    keepMyVersion: defineCommand({
      id: 'keepMyVersion',
      label: 'Keep my version',
      group: 'Sample',
      scope: 'dialog:conflict',
      capture: { undo: 'Keep my version' },
      perform: (call) =>
        resolve((id, entry) => {
          const mine = get().samples[id]!;
          // Theirs goes in first, unrecorded, so undoing this choice brings their version back.
          ctx.set({ samples: { ...get().samples, [id]: entry.theirs } });
          call.write(id, () => mine);
        }),
    }),
    keepTheirVersion: defineCommand({
      id: 'keepTheirVersion',
      label: 'Keep their version',
      group: 'Sample',
      scope: 'dialog:conflict',
      capture: { undo: 'Keep their version' },
      perform: (call) => resolve((id, entry) => call.write(id, () => entry.theirs)),
    }),
    keepBothVersions: defineCommand({
      id: 'keepBothVersions',
      label: 'Keep both (theirs as a branch)',
      group: 'Sample',
      scope: 'dialog:conflict',
      capture: { undo: 'Keep both versions', event: 'edit' },
      perform: (call) =>
        resolve((id, entry) => call.write(id, (mine) => keepBoth(mine, entry.theirs, ctx.clock.now(), `Version of ${entry.theirAuthor} (v${entry.theirVersion})`))),
    }),
    startConflictMerge: defineCommand({
      id: 'startConflictMerge',
      label: 'Merge by hand',
      group: 'Sample',
      scope: 'dialog:conflict',
      when: (s) => s.sync.mergeDraft === null,
      capture: 'none',
      perform: () => {
        const id = conflictInView(get());
        if (id) setSync({ mergeDraft: renderTrace(get().samples[id]!.trace) });
      },
    }),
    editConflictMerge: defineCommand({
      id: 'editConflictMerge',
      label: 'Edit the merged text',
      group: 'Sample',
      scope: 'dialog:conflict',
      takesArgs: true,
      palette: false,
      capture: 'none',
      perform: (_call, text: string) => setSync({ mergeDraft: text }),
    }),
    cancelConflictMerge: defineCommand({
      id: 'cancelConflictMerge',
      label: 'Back to the comparison',
      group: 'Sample',
      scope: 'dialog:conflict',
      when: (s) => s.sync.mergeDraft !== null,
      capture: 'none',
      perform: () => setSync({ mergeDraft: null }),
    }),
    finishConflictMerge: defineCommand({
      id: 'finishConflictMerge',
      label: 'Save the merged text',
      group: 'Sample',
      scope: 'dialog:conflict',
      when: (s) => s.sync.mergeDraft !== null,
      capture: { undo: 'Merge two versions', event: 'edit' },
      perform: (call) => {
        const text = get().sync.mergeDraft;
        if (text !== null) resolve((id, entry) => call.write(id, (mine) => mergedByHand(mine, entry.theirs, text)));
      },
    }),
  };
}
