import { describe, expect, it } from 'vitest';
import { createStudio } from '../studio';
import { memoryPersistence } from '../session/persistence';
import { defaultSettings } from './state';

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
});
