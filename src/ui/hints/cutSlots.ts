/**
 * Insertion points drawn inside a rendered paragraph. Each sentence boundary gets a mark in
 * the Markdown source (markdown/marks); after rendering, each mark becomes a clickable slot
 * (and the current one the caret). Boundaries never fall inside math or inline code
 * (core/trace/sentences), so a mark never lands where KaTeX or a code span would see it; one
 * inside a link's title or an image's description is dropped by the renderer.
 */
import type { Step } from '../../core/trace';
import { marksKeepMarkdown, renderWithMarks } from '../markdown/marks';

export interface CutSlot {
  /** Offset in the whole trace. */
  offset: number;
  /** Offset inside the paragraph text. */
  local: number;
}

/** A prose step's sentence boundaries as cut slots (shared by the cursor row and the warm-up ahead of it). */
export function cutSlotsOf(step: Pick<Step, 'start' | 'sentenceBoundaries'>): CutSlot[] {
  return step.sentenceBoundaries.map((offset) => ({ offset, local: offset - step.start }));
}

export function renderWithCutSlots(text: string, slots: CutSlot[], caret: number | null): string {
  return renderWithMarks(
    text,
    slots.map((slot) => slot.local),
    (index) => {
      const slot = slots[index];
      return slot.offset === caret
        ? `<span class="cut-slot cut-slot--caret" data-testid="insert-caret" data-cut-offset="${slot.offset}" title="Insertion point: a hint key inserts here"></span>`
        : `<span class="cut-slot" data-cut-offset="${slot.offset}" title="Put the insertion point here"></span>`;
    },
  );
}

/**
 * Whether the marks leave the Markdown as it was: true unless a boundary sits where a mark
 * changes the parse (before a list item, say). Then the slotted HTML with its slots hidden
 * looks exactly like the plain rendering, so a row can keep one DOM whether or not the
 * cursor is on it.
 */
export function slotsKeepMarkdown(text: string, slots: CutSlot[]): boolean {
  return marksKeepMarkdown(
    text,
    slots.map((slot) => slot.local),
  );
}
