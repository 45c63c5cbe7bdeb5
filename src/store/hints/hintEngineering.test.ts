import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTrace } from '../../core/trace';
import { startModelServer, type ModelServer } from '../../../e2e/fixtures/model-server';
import { createNodeStudio } from '../../cli/compose';
import { createSampleHistory, type HistoryStorage } from '../session/undo';
import { memoryLocalSettings } from '../settings/localSettings';
import { memoryPersistence } from '../session/persistence';
import { effectiveCaret, openSampleOf } from './hints';
import { newEndpoint } from '../settings/settings';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };

function memoryStorage(): HistoryStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** The studio as a Node program composes it: memory persistence, real Node interpreters, the real model client. */
async function studioOnDemo(local = memoryLocalSettings()) {
  const studio = createNodeStudio({ persistence: memoryPersistence(), loadDemo: async () => [demo], saveDebounceMs: 5, localSettings: local });
  await studio.init();
  const id = Object.values(studio.store.getState().samples).find((s) => s.trace.segments.length > 3)!.id;
  studio.actions.openSample.perform(id);
  return { studio, id };
}

describe('caret and hint insertion', () => {
  it('moves between sentence boundaries inside prose, inserts Hint-1 there, and restores the cut text', async () => {
    const { studio, id } = await studioOnDemo();
    const { actions, store } = studio;
    const original = renderTrace(store.getState().samples[id].trace);
    // Step 2 is the first paragraph after the prompt-hint; its first sentence boundary is mid-paragraph.
    actions.cursorNext.perform();
    const step = store.getState().cursorStep;
    actions.caretNext.perform();
    const caret = effectiveCaret(store.getState(), openSampleOf(store.getState())!);
    expect(store.getState().cursorStep).toBe(step);
    expect(original.slice(caret - 2, caret)).toMatch(/[.!?]\s$/); // right after a sentence

    expect(actions.insertHint.perform('hint-1')).toBe(true);
    const hinted = store.getState().samples[id];
    expect(renderTrace(hinted.trace)).toBe(
      original.slice(0, caret) + 'It looks tedious, and we can use python code to simplify the reasoning.\n```python\n',
    );
    expect(hinted.branches.at(-1)).toMatchObject({ reason: 'cut', at: caret });
    expect(studio.services.undoStatus(id).undo).toBe('Insert Hint-1: delayed code computation');

    actions.restoreBranch.perform(hinted.branches.at(-1)!.id);
    expect(renderTrace(store.getState().samples[id].trace)).toBe(original);
  });

  it('refuses a cut inside a code block with a message instead of losing anything', async () => {
    const { studio, id } = await studioOnDemo();
    const sample = studio.store.getState().samples[id];
    const codeStart = renderTrace(sample.trace).indexOf('```python');
    studio.actions.setCaret.perform(codeStart + 3);
    expect(studio.actions.insertHint.perform('hint-2')).toBe(false);
    expect(studio.store.getState().hintNotice).toMatch(/Cannot cut inside a code block/);
    expect(studio.store.getState().samples[id]).toBe(sample);
  });
});

describe('undo and redo', () => {
  it('keeps one step per run, bounded stacks in storage, and survives a reload of the tab', async () => {
    const storage = memoryStorage();
    const { studio } = await studioOnDemo();
    const history = createSampleHistory({ storage });
    const id = studio.store.getState().openSampleId!;
    const first = studio.store.getState().samples[id];
    history.record(first, { label: 'Mark ready' });
    const second = { ...first, status: 'ready' as const };
    history.record(second, { label: 'Continue', group: 'run-1' });
    history.record({ ...second, updatedAt: 'x' }, { label: 'Continue', group: 'run-1' }); // same run: one step
    const third = { ...second, status: 'approved' as const };

    const reloaded = createSampleHistory({ storage });
    expect(reloaded.status(id)).toEqual({ undo: 'Continue', redo: undefined });
    const back = reloaded.undo(third)!;
    expect(back.status).toBe('ready');
    expect(reloaded.undo(back)!.status).toBe(first.status);
    expect(reloaded.redo(first)!.status).toBe('ready');
  });

  it('Ctrl+Z after a prose edit, an append and a status change restores each earlier version', async () => {
    const { studio, id } = await studioOnDemo();
    const { actions, store } = studio;
    const v0 = store.getState().samples[id];
    actions.cursorNext.perform();
    actions.editStep.perform();
    expect(actions.saveStepEdit.perform('A shorter paragraph.\n\n')).toBeNull();
    const v1 = store.getState().samples[id];
    expect(actions.appendToTrace.perform('prose', '\nChecked by hand.')).toBeNull();
    studio.services.writeSample(id, (s) => ({ ...s, status: 'ready' }), { undo: 'Mark ready' });
    expect(store.getState().samples[id].status).toBe('ready');

    expect(actions.undo.perform()).toBe(true);
    expect(store.getState().samples[id].status).toBe(v0.status);
    expect(actions.undo.perform()).toBe(true);
    expect(renderTrace(store.getState().samples[id].trace)).toBe(renderTrace(v1.trace));
    expect(actions.undo.perform()).toBe(true);
    expect(store.getState().samples[id].trace).toEqual(v0.trace);
    expect(actions.redo.perform()).toBe(true);
    expect(renderTrace(store.getState().samples[id].trace)).toBe(renderTrace(v1.trace));
  });

  it('rejects an edit that would break the structure and keeps the editor open', async () => {
    const { studio } = await studioOnDemo();
    studio.actions.cursorNext.perform();
    studio.actions.editStep.perform();
    expect(studio.actions.saveStepEdit.perform('x\n```python\nprint(1)\n')).toMatch(/code fence/);
    expect(studio.store.getState().editingStepId).not.toBeNull();
  });
});

describe('settings and the hint library', () => {
  it('saves endpoints and custom hints locally and reads them back on the next start', async () => {
    const local = memoryLocalSettings();
    const { studio } = await studioOnDemo(local);
    await studio.actions.saveSettings.perform({
      ...studio.store.getState().settings,
      endpoints: [{ ...newEndpoint('e1'), model: 'm', apiKey: 'sk-secret' }],
      reviewerName: 'Ada',
    });
    expect(await studio.actions.saveHint.perform({ id: 'check-logic', key: '4', name: 'Check logic', type: 'custom', text: 'Let me check the logic.', opensCodeBlock: false })).toEqual([]);
    expect(await studio.actions.saveHint.perform({ id: 'dup', key: '2', name: 'Dup', type: 'custom', text: 'x', opensCodeBlock: false })).toEqual([
      'The key "2" is already used by "Hint-1: delayed code computation".',
    ]);
    const { studio: again } = await studioOnDemo(local);
    expect(again.store.getState().settings).toMatchObject({ reviewerName: 'Ada', endpoints: [{ apiKey: 'sk-secret' }] });
    expect(again.store.getState().hintLibrary.map((h) => h.key)).toEqual(['1', '2', '3', '4']);
  });
});

describe('continuations from a real OpenAI-compatible stream', () => {
  let server: ModelServer;
  beforeAll(async () => {
    server = await startModelServer({
      model: 'scripted-cort',
      turns: [
        { text: 'print(2 + 3)\n```\n```output\nignored\n```\n' },
        { expectInPrompt: ['```python\nprint(2 + 3)\n```\n```output\n5\n```\n'], text: 'So it is 5.\n</think>\n\nThe answer is \\boxed{5}.' },
        { text: 'print(7)\n```\n' },
        { text: 'print(5)\n```\n' },
        { text: 'Done.\n</think>\n\n\\boxed{7}' },
        { text: 'Done.\n</think>\n\n\\boxed{5}' },
      ],
    });
  });
  afterAll(() => server.close());

  async function readyStudio() {
    const { studio, id } = await studioOnDemo();
    await studio.actions.saveSettings.perform({
      ...studio.store.getState().settings,
      endpoints: [{ ...newEndpoint('e1'), name: 'Scripted', baseURL: server.url, model: 'scripted-cort' }],
    });
    studio.actions.cursorNext.perform();
    studio.actions.insertHint.perform('hint-1');
    return { studio, id };
  }

  // The code runs in a real Pyodide interpreter in Node (the sample's own, from the runtime manager).
  it('Continue writes the code, runs it, appends the output and the boxed answer; one Ctrl+Z takes it all back', async () => {
    const { studio, id } = await readyStudio();
    const before = renderTrace(studio.store.getState().samples[id].trace);
    const summary = await studio.actions.continueTrace.perform();
    expect(summary).toMatchObject({ finish: 'eos', codeCalls: 1 });
    const after = renderTrace(studio.store.getState().samples[id].trace);
    expect(after).toBe(before + 'print(2 + 3)\n```\n```output\n5\n```\nSo it is 5.\n</think>\n\nThe answer is \\boxed{5}.');
    expect(studio.store.getState().generation).toBeNull();
    studio.actions.undo.perform();
    expect(renderTrace(studio.store.getState().samples[id].trace)).toBe(before);
  }, 120_000);

  it('Continue ×N keeps the chosen continuation and parks the others as branches', async () => {
    const { studio, id } = await readyStudio();
    const base = studio.store.getState().samples[id];
    await studio.actions.continueCompare.perform(2);
    const run = studio.store.getState().generation!;
    expect(run.status).toBe('done');
    // Requests interleave, so which continuation drew which turn is open; each ran its own code.
    const outputs = run.continuations.map((c) => c.trace!.segments.filter((x) => x.kind === 'output').map((x) => x.text));
    expect(outputs.flat().sort()).toEqual(['```output\n5\n```\n', '```output\n7\n```\n']);
    expect(run.continuations.map((c) => c.summary?.codeCalls)).toEqual([1, 1]);
    studio.actions.keepContinuation.perform(0);
    const kept = studio.store.getState().samples[id];
    expect(renderTrace(kept.trace)).toBe(renderTrace(run.continuations[0].trace!));
    expect(kept.branches).toHaveLength(base.branches.length + 1);
    expect(kept.branches.at(-1)).toMatchObject({ reason: 'continuation' });
  }, 120_000);
});
