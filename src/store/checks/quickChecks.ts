/**
 * The quick checks of one sample as a message: what they need from the page (the sample, its two
 * counted texts' counts, the project's execution settings) as plain data, so they run the same in
 * a worker (quickChecksWorker.ts, composed by main.tsx as `deps.quickChecksOffThread`) and on
 * this thread. Either way the one implementation is core's `runChecks`: a long trace's structure
 * checks take tens of ms, which held the page while the library checked the rows on screen.
 */
import { runChecks, type SampleChecks, type TokenCount } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { countedTexts } from '../library/facts';
import { projectExecution } from '../settings/execution';
import { projectProfiles } from '../settings/profiles';
import type { StudioSettings } from '../settings/state';
import type { QuickCheckRequest, QuickChecksOffThread } from './quickCheckRequest';

export type { QuickCheckRequest, QuickChecksOffThread };

/** The request for a sample's quick checks: its texts counted by `tokenCounter` here (a lookup, for the library's precounted texts). */
export function quickCheckRequest(sample: Sample, settings: StudioSettings | undefined, tokenCounter?: TokenCount | null): QuickCheckRequest {
  const { semantics, template } = projectExecution(settings);
  const counts = tokenCounter ? { trace: tokenCounter.count(renderTrace(sample.trace)), original: tokenCounter.count(sample.original) } : undefined;
  const customProfiles = Array.isArray(settings?.customProfiles) ? settings.customProfiles : undefined;
  // The checks read neither the imported record nor the branches (whole traces each): not copied to the worker.
  const checked: Sample = { ...sample, record: {}, branches: [] };
  return { sample: checked, semantics, ...(template ? { template } : {}), ...(counts ? { counts } : {}), ...(customProfiles ? { customProfiles } : {}) };
}

/** The quick checks a request asks for (no interpreter: SymPy-only answers stay 'pending'). */
export function quickChecks(request: QuickCheckRequest): Promise<SampleChecks> {
  const { sample, counts, semantics, template, customProfiles } = request;
  const tokenCounter = counts ? countedTexts([renderTrace(sample.trace), sample.original], [counts.trace, counts.original]) : undefined;
  return runChecks(sample, { tokenCounter, semantics, ...(template ? { template } : {}), profiles: projectProfiles({ customProfiles }) });
}
