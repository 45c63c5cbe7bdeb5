import { useEffect } from 'react';
import type { Step } from '../../core/trace';
import type { TokenCounts } from '../../core/tokens';
import { cutSlotsOf, renderWithCutSlots } from '../hints/cutSlots';
import { renderMarkdown } from '../markdown/renderMarkdown';

/** Steps warmed past the cursor: more than a screen plus the list's overscan, so `j` never catches up. */
export const WARM_AHEAD = 24;
/** And behind it, for `k`. */
export const WARM_BEHIND = 6;

/** Steps to warm for a cursor, nearest first (ahead before behind at equal distance). */
export function warmOrder(stepCount: number, cursor: number): number[] {
  const order: number[] = [];
  for (let d = 0; d <= WARM_AHEAD; d++) {
    if (cursor + d < stepCount) order.push(cursor + d);
    if (d > 0 && d <= WARM_BEHIND && cursor - d >= 0) order.push(cursor - d);
  }
  return order;
}

// Steps are immutable (derived once per trace revision), so identity says what is already warm.
const warmedWith = new WeakMap<Step, TokenCounts | null>();

/**
 * Fills the token-count and Markdown caches (both keyed by text) for one step: what a row
 * needs when the virtual list mounts it, and what its prose needs when the cursor lands on it.
 * The count is asked of the token worker (`count`), not made here.
 */
export function warmStep(step: Step, counter: TokenCounts | null, count?: (texts: string[]) => void): void {
  if (warmedWith.has(step) && warmedWith.get(step) === counter) return;
  warmedWith.set(step, counter);
  if (counter) count?.([step.text]);
  if (step.kind === 'paragraph' || step.kind === 'answer') {
    renderMarkdown(step.text);
    renderWithCutSlots(step.text, cutSlotsOf(step), null);
  }
}

const idle: (run: (deadline: { timeRemaining(): number }) => void) => number =
  typeof requestIdleCallback === 'function' ? (run) => requestIdleCallback(run, { timeout: 500 }) : (run) => window.setTimeout(() => run({ timeRemaining: () => 8 }), 16);
const cancelIdle = (id: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));

/**
 * While the annotator skims with `j`/`k`, a row entering the list would otherwise tokenize
 * its text and render its Markdown and KaTeX in the keypress that scrolls it in (the first
 * visit of each step, i.e. every step of a first read). Doing that in idle time for the steps
 * around the cursor keeps each move's cost independent of how long the trace is.
 */
export function useWarmStepsAhead(steps: Step[], cursor: number, counter: TokenCounts | null, count?: (texts: string[]) => void): void {
  useEffect(() => {
    const order = warmOrder(steps.length, cursor);
    let next = 0;
    let id = 0;
    const work = (deadline: { timeRemaining(): number }) => {
      // At least one step per slice, so a page that is never idle still makes progress.
      do warmStep(steps[order[next++]], counter, count);
      while (next < order.length && deadline.timeRemaining() > 4);
      if (next < order.length) id = idle(work);
    };
    id = idle(work);
    return () => cancelIdle(id);
  }, [steps, cursor, counter, count]);
}
