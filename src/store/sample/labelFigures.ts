/**
 * The dashboard's view of the step labels: how many steps are rated good / neutral / bad, which
 * samples have a first error, and whether each labelled sample makes a step-label (prm) record
 * yet — asked of the prm exporter itself, so the dashboard and the export never disagree.
 */
import { prmRecord } from '../../core/export';
import type { PreparedSample } from '../../core/export/prepared';
import { currentStepLabels, staleStepLabels } from '../../core/sample/stepLabels';
import type { Sample } from '../../core/sample/types';
import { firstErrorStepId } from './labels';
import { stepsOf } from './steps';

export interface LabelledSampleRow {
  sampleId: string;
  problem: string;
  good: number;
  neutral: number;
  bad: number;
  /** 1-based number of the first step rated bad, or null. */
  firstError: number | null;
  /** null when the sample makes a prm record; otherwise why not (an unlabelled step before the first error…). */
  prmProblem: string | null;
  /** Labels whose step was edited away: kept, never shown on a step nor exported. */
  stale: number;
}

export interface StepLabelFigures {
  labelledSamples: number;
  steps: { good: number; neutral: number; bad: number };
  withFirstError: number;
  prmReady: number;
  /** Hint cuts that keep the original continuation (each a DPO pair while its hint stays at its offset). */
  hintCuts: number;
  rows: LabelledSampleRow[];
}

export function stepLabelFigures(samples: readonly Sample[]): StepLabelFigures {
  const figures: StepLabelFigures = { labelledSamples: 0, steps: { good: 0, neutral: 0, bad: 0 }, withFirstError: 0, prmReady: 0, hintCuts: 0, rows: [] };
  for (const sample of samples) {
    figures.hintCuts += sample.branches.filter((b) => b.reason === 'cut').length;
    if (!sample.stepLabels) continue;
    const labels = currentStepLabels(sample);
    const stale = staleStepLabels(sample).length;
    if (!labels.length && !stale) continue;
    const row: LabelledSampleRow = { sampleId: sample.id, problem: sample.problem, good: 0, neutral: 0, bad: 0, firstError: null, prmProblem: null, stale };
    for (const { label } of labels) row[label.rating === 1 ? 'good' : label.rating === 0 ? 'neutral' : 'bad'] += 1;
    const errorId = firstErrorStepId(sample);
    if (errorId) row.firstError = stepsOf(sample.trace).find((s) => s.id === errorId)!.index + 1;
    // prmRecord reads only the sample (its trace, labels and prompt).
    const record = prmRecord({ sample } as PreparedSample);
    row.prmProblem = record.ok ? null : record.reason;
    figures.labelledSamples += 1;
    figures.steps.good += row.good;
    figures.steps.neutral += row.neutral;
    figures.steps.bad += row.bad;
    if (row.firstError !== null) figures.withFirstError += 1;
    if (record.ok) figures.prmReady += 1;
    figures.rows.push(row);
  }
  figures.rows.sort((a, b) => a.problem.localeCompare(b.problem) || a.sampleId.localeCompare(b.sampleId));
  return figures;
}
