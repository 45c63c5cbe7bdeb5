/**
 * Hint-Engineering in the store: the insertion caret (between steps or at a sentence
 * boundary inside prose), the hint palette (the paper's hints plus the user's, saved
 * locally; each hint's key is a binding of `insertHint`), inserting a hint at the caret and
 * restoring branches.
 */
import { projectProfiles } from '../settings/profiles';
import { BUILT_IN_HINTS, CutError, insertHint, restoreBranch, validateHint, type Hint } from '../../core/hints';
import { cutPoints, stepAt } from '../../core/trace';
import type { Sample } from '../../core/sample/types';
import { staticBindings } from '../commands/registry';
import { normalizeChord } from '../commands/keys';
import { defineCommand, type Command, type CommandEntry } from '../commands/types';
import type { StudioContext } from '../context';
import { openSampleOf, sampleInView } from '../sample/selectors';
import { stepsOf } from '../sample/steps';
import type { StudioState } from '../state';

export { openSampleOf } from '../sample/selectors';

/**
 * The caret the studio shows: `caretOffset` while it lies in the cursor step (j/k move the
 * step and so put it back to the step's start), else the start of the cursor step.
 */
export function effectiveCaret(s: Pick<StudioState, 'cursorStep' | 'caretOffset'>, sample: Sample): number {
  const steps = stepsOf(sample.trace);
  if (steps.length === 0) return 0;
  const index = Math.max(0, Math.min(steps.length - 1, s.cursorStep));
  const step = steps[index];
  const c = s.caretOffset;
  const inStep = c !== null && c >= step.start && (c < step.end || (c === step.end && index === steps.length - 1));
  return inStep ? c : step.start;
}

/** The hint a key inserts (digits and letters not taken by studio commands). */
export function hintForKey(library: readonly Hint[], key: string): Hint | undefined {
  return key ? library.find((h) => h.key !== '' && h.key.toLowerCase() === key.toLowerCase()) : undefined;
}

const HINTS_KEY = 'hints';

export interface HintsService {
  load(): Promise<void>;
  /** Adds or replaces a hint; returns the problems when it is not valid. */
  save(hint: Hint, replacesId?: string): Promise<string[]>;
}

/** No hint takes a key a sample command has (the command would win and the hint never insert). */
function keyProblems(hint: Hint, commands: () => Record<string, Command>): string[] {
  if (!hint.key) return [];
  const chord = normalizeChord(hint.key);
  const taken = staticBindings(commands()).find((b) => b.chord === chord && ['global', 'sample'].includes(b.scope));
  return taken ? [`The key "${hint.key}" is taken by "${taken.label}"; choose another.`] : [];
}

export function createHints(ctx: StudioContext, commands: () => Record<string, Command>) {
  const { get, set, local } = ctx;

  /** Put the caret at `offset` and the step cursor on the step holding it. */
  function placeCaret(sample: Sample, offset: number): void {
    const steps = stepsOf(sample.trace);
    const step = stepAt(steps, offset);
    set({ caretOffset: offset, cursorStep: step ? step.index : get().cursorStep, hintNotice: null });
  }

  function moveCaret(delta: number): void {
    const sample = openSampleOf(get());
    if (!sample) return;
    const points = cutPoints(sample.trace, stepsOf(sample.trace));
    const at = points.indexOf(effectiveCaret(get(), sample));
    const next = points[Math.max(0, Math.min(points.length - 1, at + delta))];
    if (next !== undefined) placeCaret(sample, next);
  }

  // The caret, an open editor and a refusal belong to one sample: opening another drops them.
  ctx.store.subscribe((next, prev) => {
    if (next.openSampleId !== prev.openSampleId) {
      set({ caretOffset: null, editingStepId: null, composer: null, hintNotice: null });
    }
  });

  function saveLibrary(hintLibrary: Hint[]): Promise<void> {
    set({ hintLibrary });
    return local.put(HINTS_KEY, hintLibrary.filter((h) => h.type === 'custom' || isEditedBuiltIn(h)));
  }

  const service: HintsService = {
    async load() {
      const saved = await local.get<Hint[]>(HINTS_KEY).catch(() => undefined);
      if (saved?.length) set({ hintLibrary: mergeLibrary(saved) });
    },
    async save(hint, replacesId) {
      const others = get().hintLibrary.filter((h) => h.id !== (replacesId ?? hint.id));
      const problems = [...validateHint(hint, others), ...keyProblems(hint, commands)];
      if (problems.length) return problems;
      const library = get().hintLibrary;
      const index = library.findIndex((h) => h.id === (replacesId ?? hint.id));
      const next = index >= 0 ? library.map((h, i) => (i === index ? hint : h)) : [...library, hint];
      await saveLibrary(next);
      return [];
    },
  };

  /** One entry per hint: the palette lists them, and their keys insert them. */
  const hintEntries = (s: StudioState): CommandEntry<[string]>[] =>
    s.hintLibrary.map((h) => ({ key: `insertHint:${h.id}`, label: `Insert ${h.name}`, args: [h.id], keys: h.key ? [h.key] : [] }));
  const idle = (s: StudioState) => !!sampleInView(s) && s.generation === null && s.editingStepId === null && s.composer === null;

  const commandSpecs = {
    caretNext: defineCommand({
      id: 'caretNext',
      label: 'Next insertion point (sentence or step boundary)',
      group: 'Hints',
      scope: 'sample',
      keys: ['l', 'ArrowRight'],
      capture: 'none',
      perform: () => moveCaret(1),
    }),
    caretPrev: defineCommand({
      id: 'caretPrev',
      label: 'Previous insertion point',
      group: 'Hints',
      scope: 'sample',
      keys: ['h', 'ArrowLeft'],
      capture: 'none',
      perform: () => moveCaret(-1),
    }),
    caretToEnd: defineCommand({
      id: 'caretToEnd',
      label: 'Insertion point at the end of the trace',
      group: 'Hints',
      scope: 'sample',
      keys: ['Shift+G', 'End'],
      capture: 'none',
      perform: () => {
        const sample = openSampleOf(get());
        if (sample) placeCaret(sample, cutPoints(sample.trace, stepsOf(sample.trace)).at(-1) ?? 0);
      },
    }),
    setCaret: defineCommand({
      id: 'setCaret',
      label: 'Put insertion point here',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, offset: number) => {
        const sample = openSampleOf(get());
        if (sample) placeCaret(sample, offset);
      },
    }),
    /** Insert a palette hint at the caret; the rest of the trace becomes a 'cut' branch. */
    insertHint: defineCommand({
      id: 'insertHint',
      label: 'Insert hint at the insertion point',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      when: idle,
      // Each hint's own key (1, 2, 3 and the user's), and one palette entry per hint.
      bindings: hintEntries,
      palette: hintEntries,
      capture: { undo: 'Insert hint', event: 'hint' },
      perform: (call, hintId: string): boolean => {
        const s = get();
        const sample = openSampleOf(s);
        const hint = s.hintLibrary.find((h) => h.id === hintId);
        if (!sample || !hint) return false;
        const offset = effectiveCaret(s, sample);
        try {
          call.write(sample.id, (current) => insertHint(current, offset, hint, ctx.clock.now(), projectProfiles(get().settings)), { label: `Insert ${hint.name}` });
        } catch (err) {
          if (!(err instanceof CutError)) throw err;
          set({ hintNotice: err.message });
          return false;
        }
        // The continuation goes right after the hint: move the caret there.
        const updated = openSampleOf(get())!;
        placeCaret(updated, cutPoints(updated.trace, stepsOf(updated.trace)).at(-1) ?? 0);
        return true;
      },
    }),
    restoreBranch: defineCommand({
      id: 'restoreBranch',
      label: 'Restore branch',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      when: (s) => s.generation === null,
      palette: (s) =>
        (sampleInView(s)?.branches ?? []).map((b) => ({ key: `restoreBranch:${b.id}`, label: `Restore branch: ${b.label}`, args: [b.id] as [string] })),
      capture: { undo: 'Restore branch', event: 'edit' },
      perform: (call, branchId: string) => {
        const sample = openSampleOf(get());
        if (!sample) return false;
        const branch = sample.branches.find((b) => b.id === branchId);
        const ok = call.write(sample.id, (current) => restoreBranch(current, branchId, ctx.clock.now()), { label: `Restore ${branch?.label ?? branchId}` });
        if (ok && branch) placeCaret(openSampleOf(get())!, branch.at);
        return ok;
      },
    }),
    /** Add or replace a hint in the palette; returns the problems when it is not valid. */
    saveHint: defineCommand({
      id: 'saveHint',
      label: 'Save hint',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, hint: Hint, replacesId?: string): Promise<string[]> => service.save(hint, replacesId),
    }),
    deleteHint: defineCommand({
      id: 'deleteHint',
      label: 'Delete hint',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, hintId: string) => saveLibrary(get().hintLibrary.filter((h) => h.id !== hintId || h.type !== 'custom')),
    }),
    resetHint: defineCommand({
      id: 'resetHint',
      label: 'Reset to the paper text',
      group: 'Hints',
      scope: 'sample',
      takesArgs: true,
      capture: 'none',
      perform: (_call, hintId: string) => {
        const builtIn = BUILT_IN_HINTS.find((h) => h.id === hintId);
        if (builtIn) return saveLibrary(get().hintLibrary.map((h) => (h.id === hintId ? { ...builtIn } : h)));
        return Promise.resolve();
      },
    }),
    dismissHintNotice: defineCommand({
      id: 'dismissHintNotice',
      label: 'Dismiss',
      group: 'Hints',
      scope: 'sample',
      palette: false,
      capture: 'none',
      perform: () => set({ hintNotice: null }),
    }),
  };
  return { service, commands: commandSpecs };
}

function isEditedBuiltIn(hint: Hint): boolean {
  const builtIn = BUILT_IN_HINTS.find((h) => h.id === hint.id);
  return !!builtIn && JSON.stringify(builtIn) !== JSON.stringify(hint);
}

/** Built-ins first (the saved edit of one replaces it), then the user's hints in saved order. */
function mergeLibrary(saved: Hint[]): Hint[] {
  const byId = new Map(saved.map((h) => [h.id, h]));
  return [...BUILT_IN_HINTS.map((h) => byId.get(h.id) ?? { ...h }), ...saved.filter((h) => !BUILT_IN_HINTS.some((b) => b.id === h.id))];
}
