/** What the conflict dialog shows: the two traces side by side, and what differs besides the text. */
import { diffLines, diffWordsWithSpace } from 'diff';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { foldNoise } from '../review/traceDiff';

export interface Piece {
  kind: 'same' | 'only';
  text: string;
}

export interface ConflictComparison {
  /** Their trace, exactly: common text and what only they have. */
  theirs: Piece[];
  /** My trace, exactly: common text and what only I have. */
  mine: Piece[];
  onlyTheirsChars: number;
  onlyMineChars: number;
  /** Fields other than the trace that differ (status, labels, branches...). */
  otherFields: string[];
  granularity: 'word' | 'line';
}

/** Fields every save changes, or the trace itself (compared as text). */
const IGNORED = new Set(['trace', 'updatedAt', 'id']);
/** Field names as a person reads them. */
const FIELD_LABELS: Record<string, string> = { history: 'review history', stepLabels: 'step labels', status: 'review status', gtAnswer: 'ground truth', review: 'review' };

/** Beyond this the word diff gives up and the line diff takes over (as in the review diff). */
const WORD_DIFF_TIMEOUT_MS = 300;

export function compareVersions(mine: Sample, theirs: Sample): ConflictComparison {
  const theirText = renderTrace(theirs.trace);
  const myText = renderTrace(mine.trace);
  // With spaces as tokens, so each side's pieces put together give back its text exactly.
  const words = diffWordsWithSpace(theirText, myText, { timeout: WORD_DIFF_TIMEOUT_MS });
  const changes = foldNoise(words ?? diffLines(theirText, myText));
  const side = (only: 'added' | 'removed'): Piece[] =>
    changes.filter((c) => !c[only === 'added' ? 'removed' : 'added']).map((c) => ({ kind: c.added || c.removed ? 'only' : 'same', text: c.value }));
  const count = (pieces: Piece[]) => pieces.reduce((n, p) => n + (p.kind === 'only' ? p.text.length : 0), 0);
  const theirsPieces = side('removed');
  const minePieces = side('added');
  const keys = new Set([...Object.keys(mine), ...Object.keys(theirs)]);
  const field = (s: Sample, k: string) => JSON.stringify((s as unknown as Record<string, unknown>)[k]);
  return {
    theirs: theirsPieces,
    mine: minePieces,
    onlyTheirsChars: count(theirsPieces),
    onlyMineChars: count(minePieces),
    otherFields: [...keys].filter((k) => !IGNORED.has(k) && field(mine, k) !== field(theirs, k)).map((k) => FIELD_LABELS[k] ?? k),
    granularity: words ? 'word' : 'line',
  };
}
