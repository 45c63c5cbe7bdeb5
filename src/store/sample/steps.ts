import { buildSteps } from '../../core/trace';
import type { Trace } from '../../core/trace/types';

type Step = ReturnType<typeof buildSteps>[number];

// Steps are derived from the trace; a trace object is immutable once in the store, so caching
// by identity gives the cursor actions and the sample view the same list without recomputing.
const stepsByTrace = new WeakMap<Trace, Step[]>();

export function stepsOf(trace: Trace): Step[] {
  let steps = stepsByTrace.get(trace);
  if (!steps) {
    steps = buildSteps(trace);
    stepsByTrace.set(trace, steps);
  }
  return steps;
}
