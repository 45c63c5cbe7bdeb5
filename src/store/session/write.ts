/**
 * The one path every sample change takes. A command declares what its writes are (its
 * `capture`): the undo step's label and the kind of change the sample's history records.
 * Each call of a command gets a Call whose writer applies that declaration — all writes of
 * one call are one undo step (a streamed continuation too) — then schedules the save.
 */
import type { Sample } from '../../core/sample/types';
import type { Call, CallSource, Capture, CommandSpec } from '../commands/types';
import type { StudioContext } from '../context';
import { describeChange, withChange } from '../review/reviewHistory';
import { authorName, type CuratedSample } from '../review/state';

let calls = 0;

export function createCallFactory(ctx: StudioContext) {
  function writeSample(sampleId: string, change: (sample: Sample) => Sample, capture: Capture, group: string, label?: string): boolean {
    const current = ctx.get().samples[sampleId];
    if (!current) return false;
    const at = ctx.clock.now();
    let next: Sample = { ...change(current), id: current.id, updatedAt: at };
    const patch: Partial<ReturnType<typeof ctx.get>> = {};
    if (capture !== 'none') {
      const undoLabel = label ?? capture.undo;
      ctx.history.record(current, { label: undoLabel, group });
      const event = capture.event && describeChange(capture.event, current, next);
      if (event) next = withChange(next as CuratedSample, event, authorName(ctx.get()), at);
      patch.lastEdit = { sampleId, label: undoLabel, at };
      patch.historyVersion = ctx.get().historyVersion + 1;
    }
    ctx.set({ ...patch, samples: { ...ctx.get().samples, [sampleId]: next } });
    // A review move is saved at once and on its own (saveQueue.markMove); text edits coalesce.
    if ((next as CuratedSample).status !== (current as CuratedSample).status) void ctx.saves.markMove(sampleId);
    else ctx.saves.markSample(sampleId);
    return true;
  }

  return (spec: Pick<CommandSpec, 'capture'>, source: CallSource): Call => {
    const id = `call-${++calls}`;
    return { source, id, write: (sampleId, change, options) => writeSample(sampleId, change, spec.capture, id, options?.label) };
  };
}
