/** The insertion caret, the hint palette and in-place editing (hints.ts, edits.ts). */
import { BUILT_IN_HINTS, type Hint } from '../../core/hints';

export type ComposerKind = 'prose' | 'code';

export interface HintsSlice {
  hintLibrary: Hint[];
  /** Character offset of the insertion caret in the open trace; null = start of the cursor step. */
  caretOffset: number | null;
  /** Last refusal (a cut inside a code block, an invalid edit), shown until the next action. */
  hintNotice: string | null;
  /** Id of the prose step being edited in place (`Step.id`), or null. */
  editingStepId: string | null;
  /** The end-of-trace composer, when open. */
  composer: ComposerKind | null;
}

export function initialHintsSlice(): HintsSlice {
  return { hintLibrary: [...BUILT_IN_HINTS], caretOffset: null, hintNotice: null, editingStepId: null, composer: null };
}
