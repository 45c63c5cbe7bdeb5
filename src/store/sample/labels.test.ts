import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstErrorStep } from '../../core/sample/stepLabels';
import { indexedDbPersistence } from '../session/persistence';
import { createStudio } from '../studio';
import { stepsOf } from './steps';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };

async function open(name: string) {
  const studio = createStudio({ persistence: indexedDbPersistence(name), loadDemo: async () => [demo], saveDebounceMs: 5 });
  await studio.init();
  return studio;
}

const press = (key: string) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false });

describe('step labels', () => {
  it('rates the cursor step from the keyboard, one undo step each, saved with the sample', async () => {
    const studio = await open('labels-keys');
    const id = Object.keys(studio.store.getState().samples)[0];
    studio.actions.openSample.perform(id);
    const steps = stepsOf(studio.store.getState().samples[id].trace);

    expect(studio.keys.dispatch(press('+'))).toBe(true);
    studio.actions.cursorNext.perform();
    expect(studio.keys.dispatch(press('0'))).toBe(true);
    studio.actions.cursorNext.perform();
    expect(studio.keys.dispatch(press('-'))).toBe(true);
    let sample = studio.store.getState().samples[id];
    expect(Object.fromEntries(Object.entries(sample.stepLabels!).map(([k, v]) => [k, v.rating]))).toEqual({ [steps[0].id]: 1, [steps[1].id]: 0, [steps[2].id]: -1 });
    expect(firstErrorStep(sample)?.index).toBe(2);
    expect(studio.services.undoStatus(id).undo).toBe('Label step 3 bad');

    // Undo takes back the last rating only.
    studio.actions.undo.perform();
    sample = studio.store.getState().samples[id];
    expect(sample.stepLabels?.[steps[2].id]).toBeUndefined();
    expect(sample.stepLabels?.[steps[1].id]?.rating).toBe(0);

    // `f` goes to the first error; Backspace clears a label.
    studio.actions.cursorNext.perform();
    studio.keys.dispatch(press('-'));
    studio.actions.openSample.perform(id);
    studio.store.setState({ cursorStep: 0 });
    expect(studio.keys.dispatch(press('f'))).toBe(true);
    expect(studio.store.getState().cursorStep).toBe(3);
    studio.keys.dispatch(press('Backspace'));
    expect(studio.store.getState().samples[id].stepLabels?.[steps[3].id]).toBeUndefined();
    // With no bad step, `f` means nothing.
    expect(studio.keys.dispatch(press('f'))).toBe(false);

    studio.keys.dispatch(press('='));
    expect(await studio.flush()).toBe(true);
    const again = await open('labels-keys');
    const saved = again.store.getState().samples[id].stepLabels!;
    expect(Object.keys(saved).sort()).toEqual([steps[0].id, steps[1].id, steps[3].id].sort());
    expect(saved[steps[3].id].rating).toBe(1);
  });

  it('the palette and the help list the label commands with their keys', async () => {
    const studio = await open('labels-palette');
    studio.actions.openSample.perform(Object.keys(studio.store.getState().samples)[0]);
    const listed = studio.commands.palette('label step');
    expect(listed.map((c) => c.label)).toEqual(expect.arrayContaining(['Label step good (+1)', 'Label step neutral (0)', 'Label step bad (−1)']));
    const sample = studio.commands.help().find((h) => h.scope === 'sample')!;
    const good = sample.entries.find((e) => e.label === 'Label step good (+1)');
    expect(good?.keys).toEqual(['+', '=']);
  });
});
