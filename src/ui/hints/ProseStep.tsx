import { useMemo, type MouseEvent } from 'react';
import type { Sample } from '../../core/sample/types';
import type { Step } from '../../core/trace';
import { useActions, useStudioState } from '../app/StudioContext';
import { renderMarkdown } from '../markdown/renderMarkdown';
import { effectiveCaret } from '../../store/hints/hints';
import { cutSlotsOf, renderWithCutSlots, slotsKeepMarkdown } from './cutSlots';
import { ProseEditor } from './ProseEditor';

interface Props {
  sample: Sample;
  step: Step;
  isCursor: boolean;
}

/**
 * A paragraph (or final-answer) step. Under the cursor it shows its sentence boundaries as
 * insertion points and the caret; `e` or a double-click edits it in place.
 */
export function ProseStep({ sample, step, isCursor }: Props) {
  const actions = useActions();
  const editing = useStudioState((s) => s.editingStepId === step.id);
  const caret = useStudioState((s) => (isCursor ? effectiveCaret(s, sample) : null));
  const className = step.kind === 'answer' ? 'markdown markdown--answer' : 'markdown';
  const slots = useMemo(() => cutSlotsOf(step), [step]);
  // Where the slots leave the Markdown as it is, every row carries them (hidden off the cursor
  // by CSS): a cursor move then flips one class instead of rebuilding two paragraphs' DOM.
  const slottedOffCursor = useMemo(() => slotsKeepMarkdown(step.text, slots), [step.text, slots]);
  const html = useMemo(
    () => (isCursor || slottedOffCursor ? renderWithCutSlots(step.text, slots, caret) : renderMarkdown(step.text)),
    [isCursor, slottedOffCursor, step.text, slots, caret],
  );

  if (editing) return <ProseEditor sample={sample} step={step} />;

  const onClick = (event: MouseEvent) => {
    const offset = (event.target as HTMLElement).closest<HTMLElement>('[data-cut-offset]')?.dataset.cutOffset;
    if (offset !== undefined) actions.setCaret.run('pointer', Number(offset));
  };
  const onDoubleClick = () => actions.editStep.run('pointer', step.index);

  // One element structure for both states, so React keeps the paragraph's DOM across cursor moves.
  return (
    <div onClick={isCursor ? onClick : undefined} onDoubleClick={onDoubleClick}>
      <div className={isCursor ? className : `${className} cut-slots--hidden`} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
