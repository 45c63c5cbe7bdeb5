/**
 * Python in the studio's state: each sample interpreter's status (from the runtime manager),
 * the last result of every cell run this session, and Run all's comparisons and decisions.
 */
import type { BlockCheck } from '../../core/exec';
import type { RunResult } from '../../core/exec/types';
import type { RuntimeStatus } from '../../core/exec/runtime';

export interface ReproducedBlock extends BlockCheck {
  /** The cell's body when Run all started (what an accepted output records as its code). */
  cellCode?: string;
  result: RunResult;
  /** Not run because Run all was stopped before it (or not runnable: a block the harness never runs). */
  skipped: boolean;
}

/** The key decisions are kept under: the output when there is one, else the code block. */
export const blockKey = (b: BlockCheck): string => b.outputSegmentId ?? b.codeSegmentId ?? `#${b.block}`;

export type BlockDecision = 'accepted' | 'kept';

export interface RunAllState {
  phase: 'running' | 'done' | 'stopped';
  /** Executable code blocks in the trace when Run all started. */
  total: number;
  /** How many have run so far. */
  ran: number;
  blocks: ReproducedBlock[];
  decisions: Record<string, BlockDecision>;
}

export interface PythonState {
  /** Each sample interpreter's status, by sample id. */
  kernels: Record<string, RuntimeStatus>;
  /** The interpreter booted ahead for the next sample opened. */
  spare: RuntimeStatus | null;
  /** The last result of each cell run this session, by cell key (`sampleId:segmentId`). */
  results: Record<string, RunResult>;
  /** Run all, per sample. */
  runAll: Record<string, RunAllState>;
  /** The view puts the caret in this cell's editor (Enter on a code step); `token` changes per request. */
  editRequest: { key: string; token: number } | null;
}

export interface PythonSlice {
  python: PythonState;
}

export function initialPythonSlice(): PythonSlice {
  return { python: { kernels: {}, spare: null, results: {}, runAll: {}, editRequest: null } };
}

/** The key of a cell everywhere (results, status labels, edit requests). */
export function cellKey(sampleId: string, segmentId: string): string {
  return `${sampleId}:${segmentId}`;
}

/** Blocks whose recorded output differs from the reproduced one and still await a decision. */
export function openDifferences(state: RunAllState): ReproducedBlock[] {
  return state.blocks.filter((b) => !b.skipped && b.matches === false && !state.decisions[blockKey(b)]);
}
