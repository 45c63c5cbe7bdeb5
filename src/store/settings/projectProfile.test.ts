import { describe, expect, it } from 'vitest';
import { createStudio } from '../studio';
import { memoryPersistence } from '../session/persistence';
import { defaultSettings } from './state';
import { CORT_PROFILE, copyProfile, getProfile, type TraceProfile } from '../../core/profiles';
import { renderTrace } from '../../core/trace';
import { runChecks } from '../../core/checks';
import { projectExecution } from './execution';
import { projectProfiles } from './profiles';

const encode = (text: string) => new TextEncoder().encode(text);
const problem = JSON.stringify({ problem: 'What is 3!?', gt_answer: '6', source: 'test' });
const trace = JSON.stringify({ problem: 'What is 2+2?', gt_answer: '4', gen: ['Add.\n```python\nprint(2+2)\n```\n```output\n4\n```\n</think>\n\\boxed{4}'] });

describe("the project's trace profile", () => {
  it('is the profile of problems imported without a trace; traces keep the one detected', async () => {
    const studio = createStudio({ persistence: memoryPersistence() });
    await studio.init();
    await studio.services.settings.save({ ...defaultSettings(), traceProfile: 'retool' });
    await studio.actions.importFiles.perform([{ name: 'p.jsonl', bytes: encode(`${problem}\n${trace}`) }]);
    const samples = Object.values(studio.store.getState().samples);
    expect(samples.find((s) => s.problem === 'What is 3!?')?.profile).toBe('retool');
    expect(samples.find((s) => s.problem === 'What is 2+2?')?.profile).toBeUndefined();
  });

  it('never gives a sample a profile this studio does not know (settings from a backup)', async () => {
    const studio = createStudio({ persistence: memoryPersistence() });
    await studio.init();
    await studio.services.settings.save({ ...defaultSettings(), traceProfile: 'qwen-agent' as never });
    await studio.actions.importFiles.perform([{ name: 'p.jsonl', bytes: encode(problem) }]);
    expect(Object.values(studio.store.getState().samples)[0].profile).toBeUndefined();
  });

  it('leaves samples as imported under CoRT (the default)', async () => {
    const studio = createStudio({ persistence: memoryPersistence() });
    await studio.init();
    await studio.actions.importFiles.perform([{ name: 'p.jsonl', bytes: encode(problem) }]);
    expect(Object.values(studio.store.getState().samples)[0].profile).toBeUndefined();
  });

  it("reads a CoRT trace with the project's own copy of CoRT, which the checks and the registry then resolve", async () => {
    const cort512: TraceProfile = {
      ...copyProfile(CORT_PROFILE, 'cort-512', 'CoRT with a 512-char cap'),
      result: { ...CORT_PROFILE.result, truncation: { limit: 512, inclusive: false, head: 256, tail: 256, marker: '...' } },
    };
    const studio = createStudio({ persistence: memoryPersistence() });
    await studio.init();
    await studio.services.settings.save({ ...defaultSettings(), customProfiles: [cort512], traceProfile: 'cort-512' });
    await studio.actions.importFiles.perform([{ name: 'p.jsonl', bytes: encode(`${problem}\n${trace}`) }]);
    const state = studio.store.getState();
    const samples = Object.values(state.samples);
    const traced = samples.find((s) => s.problem === 'What is 2+2?')!;
    expect(traced.profile).toBe('cort-512');
    expect(renderTrace(traced.trace)).toBe(traced.original);
    expect(samples.find((s) => s.problem === 'What is 3!?')?.profile).toBe('cort-512');
    expect(getProfile('cort-512', projectProfiles(state.settings))).toEqual(cort512);
    const checks = await runChecks(traced, projectExecution(state.settings));
    expect(checks.checks.find((c) => c.id === 'answer')?.status).not.toBe('fail');
  });

  it('leaves an invalid custom profile (a hand-edited backup) out of the registry', () => {
    const broken = { ...copyProfile(CORT_PROFILE, 'broken', 'Broken'), continuation: { stop: 'x' } } as unknown as TraceProfile;
    expect(projectProfiles({ customProfiles: [broken] }).map((p) => p.id)).not.toContain('broken');
  });
});
