import { describe, expect, it } from 'vitest';
import { cortHinted, retoolSample } from '../../core/export/testing/profileSamples';
import { setStepLabel } from '../../core/sample/stepLabels';
import { stepLabelFigures } from './labelFigures';
import { stepsOf } from './steps';

describe('stepLabelFigures', () => {
  it('counts ratings, first errors, prm-ready samples and hint cuts, as the prm export decides', () => {
    const figures = stepLabelFigures([cortHinted, retoolSample]);
    const ratings = Object.values(cortHinted.stepLabels!).map((l) => l.rating);
    expect(figures.labelledSamples).toBe(1);
    expect(figures.steps).toEqual({ good: ratings.filter((r) => r === 1).length, neutral: ratings.filter((r) => r === 0).length, bad: ratings.filter((r) => r === -1).length });
    expect(figures.withFirstError).toBe(1);
    expect(figures.prmReady).toBe(1);
    expect(figures.hintCuts).toBe(1);
    expect(figures.rows[0]).toMatchObject({ sampleId: 'cort-hinted', prmProblem: null, stale: 0 });
  });

  it('says why a labelled sample makes no prm record, and counts labels of edited steps as stale', () => {
    // A bad paragraph with unlabelled steps before it: PRM800K labels every step up to the first error.
    const bad = stepsOf(retoolSample.trace).filter((s) => s.kind === 'paragraph')[1];
    const labelled = setStepLabel(retoolSample, bad.id, -1, '2025-01-03T00:00:00.000Z');
    const withStale = { ...labelled, stepLabels: { ...labelled.stepLabels, 'gone#0': { rating: 1 as const, at: '2025-01-03T00:00:00.000Z' } } };
    const [row] = stepLabelFigures([withStale]).rows;
    expect(row.prmProblem).toMatch(/^step 1 .* has no label before the first error$/);
    expect(row.firstError).toBe(bad.index + 1);
    expect(row.stale).toBe(1);
  });
});
