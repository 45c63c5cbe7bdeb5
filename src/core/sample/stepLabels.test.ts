import { describe, expect, it } from 'vitest';
import { buildSteps } from '../trace';
import { parseProject, serializeProject } from '../project';
import { cortHinted } from '../export/testing/profileSamples';
import { currentStepLabels, firstErrorStep, setStepLabel, staleStepLabels } from './stepLabels';

const NOW = '2025-03-01T00:00:00.000Z';

describe('step labels', () => {
  const unlabelled = { ...cortHinted, stepLabels: undefined };
  const steps = buildSteps(unlabelled.trace);

  it('rates, re-rates and clears a step', () => {
    let s = setStepLabel(unlabelled, steps[1].id, 1, NOW, 'ann');
    s = setStepLabel(s, steps[2].id, -1, NOW);
    expect(currentStepLabels(s).map((l) => [l.step.index, l.label.rating])).toEqual([
      [1, 1],
      [2, -1],
    ]);
    expect(firstErrorStep(s)?.id).toBe(steps[2].id);
    s = setStepLabel(s, steps[2].id, null, NOW);
    s = setStepLabel(s, steps[1].id, null, NOW);
    expect(s.stepLabels).toBeUndefined();
  });

  it('marks a label stale when its step was edited away, and keeps it', () => {
    const s = setStepLabel(unlabelled, steps[0].id, 1, NOW);
    const edited = { ...s, trace: { segments: [{ ...s.trace.segments[0], id: 'edited' }, ...s.trace.segments.slice(1)] } };
    expect(staleStepLabels(edited)).toEqual([steps[0].id]);
    expect(currentStepLabels(edited)).toEqual([]);
  });

  it('survives a project file, and a malformed label or profile is rejected by field', () => {
    const text = serializeProject([{ ...cortHinted, profile: 'cort' }], {}, NOW);
    const back = parseProject(text, 'p.json');
    expect(back.samples[0].stepLabels).toEqual(cortHinted.stepLabels);
    expect(back.samples[0].profile).toBe('cort');
    const bad = JSON.parse(text);
    bad.samples[0].profile = 42;
    expect(parseProject(JSON.stringify(bad), 'p.json').rejects[0]).toMatchObject({ field: expect.stringMatching(/^samples\[0\]\.profile/) });
    // A project's own profile id loads; it is resolved against the project's registry on use
    // (an id the registry lacks is reported there, e.g. by the export, never read as CoRT's).
    bad.samples[0].profile = 'cort-512';
    expect(parseProject(JSON.stringify(bad), 'p.json').samples[0].profile).toBe('cort-512');
    const badLabel = JSON.parse(text);
    badLabel.samples[0].stepLabels[steps[0].id] = { rating: 2, at: NOW };
    expect(parseProject(JSON.stringify(badLabel), 'p.json').rejects[0]).toMatchObject({ field: expect.stringMatching(/stepLabels/) });
  });
});
