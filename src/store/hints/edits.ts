/**
 * Editing a trace by hand — prose edited in place, prose or a code cell appended at the end —
 * and undo/redo of every sample change (see history.ts).
 */
import { projectProfiles } from '../settings/profiles';
import { EditError, appendCode, appendProse, editProse } from '../../core/hints';
import { segmentOffsets } from '../../core/trace';
import type { Sample } from '../../core/sample/types';
import { defineCommand, type Call } from '../commands/types';
import type { StudioContext } from '../context';
import { openSampleOf, sampleInView } from '../sample/selectors';
import { stepsOf } from '../sample/steps';
import type { StudioState } from '../state';
import type { ComposerKind } from './state';

export type { ComposerKind } from './state';

const idle = (s: StudioState) => !!sampleInView(s) && s.editingStepId === null && s.composer === null && s.generation === null;

/**
 * The segment text after replacing one paragraph step with `stepText`. A step may run on into
 * a whitespace-only segment after it; only the part inside its own segment is edited.
 */
export function segmentTextWithStep(sample: Sample, stepId: string, stepText: string): { segmentId: string; text: string } {
  const step = stepsOf(sample.trace).find((s) => s.id === stepId);
  if (!step) throw new EditError('That paragraph is no longer in the trace.');
  const index = sample.trace.segments.findIndex((s) => s.id === step.segmentId);
  const segment = sample.trace.segments[index];
  const start = segmentOffsets(sample.trace)[index];
  const localStart = step.start - start;
  const localEnd = Math.min(step.end, start + segment.text.length) - start;
  return { segmentId: segment.id, text: segment.text.slice(0, localStart) + stepText + segment.text.slice(localEnd) };
}

/** The editable text of a step: its part inside its own segment. */
export function editableStepText(sample: Sample, stepId: string): string {
  const step = stepsOf(sample.trace).find((s) => s.id === stepId);
  if (!step) return '';
  const index = sample.trace.segments.findIndex((s) => s.id === step.segmentId);
  const start = segmentOffsets(sample.trace)[index];
  return step.text.slice(0, start + sample.trace.segments[index].text.length - step.start);
}

export function editCommands(ctx: StudioContext) {
  const { get, set, history } = ctx;
  const now = () => ctx.clock.now();
  const bump = () => set({ historyVersion: get().historyVersion + 1 });

  /** Runs an edit; an EditError comes back as its message (the editor stays open to fix it). */
  function tryEdit(call: Call, change: (s: Sample) => Sample): string | null {
    const sample = openSampleOf(get());
    if (!sample) return 'No sample is open.';
    try {
      call.write(sample.id, change);
      return null;
    } catch (err) {
      if (err instanceof EditError) return err.message;
      throw err;
    }
  }

  function travel(direction: 'undo' | 'redo'): boolean {
    const s = get();
    const sample = openSampleOf(s);
    if (!sample || s.generation?.status === 'running') return false;
    const restored = direction === 'undo' ? history.undo(sample) : history.redo(sample);
    if (!restored) return false;
    // Not through the sample writer: moving in the history must not record history.
    set({
      samples: { ...get().samples, [sample.id]: { ...restored, updatedAt: now() } },
      editingStepId: null,
      composer: null,
      lastEdit: { sampleId: sample.id, label: direction === 'undo' ? 'Undo' : 'Redo', at: now() },
    });
    ctx.saves.markSample(sample.id);
    bump();
    return true;
  }

  const notGenerating = (s: StudioState) => s.generation === null;

  return {
    undo: defineCommand({ id: 'undo', label: 'Undo', group: 'Editing', scope: 'sample', keys: ['Mod+z'], when: notGenerating, capture: 'none', perform: () => travel('undo') }),
    redo: defineCommand({ id: 'redo', label: 'Redo', group: 'Editing', scope: 'sample', keys: ['Mod+Shift+Z', 'Mod+y'], when: notGenerating, capture: 'none', perform: () => travel('redo') }),
    editStep: defineCommand({
      id: 'editStep',
      label: 'Edit this paragraph',
      group: 'Editing',
      scope: 'sample',
      keys: ['e'],
      when: idle,
      capture: 'none',
      perform: (_call, stepIndex?: number) => {
        const s = get();
        const sample = openSampleOf(s);
        if (!sample) return;
        const steps = stepsOf(sample.trace);
        const step = steps[stepIndex ?? Math.min(s.cursorStep, steps.length - 1)];
        if (!step) return;
        if (step.kind !== 'paragraph' && step.kind !== 'answer') {
          set({ hintNotice: 'Only prose can be edited here; code cells are edited in their editor.' });
          return;
        }
        set({ editingStepId: step.id, cursorStep: step.index, composer: null, hintNotice: null });
      },
    }),
    cancelEdit: defineCommand({
      id: 'cancelEdit',
      label: 'Cancel editing',
      group: 'Editing',
      scope: 'editing',
      keys: ['Escape'],
      // Escape in the editor's text field.
      fields: true,
      capture: 'none',
      perform: () => set({ editingStepId: null, composer: null }),
    }),
    /** Save the paragraph being edited; returns an error message, or null when saved. */
    saveStepEdit: defineCommand({
      id: 'saveStepEdit',
      label: 'Save edit',
      group: 'Editing',
      scope: 'editing',
      takesArgs: true,
      capture: { undo: 'Edit prose', event: 'edit' },
      perform: (call, stepText: string): string | null => {
        const stepId = get().editingStepId;
        if (!stepId) return null;
        const error = tryEdit(call, (current) => {
          const { segmentId, text } = segmentTextWithStep(current, stepId, stepText);
          return editProse(current, segmentId, text, now(), projectProfiles(get().settings));
        });
        if (!error) set({ editingStepId: null });
        return error;
      },
    }),
    openComposer: defineCommand({
      id: 'openComposer',
      label: 'Append prose at the end',
      group: 'Editing',
      scope: 'sample',
      keys: ['a'],
      when: idle,
      capture: 'none',
      perform: () => set({ composer: 'prose', editingStepId: null, hintNotice: null }),
    }),
    openCodeComposer: defineCommand({
      id: 'openCodeComposer',
      label: 'Append a code cell at the end',
      group: 'Editing',
      scope: 'sample',
      keys: ['Shift+A'],
      when: idle,
      capture: 'none',
      perform: () => set({ composer: 'code', editingStepId: null, hintNotice: null }),
    }),
    /** Append what the annotator wrote; returns an error message, or null when appended. */
    appendToTrace: defineCommand({
      id: 'appendToTrace',
      label: 'Append',
      group: 'Editing',
      scope: 'editing',
      takesArgs: true,
      capture: { undo: 'Append', event: 'edit' },
      perform: (call, kind: ComposerKind, text: string): string | null => {
        if (!text.trim()) return kind === 'code' ? 'The code cell is empty.' : 'Nothing to append.';
        const error = tryEdit(call, (current) => (kind === 'code' ? appendCode(current, text, now(), projectProfiles(get().settings)) : appendProse(current, text, now(), projectProfiles(get().settings))));
        if (!error) {
          const sample = openSampleOf(get())!;
          const steps = stepsOf(sample.trace);
          set({ composer: null, cursorStep: Math.max(0, steps.length - 1), caretOffset: steps.at(-1)?.end ?? 0 });
        }
        return error;
      },
    }),
  };
}
