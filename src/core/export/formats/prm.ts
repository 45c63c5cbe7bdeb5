/**
 * Step labels as TRL's stepwise supervision (dataset_formats.md "Stepwise supervision",
 * PRMTrainer): {prompt, completions, labels}. Steps are the trace's steps (buildSteps); an
 * interpreter output and the answer boundary are not steps of their own — they join the step
 * before them, so a label judges the model's code together with what it printed.
 *
 * PRM800K-style: every step is labelled up to the first error (the first step rated -1), which
 * ends the record; a sample with an unlabelled step before that is held back. Labels map as
 * TRL's own PRM800K conversion maps ratings (examples/datasets/prm800k.py: label = rating == 1):
 * good → true, neutral and bad → false. PRMTrainer appends its step separator ("\n") after
 * each completion, so trailing whitespace of a step is dropped.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import type { StepLabel } from '../../sample/types';
import { buildSteps, type Step } from '../../trace';
import { jsonlFormat, type RecordResult } from './jsonl';

interface LabelUnit {
  stepId: string;
  index: number;
  text: string;
}

/** Steps with outputs and the boundary folded into the step before them. */
function labelUnits(steps: readonly Step[]): LabelUnit[] {
  const units: LabelUnit[] = [];
  let carry = '';
  for (const step of steps) {
    const folds = step.kind === 'output' || step.kind === 'think-end';
    if (folds && units.length > 0) units[units.length - 1].text += step.text;
    else if (folds) carry += step.text;
    else {
      units.push({ stepId: step.id, index: step.index, text: carry + step.text });
      carry = '';
    }
  }
  return units;
}

export function prmRecord(p: PreparedSample): RecordResult {
  const labels: Record<string, StepLabel> = p.sample.stepLabels ?? {};
  const units = labelUnits(buildSteps(p.sample.trace)).filter((u) => u.text.trim() !== '');
  if (!units.some((u) => labels[u.stepId])) return { ok: false, reason: 'has no step labels' };
  const completions: string[] = [];
  const booleans: boolean[] = [];
  for (const unit of units) {
    const label = labels[unit.stepId];
    if (!label) return { ok: false, reason: `step ${unit.index + 1} (${unit.stepId}) has no label before the first error` };
    completions.push(unit.text.replace(/\s+$/, ''));
    booleans.push(label.rating === 1);
    if (label.rating === -1) break;
  }
  return { ok: true, records: [{ prompt: p.sample.prompt, completions, labels: booleans }] };
}

export function prmFiles(samples: readonly PreparedSample[]): FormatOutput {
  const { file, heldBack } = jsonlFormat('prm.jsonl', 'trlStepwise', samples, prmRecord);
  return {
    files: [file],
    heldBack,
    warnings: ['Step labels map as TRL\'s PRM800K conversion does (label = rating == 1): good → true, neutral and bad → false; a record ends at its first bad step.'],
  };
}
