/** What the review layer pins to steps: hint suggestions (not dismissed) and comments. */
import type { ReviewComment } from '../../core/review';
import type { Sample } from '../../core/sample/types';
import { suggestHints, type HintSuggestion } from '../../core/suggest';
import type { Trace } from '../../core/trace/types';
import { stepIndexOfAnchor, suggestionKey, type CuratedSample } from './review';

// Both depend only on immutable objects from the store, so identity caches are safe.
const suggestionsByTrace = new WeakMap<Trace, HintSuggestion[]>();
const commentsBySample = new WeakMap<Sample, Map<number, ReviewComment[]>>();

/** Hint suggestions for the sample's trace, minus those the annotator dismissed. */
export function openSuggestions(sample: Sample): HintSuggestion[] {
  let all = suggestionsByTrace.get(sample.trace);
  if (!all) {
    all = suggestHints(sample.trace);
    suggestionsByTrace.set(sample.trace, all);
  }
  const dismissed = new Set((sample as CuratedSample).dismissedSuggestions ?? []);
  return dismissed.size ? all.filter((s) => !dismissed.has(suggestionKey(s))) : all;
}

/** Comments by the index of the step they are anchored to (comments on vanished text are left out). */
export function commentsByStep(sample: Sample): Map<number, ReviewComment[]> {
  let byStep = commentsBySample.get(sample);
  if (!byStep) {
    byStep = new Map();
    for (const c of (sample as CuratedSample).comments ?? []) {
      const index = stepIndexOfAnchor(sample, c.stepAnchor);
      if (index !== undefined) byStep.set(index, [...(byStep.get(index) ?? []), c]);
    }
    commentsBySample.set(sample, byStep);
  }
  return byStep;
}
