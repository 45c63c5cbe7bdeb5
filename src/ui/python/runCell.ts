/**
 * Running one cell of a sample from the UI: through the shared runtime, as the project's
 * execution profile runs it (cort: CoRT's program of a call right after this cell, rebuilt
 * from the text above it; notebook: the cell in the sample's namespace), with the per-call
 * time limit from the settings; the result goes into the trace as the cell's output block
 * (origin: interpreter, meta.profile) and into the session for the status chip.
 */
import { DEFAULT_CELL_TIMEOUT_MS, type RunResult } from '../../core/exec/types';
import type { Studio, StudioState } from '../../store';
import type { SettingsSlice } from '../../store/settings';
import { cellRunCode, execModeOf, recordCellRun } from '../../core/exec';
import { sampleProfile } from '../../store/settings';
import { cellKey, setCellResult } from './cellSession';
import { pythonRuntime } from './runtime';

/** The per-call limit the user set (Settings → sampling), else CoRT's 30 s. */
export function cellTimeoutMs(state: StudioState): number {
  const limit = (state as StudioState & Partial<SettingsSlice>).settings?.sampling?.callTimeoutMs;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_CELL_TIMEOUT_MS;
}

/** Runs `code` as cell `segmentId` of the sample and records the result; never throws. */
export async function runCell(studio: Studio, sampleId: string, segmentId: string, code: string): Promise<RunResult> {
  const key = cellKey(sampleId, segmentId);
  const state = studio.store.getState();
  const sample = state.samples[sampleId];
  const profile = sampleProfile((state as StudioState & Partial<SettingsSlice>).settings, sample ?? { prompt: '' });
  const planned = sample ? cellRunCode(sample.trace, segmentId, code, profile) : { code };
  if ('notRun' in planned) {
    // CoRT would not run this block (```py, ```python3...): say so, write nothing.
    const result: RunResult = { status: 'error', output: '', full: '', durationMs: 0, message: `Not run: ${planned.notRun}` };
    setCellResult(key, result);
    return result;
  }
  let result: RunResult;
  try {
    result = await pythonRuntime.run(sampleId, planned.code, key, { timeoutMs: cellTimeoutMs(state), mode: execModeOf(profile.profile) });
  } catch (error) {
    // Python did not start: say so on the cell, leave the trace alone.
    const message = error instanceof Error ? error.message : String(error);
    result = { status: 'crashed', output: '', full: '', durationMs: 0, message };
    setCellResult(key, result);
    return result;
  }
  // A package missing here (numpy offline) gives a message, not an output CoRT would write.
  if (result.status !== 'unavailable') {
    studio.actions.updateSampleTrace.perform(sampleId, (trace) => recordCellRun(trace, segmentId, code, result, profile.profile), 'Run code');
  }
  setCellResult(key, result);
  return result;
}
