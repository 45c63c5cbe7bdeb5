/**
 * Where CoRT's replay will bite, before the model continues: every block of the text is an
 * earlier block of the next call, so each one CoRT will not replay (or replays without some
 * lines) is reported with the reason and the names later blocks read that only it defines.
 */
import { renderTrace, segmentOffsets } from '../../trace';
import type { Trace } from '../../trace/types';
import { cortBlocks } from './blocks';
import { blockNames, type BlockNames } from './names';
import { replayDecision, type DropReason, type ReplayDecision } from './program';

export interface ReplayEntry {
  /** Offset of the block's opening fence in the scanned text. */
  start: number;
  replayed: boolean;
  reason?: DropReason;
  /** Names later blocks read that only this block defines (sorted). */
  missing?: string[];
}

function missingNames(i: number, mine: Set<string>, names: BlockNames[], decisions: ReplayDecision[]): string[] {
  const lost = new Set<string>();
  for (let j = i + 1; j < names.length; j++) {
    const others = new Set<string>();
    for (let k = 0; k < j; k++) if (k !== i && decisions[k]!.replayed) names[k]!.bound.forEach((n) => others.add(n));
    for (const n of mine) if (names[j]!.reads.has(n) && !names[j]!.bound.has(n) && !others.has(n)) lost.add(n);
  }
  return [...lost].sort();
}

/** Every block of `text` as an earlier block of the next call: replayed or not, why, and what it takes away. */
export function replayReport(text: string): ReplayEntry[] {
  const blocks = cortBlocks(text);
  const decisions = blocks.map(replayDecision);
  const names = blocks.map((b) => blockNames(b.code));
  return blocks.map((block, i) => {
    const d = decisions[i]!;
    if (d.replayed) return { start: block.start, replayed: true };
    return { start: block.start, replayed: false, reason: d.reason, missing: missingNames(i, names[i]!.bound, names, decisions) };
  });
}

export interface ReplayMarker {
  codeSegmentId: string;
  /** Why CoRT will not replay the block, or 'lost-lines' when it replays it without some lines. */
  reason: DropReason | 'lost-lines';
  /** One line for the annotator. */
  detail: string;
  /** Names later cells read that only this block defines: they will raise NameError there. */
  missing: string[];
}

function detailOf(decision: ReplayDecision, lostLines: number[]): string {
  if (decision.replayed) {
    const which = lostLines.length === 1 ? `line ${lostLines[0]}` : `lines ${lostLines.join(', ')}`;
    return `CoRT replays this cell without ${which}: ${lostLines.length === 1 ? 'it starts' : 'they start'} with "print"`;
  }
  switch (decision.reason) {
    case 'print-remains': {
      const lines = decision.printLines ?? [];
      const where = lines.length ? ` (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})` : '';
      return `CoRT will not replay this cell: "print" remains after it removes top-level prints${where}`;
    }
    case 'error-output':
      return `CoRT will not replay this cell: its output contains "${decision.word}"`;
    case 'contains-fence':
      return 'CoRT will not replay this cell: its code contains ```python';
  }
}

/** Markers for the trace's code segments whose replay at later calls loses something. */
export function replayMarkers(context: string, trace: Trace): ReplayMarker[] {
  const text = renderTrace(trace);
  const offsets = segmentOffsets(trace);
  const blocks = cortBlocks(context + text);
  const decisions = blocks.map(replayDecision);
  const names = blocks.map((b) => blockNames(b.code));
  const markers: ReplayMarker[] = [];
  blocks.forEach((block, i) => {
    const at = offsets.indexOf(block.start - context.length);
    const seg = at >= 0 ? trace.segments[at] : undefined;
    if (!seg || seg.kind !== 'code') return;
    const d = decisions[i]!;
    if (!d.replayed) {
      markers.push({ codeSegmentId: seg.id, reason: d.reason, detail: detailOf(d, []), missing: missingNames(i, names[i]!.bound, names, decisions) });
    } else if (d.lostLines.length) {
      const lines = block.code.split('\n');
      const lostBound = blockNames(d.lostLines.map((n) => lines[n - 1]!).join('\n')).bound;
      markers.push({ codeSegmentId: seg.id, reason: 'lost-lines', detail: detailOf(d, d.lostLines), missing: missingNames(i, lostBound, names, decisions) });
    }
  });
  return markers;
}
