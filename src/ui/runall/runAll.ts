/**
 * Run all: the verification view. Re-runs a sample's code as the project's execution profile
 * runs it (through core's `verifyTrace`: a fresh namespace for notebook, CoRT's program per
 * call for cort) and keeps, per block, what the interpreter reproduced next to what the trace
 * recorded. Recorded outputs are never overwritten here: the user accepts a reproduced
 * output, or keeps the recorded one, block by block.
 */
import { create } from 'zustand';
import { execModeOf, verifyTrace, type BlockCheck } from '../../core/exec';
import type { RunResult } from '../../core/exec/types';
import { codeBody } from '../../core/trace';
import type { Studio } from '../../store';
import { sampleProfile } from '../../store/settings';
import { recordCellRun } from '../../core/exec';
import { cellKey, setCellResult } from '../python/cellSession';
import { cellTimeoutMs } from '../python/runCell';
import { pythonRuntime } from '../python/runtime';

export interface ReproducedBlock extends BlockCheck {
  /** The cell's body when Run all started (what an accepted output records as its code). */
  cellCode?: string;
  result: RunResult;
  /** Not run because Run all was stopped before it (or not runnable: a block CoRT never runs). */
  skipped: boolean;
}

/** The key decisions are kept under: the output when there is one, else the code block. */
export const blockKey = (b: BlockCheck) => b.outputSegmentId ?? b.codeSegmentId ?? `#${b.block}`;

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

export const useRunAllStore = create<{ bySample: Record<string, RunAllState> }>(() => ({ bySample: {} }));

function patch(sampleId: string, change: Partial<RunAllState>): void {
  useRunAllStore.setState((s) => {
    const current = s.bySample[sampleId];
    return current ? { bySample: { ...s.bySample, [sampleId]: { ...current, ...change } } } : s;
  });
}

export function useRunAll(sampleId: string): RunAllState | undefined {
  return useRunAllStore((s) => s.bySample[sampleId]);
}

/** Run all's check of the recorded output block `outputSegmentId`, if it has one. */
export function useOutputCheck(sampleId: string, outputSegmentId: string): { block: ReproducedBlock; decision?: BlockDecision } | undefined {
  const state = useRunAll(sampleId);
  const block = state?.blocks.find((b) => b.outputSegmentId === outputSegmentId && !b.skipped);
  return block && { block, decision: state!.decisions[blockKey(block)] };
}

const stopRequests = new Set<string>();

/** Re-runs the sample's cells from a fresh namespace and records what differs. */
export async function runAll(studio: Studio, sampleId: string): Promise<void> {
  const sample = studio.store.getState().samples[sampleId];
  if (!sample || useRunAllStore.getState().bySample[sampleId]?.phase === 'running') return;
  const trace = sample.trace;
  const state = studio.store.getState();
  const profile = sampleProfile(state.settings, sample);
  const mode = execModeOf(profile.profile);
  const total = trace.segments.filter((s) => s.kind === 'code' && s.closed).length;
  useRunAllStore.setState((s) => ({ bySample: { ...s.bySample, [sampleId]: { phase: 'running', total, ran: 0, blocks: [], decisions: {} } } }));
  stopRequests.delete(sampleId);
  // Results in run order, matched to the checks by the code that ran.
  const results: { code: string; result: RunResult; skipped: boolean }[] = [];
  try {
    if (mode === 'namespace') await pythonRuntime.restart(sampleId);
    const check = await verifyTrace(
      trace,
      async (code) => {
        if (stopRequests.has(sampleId)) {
          const notRun: RunResult = { status: 'interrupted', output: '', full: '', durationMs: 0 };
          results.push({ code, result: notRun, skipped: true });
          return notRun;
        }
        const result = await pythonRuntime.run(sampleId, code, `${sampleId}:run-all`, { timeoutMs: cellTimeoutMs(studio.store.getState()), mode });
        // An interrupted cell stops the whole run: later cells would run in a broken namespace.
        if (result.status === 'interrupted') stopRequests.add(sampleId);
        results.push({ code, result, skipped: false });
        patch(sampleId, { ran: results.length });
        return result;
      },
      profile,
    );
    let next = 0;
    const blocks: ReproducedBlock[] = check.blocks.map((b) => {
      const ran = b.status === 'not-run' || b.status === 'not-cort' ? undefined : results[next++];
      const cell = b.codeSegmentId ? trace.segments.find((s) => s.id === b.codeSegmentId) : undefined;
      if (b.codeSegmentId && ran && !ran.skipped) setCellResult(cellKey(sampleId, b.codeSegmentId), ran.result);
      return {
        ...b,
        ...(cell ? { cellCode: codeBody(cell) } : {}),
        result: ran?.result ?? { status: 'ok', output: '', full: '', durationMs: 0 },
        skipped: ran ? ran.skipped : true,
      };
    });
    const skipped = blocks.some((b) => b.skipped && b.status !== 'not-run' && b.status !== 'not-cort');
    patch(sampleId, { phase: skipped ? 'stopped' : 'done', blocks });
  } catch (error) {
    // Python could not start: nothing was verified.
    patch(sampleId, { phase: 'stopped', blocks: [] });
    throw error;
  } finally {
    stopRequests.delete(sampleId);
  }
}

/** Stops Run all after the cell running now (which is interrupted). */
export function stopRunAll(sampleId: string): void {
  stopRequests.add(sampleId);
  pythonRuntime.interrupt();
}

/** Replaces the recorded output with the reproduced one (a named trace edit). */
export function acceptReproduced(studio: Studio, sampleId: string, block: ReproducedBlock): void {
  const { codeSegmentId, cellCode } = block;
  if (!codeSegmentId || cellCode === undefined) return;
  const profile = sampleProfile(studio.store.getState().settings, studio.store.getState().samples[sampleId]!).profile;
  studio.actions.updateSampleTrace.perform(sampleId, (t) => recordCellRun(t, codeSegmentId, cellCode, block.result, profile), 'Accept reproduced output');
  decide(sampleId, blockKey(block), 'accepted');
}

/** Keeps the recorded output; the difference stops being flagged. */
export function keepRecorded(sampleId: string, block: ReproducedBlock): void {
  decide(sampleId, blockKey(block), 'kept');
}

function decide(sampleId: string, key: string, decision: BlockDecision): void {
  const state = useRunAllStore.getState().bySample[sampleId];
  if (state) patch(sampleId, { decisions: { ...state.decisions, [key]: decision } });
}

/** Blocks whose recorded output differs from the reproduced one and still await a decision. */
export function openDifferences(state: RunAllState): ReproducedBlock[] {
  return state.blocks.filter((b) => !b.skipped && b.matches === false && !state.decisions[blockKey(b)]);
}
