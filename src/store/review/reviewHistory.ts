/**
 * The sample's history of trace changes: every command declares the kind of change its
 * writes are (hint, cut, continuation, run, edit — its `capture.event`), and the sample writer
 * (session/write.ts) appends one event for it, described here. Commands that log their own
 * event (review decisions), and undo/redo, declare none. A burst of the same change (a
 * streaming continuation writes per chunk) becomes one event, refreshed as it grows.
 */
import { historyEvent, type HistoryEvent, type HistoryEventType } from '../../core/review';
import type { Sample } from '../../core/sample/types';
import type { Segment } from '../../core/trace/types';
import type { CuratedSample } from './state';

/** Writes of the same kind closer together than this are one event. */
const COALESCE_MS = 60_000;

export interface TraceChange {
  type: HistoryEventType;
  detail: string;
  segmentIds: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The event a write of `type` (declared by the command that wrote it) records: what changed,
 * in words, and which segments. Null when the trace and the branches are untouched.
 */
export function describeChange(type: HistoryEventType, prev: Sample, next: Sample): TraceChange | null {
  if (prev.trace === next.trace && prev.branches === next.branches) return null;
  const before = new Map(prev.trace.segments.map((s) => [s.id, s]));
  const added = next.trace.segments.filter((s) => before.get(s.id)?.text !== s.text);
  const ids = (segs: Segment[]) => segs.map((s) => s.id);
  const oldBranches = new Set(prev.branches.map((b) => b.id));
  const newBranches = next.branches.filter((b) => !oldBranches.has(b.id));
  const cuts = newBranches.filter((b) => b.reason === 'cut');
  switch (type) {
    case 'hint': {
      const hints = added.filter((s) => s.origin === 'hint');
      const names = [...new Set(hints.map((s) => s.hintType ?? 'hint'))].join(', ') || 'hint';
      const cut = cuts.length ? `; ${plural(cuts.reduce((n, b) => n + b.segments.length, 0), 'segment')} cut to a branch` : '';
      return { type, detail: `${names} inserted${cut}`, segmentIds: ids(hints) };
    }
    case 'cut':
      return { type, detail: cuts.length ? `trace cut at offset ${cuts[0].at}` : 'trace cut', segmentIds: [] };
    case 'continuation': {
      const model = added.filter((s) => s.origin === 'model');
      const alternatives = newBranches.filter((b) => b.reason === 'continuation').length;
      return {
        type,
        detail: model.length ? `model continued the trace${alternatives ? ` (+${plural(alternatives, 'alternative')})` : ''}` : `${plural(alternatives, 'alternative continuation')} kept as branches`,
        segmentIds: ids(model),
      };
    }
    case 'run': {
      const outputs = added.filter((s) => s.kind === 'output' && s.origin === 'interpreter');
      return { type, detail: `${plural(outputs.length, 'output')} written by the interpreter`, segmentIds: ids(outputs) };
    }
    default: {
      if (next.branches.length < prev.branches.length) return { type, detail: 'a branch was restored into the trace', segmentIds: ids(added) };
      const removed = prev.trace.segments.length - next.trace.segments.filter((s) => before.has(s.id)).length;
      return { type, detail: added.length ? `edited ${plural(added.length, 'segment')}` : `removed ${plural(removed, 'segment')}`, segmentIds: ids(added) };
    }
  }
}

/** Appends `change` to the history, or refreshes the last event when it is the same burst. */
export function withChange(sample: CuratedSample, change: TraceChange, by: string, at: string): CuratedSample {
  const history = sample.history ?? [];
  const last = history.at(-1);
  const sameBurst = last && last.type === change.type && last.by === by && Date.parse(at) - Date.parse(last.at) < COALESCE_MS && change.type !== 'hint';
  const event: HistoryEvent = historyEvent(change.type, by, at, change.detail, change.segmentIds);
  if (sameBurst) {
    const segmentIds = [...new Set([...(last.segmentIds ?? []), ...change.segmentIds])];
    const detail = change.type === 'edit' && segmentIds.length ? `edited ${plural(segmentIds.length, 'segment')}` : change.detail;
    return { ...sample, history: [...history.slice(0, -1), { ...event, detail, ...(segmentIds.length ? { segmentIds } : {}) }] };
  }
  return { ...sample, history: [...history, event] };
}
