import type { Sample } from '../../core/sample/types';
import type { Step } from '../../core/trace';
import { useStudioState } from '../app/StudioContext';
import { effectiveCaret } from '../../store/hints/hints';

/**
 * The caret between steps: a line above the cursor step when the insertion point is its
 * start, or below the last step when it is the end of the trace.
 */
export function InsertionLine({ sample, step, edge, isCursor }: { sample: Sample; step: Step; edge: 'before' | 'after'; isCursor: boolean }) {
  const shown = useStudioState((s) => isCursor && effectiveCaret(s, sample) === (edge === 'before' ? step.start : step.end));
  const isEnd = edge === 'after';
  if (!shown || (isEnd && step.end === step.start)) return null;
  return (
    <div className={`insert-line insert-line--${edge}`} data-testid="insert-caret" data-cut-offset={isEnd ? step.end : step.start}>
      <span className="insert-line__label">{isEnd ? 'insert at end' : 'insert here'}</span>
    </div>
  );
}
