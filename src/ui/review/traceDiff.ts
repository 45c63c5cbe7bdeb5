/**
 * A base text (the imported trace, or the text last approved) against the current trace, for
 * the diff view: word-level where the texts allow it in time, line-level otherwise, with hint
 * text and cut points marked.
 */
import { diffLines, diffWords, type ChangeObject } from 'diff';
import type { Sample } from '../../core/sample/types';
import { renderTrace, segmentOffsets } from '../../core/trace';
import type { HintType } from '../../core/trace/types';

export type DiffPiece =
  | { kind: 'same' | 'added'; text: string; hint?: HintType }
  | { kind: 'removed'; text: string }
  | { kind: 'cut'; label: string; chars: number };

export interface TraceDiff {
  pieces: DiffPiece[];
  granularity: 'word' | 'line';
  addedChars: number;
  removedChars: number;
}

/** Beyond this the word diff gives up and the line diff takes over (long traces, many edits). */
const WORD_DIFF_TIMEOUT_MS = 300;

/** Longest common run (ignoring whitespace) that is folded into the changes around it. */
const NOISE_CHARS = 3;

/**
 * Semantic cleanup: a word diff of a rewritten passage matches stray short words ("the", ",")
 * and shreds the passage into alternating pieces. Fold such tiny common runs between two
 * changes into the change, so a replaced passage reads as one removal and one addition.
 */
export function foldNoise(changes: ChangeObject<string>[]): ChangeObject<string>[] {
  const out: ChangeObject<string>[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ value: removed, removed: true, added: false, count: 0 });
    if (added) out.push({ value: added, added: true, removed: false, count: 0 });
    removed = added = '';
  };
  changes.forEach((c, i) => {
    const noise = !c.added && !c.removed && i > 0 && i < changes.length - 1 && c.value.trim().length <= NOISE_CHARS;
    if (c.removed || noise) removed += c.value;
    if (c.added || noise) added += c.value;
    if (!c.added && !c.removed && !noise) {
      flush();
      out.push(c);
    }
  });
  flush();
  return out;
}

export interface DiffBaseText {
  text: string;
  /** Only cuts made after this time (ISO) are marked: earlier ones are part of the base already. */
  since?: string;
}

export function traceDiff(sample: Pick<Sample, 'original' | 'trace' | 'branches'>, base: DiffBaseText = { text: sample.original }): TraceDiff {
  const now = renderTrace(sample.trace);
  const words = diffWords(base.text, now, { timeout: WORD_DIFF_TIMEOUT_MS });
  const changes = foldNoise(words ?? diffLines(base.text, now));

  const offsets = segmentOffsets(sample.trace);
  const hints = sample.trace.segments
    .map((s, i) => ({ start: offsets[i], end: offsets[i + 1], type: s.hintType, isHint: s.origin === 'hint' }))
    .filter((r) => r.isHint && r.end > r.start);
  const cuts = sample.branches.filter((b) => b.reason === 'cut' && (!base.since || b.createdAt > base.since)).map((b) => ({ at: Math.min(b.at, now.length), label: b.label ?? 'cut', chars: b.segments.reduce((n, s) => n + s.text.length, 0) }));
  const boundaries = [...new Set([...hints.flatMap((h) => [h.start, h.end]), ...cuts.map((c) => c.at)])].sort((a, b) => a - b);
  const hintAt = (pos: number) => hints.find((h) => h.start <= pos && pos < h.end)?.type;

  const pieces: DiffPiece[] = [];
  const emitted = new Set<number>();
  const cutsAt = (pos: number) => {
    cuts.forEach((c, i) => {
      if (c.at === pos && !emitted.has(i)) {
        emitted.add(i);
        pieces.push({ kind: 'cut', label: c.label, chars: c.chars });
      }
    });
  };
  let pos = 0;
  let addedChars = 0;
  let removedChars = 0;
  for (const change of changes) {
    if (change.removed) {
      cutsAt(pos);
      pieces.push({ kind: 'removed', text: change.value });
      removedChars += change.value.length;
      continue;
    }
    // Split at hint edges and cut points so each piece is wholly inside or outside a hint.
    let from = 0;
    const end = pos + change.value.length;
    for (const b of [...boundaries.filter((b) => b > pos && b < end), end]) {
      cutsAt(pos + from);
      const text = change.value.slice(from, b - pos);
      const hint = hintAt(pos + from);
      // Hint text is new even where the word diff matched a space or a common word inside it.
      const kind = change.added || hint ? 'added' : 'same';
      if (kind === 'added') addedChars += text.length;
      const last = pieces.at(-1);
      if (last && last.kind === kind && last.hint === hint) last.text += text;
      else if (text) pieces.push({ kind, text, hint });
      from = b - pos;
    }
    pos = end;
  }
  cutsAt(pos);
  return { pieces, granularity: words ? 'word' : 'line', addedChars, removedChars };
}
