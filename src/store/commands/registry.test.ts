/**
 * The command registry of a real studio: every key binding, the palette per place, and which
 * command a key press runs. The key test fails when two commands claim one key in one scope.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStudio, memoryPersistence, type Studio, type StudioState } from '..';
import { normalizeChord } from './keys';
import { liveBindings, resolveKey, staticBindings } from './registry';
import type { Command } from './types';

const demo = { name: 'cort-demo.jsonl', bytes: new Uint8Array(readFileSync(new URL('../../../public/demo/cort-demo.jsonl', import.meta.url))) };

async function demoStudio(): Promise<Studio> {
  const studio = createStudio({ persistence: memoryPersistence(), loadDemo: async () => [demo] });
  await studio.init();
  return studio;
}

const registry = (studio: Studio) => studio.actions as unknown as Record<string, Command>;
const press = (key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({ key, ctrlKey: !!mods.ctrl, metaKey: false, altKey: false, shiftKey: !!mods.shift });

describe('key bindings', () => {
  it('no two commands claim one key in one scope (at one priority)', async () => {
    const studio = await demoStudio();
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    // The static keys, and the hint palette's keys as bound in a sample.
    const id = Object.keys(studio.store.getState().samples)[0]!;
    studio.actions.openSample.perform(id);
    for (const b of liveBindings(registry(studio), studio.store.getState())) {
      const slot = `${b.scope} ${b.chord} ${b.priority}`;
      const other = seen.get(slot);
      if (other && other !== b.command.id) clashes.push(`${slot}: ${other} and ${b.command.id}`);
      seen.set(slot, b.command.id);
    }
    expect(clashes).toEqual([]);
  });

  it('every key binding is a valid chord, and every command with keys is argument-free', async () => {
    const studio = await demoStudio();
    for (const b of staticBindings(registry(studio))) {
      expect(normalizeChord(b.chord), `${b.command.id}: ${b.chord}`).toBe(b.chord);
      expect(b.command.takesArgs, `${b.command.id} has keys but needs arguments`).not.toBe(true);
    }
  });

  it('refuses a hint key that a sample command already has', async () => {
    const studio = await demoStudio();
    const problems = await studio.services.hints.save({ id: 'mine', key: 'c', name: 'Mine', type: 'custom', text: 'x', opensCodeBlock: false });
    expect(problems).toEqual(['The key "c" is taken by "Continue with the model"; choose another.']);
  });

  it('runs the narrowest scope first: Escape interrupts a running cell, stops generating, or leaves the sample', async () => {
    const studio = await demoStudio();
    const id = Object.keys(studio.store.getState().samples)[0]!;
    studio.actions.openSample.perform(id);
    const state = studio.store.getState();
    const esc = (s: StudioState) => resolveKey(registry(studio), press('Escape'), s)?.command.id;
    expect(esc(state)).toBe('backToLibrary');
    const running = { ...state, python: { ...state.python, kernels: { [id]: { phase: 'running' as const, packages: [], queued: [], notices: [], running: `${id}:x` } } } };
    expect(esc(running)).toBe('interruptPython');
    expect(esc({ ...state, editingStepId: 'p1' })).toBe('cancelEdit');
    expect(esc({ ...state, settingsOpen: true })).toBe('closeDialog');
    // In a dialog nothing behind it applies.
    expect(resolveKey(registry(studio), press('j'), { ...state, settingsOpen: true })).toBeUndefined();
    // Typing in a field: only commands that work in fields.
    expect(resolveKey(registry(studio), press('c'), state, 'text')).toBeUndefined();
    expect(resolveKey(registry(studio), press('k', { ctrl: true }), state, 'text')?.command.id).toBe('openPalette');
    // The letter typed decides: "C" is Shift+C; with Ctrl, the Shift flag counts too (Ctrl+Shift+z is redo).
    expect(resolveKey(registry(studio), press('C'), state)?.command.id).toBe('askContinueCount');
    expect(resolveKey(registry(studio), press('z', { ctrl: true, shift: true }), state)?.command.id).toBe('redo');
    expect(resolveKey(registry(studio), press('Z', { ctrl: true, shift: true }), state)?.command.id).toBe('redo');
    expect(resolveKey(registry(studio), press('z', { ctrl: true }), state)?.command.id).toBe('undo');
    expect(resolveKey(registry(studio), press('2'), state)).toMatchObject({ command: { id: 'insertHint' }, args: ['hint-1'] });
  });

  it('j/k/Enter work in the library as soon as it shows, on the rows as sorted and filtered', async () => {
    const studio = await demoStudio();
    const rows = studio.services.library.rows();
    expect(studio.keys.dispatch(press('j'))).toBe(true);
    expect(studio.store.getState().libraryCursor).toBe(rows[1]!.id);
    studio.keys.dispatch(press('Enter'));
    expect(studio.store.getState()).toMatchObject({ view: 'sample', openSampleId: rows[1]!.id });
    studio.keys.dispatch(press('Escape'));
    // Back in the library the cursor is where it was.
    studio.keys.dispatch(press('k'));
    expect(studio.store.getState().libraryCursor).toBe(rows[0]!.id);
    // A search puts the cursor on the first match; Enter in the search field opens it.
    studio.actions.setFilters.perform({ query: 'divisors' });
    expect(studio.keys.dispatch(press('Enter'), 'text')).toBe(true);
    expect(studio.store.getState().samples[studio.store.getState().openSampleId!]!.problem).toMatch(/divisors/);
  });
});

describe('the palette', () => {
  it('lists every command of the place: hints with their keys, cells, Run all, branches, project, settings, navigation', async () => {
    const studio = await demoStudio();
    const inLibrary = studio.commands.palette().map((e) => e.command.id);
    expect(inLibrary).toEqual(expect.arrayContaining(['importFiles', 'openPasteDialog', 'backUpProject', 'restoreBackup', 'openExportDialog', 'openSettings', 'openHelp', 'openDashboard', 'libraryNext', 'focusSearch']));
    for (const absent of ['continueTrace', 'cursorNext', 'openPalette', 'setFilters', 'loadSettings', 'checkSamples']) expect(inLibrary).not.toContain(absent);

    const id = Object.values(studio.store.getState().samples).find((s) => s.trace.segments.some((x) => x.kind === 'code'))!.id;
    studio.actions.openSample.perform(id);
    // The cursor on the first code cell, a hint inserted earlier (so there is a branch).
    studio.actions.cursorNext.perform();
    studio.actions.insertHint.perform('hint-2');
    studio.actions.openSample.perform(id);
    const code = studio.services.library.rows().length; // the library index stays usable
    expect(code).toBeGreaterThan(0);
    const entries = studio.commands.palette();
    const byLabel = new Map(entries.map((e) => [e.label, e]));
    expect(byLabel.get('Insert Hint-1: delayed code computation')).toMatchObject({ keys: ['2'], args: ['hint-1'] });
    expect(entries.map((e) => e.command.id)).toEqual(
      expect.arrayContaining(['continueTrace', 'askContinueCount', 'runAll', 'restartPython', 'undo', 'backToLibrary', 'approveSample', 'toggleDiff', 'restoreBranch']),
    );
    expect(entries.find((e) => e.command.id === 'restoreBranch')?.label).toMatch(/^Restore branch: /);
  });

  it('offers the code cell commands on a code step, and accept/keep for each difference Run all found', async () => {
    const studio = await demoStudio();
    const sample = Object.values(studio.store.getState().samples).find((s) => s.trace.segments.some((x) => x.kind === 'code'))!;
    studio.actions.openSample.perform(sample.id);
    while (studio.store.getState().samples[sample.id] && studio.commands.palette().every((e) => e.command.id !== 'runCell')) {
      const before = studio.store.getState().cursorStep;
      studio.actions.cursorNext.perform();
      if (studio.store.getState().cursorStep === before) break;
    }
    expect(studio.commands.palette().map((e) => e.command.id)).toEqual(expect.arrayContaining(['runCell', 'editCell']));
    const codeId = sample.trace.segments.find((s) => s.kind === 'code')!.id;
    studio.store.setState({
      python: {
        ...studio.store.getState().python,
        runAll: {
          [sample.id]: {
            phase: 'done',
            total: 1,
            ran: 1,
            decisions: {},
            blocks: [{ block: 0, codeSegmentId: codeId, status: 'ok', recorded: '1', reproduced: '2', matches: false, code: 'print(2)', skipped: false, result: { status: 'ok', output: '2', full: '2', durationMs: 1 } }],
          },
        },
      },
    });
    const labels = studio.commands.palette().map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['Accept the reproduced output (code block 1)', 'Keep the recorded output (code block 1)']));
  });

  it('finds a sample by its problem text and opens it', async () => {
    const studio = await demoStudio();
    const found = studio.commands.palette('positive divisors').filter((e) => e.command.id === 'openSample');
    expect(found).toHaveLength(1);
    void found[0]!.command.run('palette', ...found[0]!.args);
    expect(studio.store.getState().view).toBe('sample');
    expect(studio.store.getState().samples[studio.store.getState().openSampleId!]!.problem).toMatch(/positive divisors/);
  });
});
