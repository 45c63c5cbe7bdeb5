/**
 * Preference pairs from Hint-Engineering itself (TRL's standard preference form with an
 * explicit prompt, dataset_formats.md "Preference"): where a hint cut the trace, `chosen` is
 * the trace from the cut as annotated (hint and continuation), `rejected` the original
 * continuation kept as the 'cut' branch; `prompt` is the templated prompt plus the shared
 * prefix before the cut.
 *
 * A cut branch gives a pair only while the hint it was made for still starts at its offset: a
 * later cut before it, or an edit before it, moved the text it belongs to (the pair is then
 * skipped and the manifest says so). TRL's DPO has no per-token mask, so interpreter output
 * inside chosen/rejected counts in the log-probabilities: the manifest says how many pairs
 * have some, and dpo.meta.jsonl (line for line) gives its code-point spans.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import type { Branch } from '../../sample/types';
import type { Segment } from '../../trace/types';
import { renderTrace, segmentOffsets } from '../../trace';
import { jsonlBytes } from '../canonical-json';
import { CodePointIndex } from '../offsets';
import { interpreterRanges } from '../../profiles/parse';
import { assertTrainingRecord } from './validate';
import { heldBackEntry } from '../gate';

interface DpoPair {
  record: { prompt: string; chosen: string; rejected: string };
  meta: { sample_id: string; branch_id: string; chosen_output_spans: number[][]; rejected_output_spans: number[][] };
}

function spansIn(text: string, segments: Segment[], p: PreparedSample): number[][] {
  const index = new CodePointIndex(text);
  return interpreterRanges({ segments }, p.profile).map(([s, e]) => [index.toCodePoint(s), index.toCodePoint(e)]);
}

/** The pair of one cut branch, or why there is none. */
function pairOf(p: PreparedSample, branch: Branch): DpoPair | string {
  const offsets = segmentOffsets(p.sample.trace);
  const i = offsets.indexOf(branch.at);
  const hint = i >= 0 ? p.sample.trace.segments[i] : undefined;
  if (!hint || hint.origin !== 'hint') return `branch ${branch.id}: no hint starts at its cut (offset ${branch.at}) any more`;
  const response = renderTrace(p.sample.trace);
  const chosenSegments = p.sample.trace.segments.slice(i);
  const chosen = response.slice(branch.at);
  const rejected = renderTrace({ segments: branch.segments });
  if (rejected === '') return `branch ${branch.id}: the cut branch is empty`;
  return {
    record: { prompt: p.templatedPrompt + response.slice(0, branch.at), chosen, rejected },
    meta: {
      sample_id: p.sample.id,
      branch_id: branch.id,
      chosen_output_spans: spansIn(chosen, chosenSegments, p),
      rejected_output_spans: spansIn(rejected, branch.segments, p),
    },
  };
}

export function dpoFiles(samples: readonly PreparedSample[]): FormatOutput {
  const pairs: DpoPair[] = [];
  const heldBack = [];
  const warnings: string[] = [];
  for (const p of samples) {
    const cuts = p.sample.branches.filter((b) => b.reason === 'cut');
    const made: DpoPair[] = [];
    const skipped: string[] = [];
    for (const branch of cuts) {
      const pair = pairOf(p, branch);
      if (typeof pair === 'string') skipped.push(pair);
      else made.push(pair);
    }
    if (made.length === 0) {
      heldBack.push(heldBackEntry(p.sample, 'format', [cuts.length ? `no preference pair: ${skipped.join('; ')}` : 'no hint cut: a preference pair needs the original continuation kept as a cut branch']));
      continue;
    }
    if (skipped.length) warnings.push(`sample ${p.sample.id}: skipped ${skipped.join('; ')}`);
    for (const pair of made) assertTrainingRecord('trlDpo', pair.record, p.sample.id);
    pairs.push(...made);
  }
  const withOutputs = pairs.filter((x) => x.meta.chosen_output_spans.length + x.meta.rejected_output_spans.length > 0).length;
  if (withOutputs > 0) {
    warnings.push(
      `${withOutputs} of ${pairs.length} pair(s) have interpreter output inside chosen or rejected; TRL's DPO has no per-token mask, ` +
        'so it counts in the log-probabilities. Code-point spans per pair are in dpo.meta.jsonl.',
    );
  }
  return {
    files: [
      { name: 'dpo.jsonl', bytes: jsonlBytes(pairs.map((x) => x.record)), mediaType: 'application/jsonl' },
      { name: 'dpo.meta.jsonl', bytes: jsonlBytes(pairs.map((x) => x.meta)), mediaType: 'application/jsonl' },
    ],
    heldBack,
    warnings,
  };
}
