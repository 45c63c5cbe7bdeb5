import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Sample } from '../../core/sample/types';
import type { Segment, Step } from '../../core/trace';
import type { TokenCounts } from '../../core/tokens';
import { useActions, useServices, useStudioState } from '../app/StudioContext';
import { StepRow } from './StepRow';
import { useWarmStepsAhead } from './useWarmStepsAhead';

/** A first guess of a row's height before it is measured, so the scrollbar is close from the start. */
function estimateStepHeight(step: Step): number {
  const lines = step.text.split('\n').length;
  switch (step.kind) {
    case 'code':
    case 'output':
      return 48 + lines * 19;
    case 'think-end':
      return 56;
    default:
      return 22 + Math.max(1, Math.ceil(step.text.length / 95) + lines / 2) * 23;
  }
}

interface Props {
  sample: Sample;
  steps: Step[];
  counter: TokenCounts | null;
  /** Shown after the last step, inside the scroll area (the end-of-trace tools of src/ui/generate). */
  footer?: ReactNode;
}

/**
 * The trace as a virtualized list of steps: only rows near the viewport exist in the DOM.
 * It reads the cursor itself, so a cursor move re-renders this list (and, through the memoized
 * StepRow, only the rows whose cursor flag flips), not the sample view around it.
 */
export function TraceList({ sample, steps, counter, footer }: Props) {
  const actions = useActions();
  const cursor = Math.min(useStudioState((s) => s.cursorStep), steps.length - 1);
  const scroller = useRef<HTMLDivElement>(null);
  const segments = useMemo(() => new Map<string, Segment>(sample.trace.segments.map((s) => [s.id, s])), [sample.trace]);

  const virtualizer = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateStepHeight(steps[i]),
    getItemKey: (i) => steps[i].id,
    overscan: 4,
    paddingStart: 12,
    paddingEnd: footer ? 8 : 160,
    // Keep some context around the cursor instead of pinning it to the viewport edge.
    scrollPaddingStart: 48,
    scrollPaddingEnd: 96,
  });

  // Keep the cursor in view whenever it moves (also right after opening, for a restored cursor).
  useEffect(() => {
    if (cursor < steps.length) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, steps.length, virtualizer]);

  // Steps near the cursor are counted ahead by the token worker, so a row shows its count on arrival.
  const services = useServices();
  const warmCount = useCallback((texts: string[]) => void services.tokens.countTexts(texts).catch(() => undefined), [services]);
  useWarmStepsAhead(steps, cursor, counter, warmCount);

  const select = useCallback((index: number) => actions.setCursor.run('pointer', index), [actions]);

  return (
    <div className="trace-scroll" ref={scroller} data-testid="trace-list" role="list" aria-label="Trace steps">
      <div className="trace-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const step = steps[item.index];
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="trace-row"
              role="listitem"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <StepRow
                sample={sample}
                step={step}
                segment={segments.get(step.segmentId)!}
                isCursor={item.index === cursor}
                counter={counter}
                onSelect={select}
              />
            </div>
          );
        })}
      </div>
      {footer}
    </div>
  );
}
