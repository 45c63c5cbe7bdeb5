/**
 * Precision and recall of `suggestHints` against hand-labelled excerpts: a suggestion counts
 * when a label of the same hint type names a phrase of the suggestion's step. Used by the
 * tuning set's test and by the held-out set's test, so both figures mean the same thing.
 */
import { buildSteps, parseTrace } from '../../trace';
import { suggestHints } from '../suggest';
import type { HintSuggestion } from '../types';

export interface ScoredExcerpt {
  name: string;
  text: string;
  expected: { hintType: HintSuggestion['hintType']; paragraphContains: string }[];
}

export interface SuggestionScore {
  precision: number;
  recall: number;
  predicted: number;
  truePositives: number;
  expected: number;
  found: number;
  /** One line per false or missed suggestion, for the test log. */
  mistakes: string[];
}

export function measureSuggestions(excerpts: readonly ScoredExcerpt[]): SuggestionScore {
  let predicted = 0;
  let truePositives = 0;
  let expected = 0;
  let found = 0;
  const mistakes: string[] = [];
  for (const ex of excerpts) {
    const trace = parseTrace(ex.text);
    const steps = new Map(buildSteps(trace).map((s) => [s.id, s]));
    const suggestions = suggestHints(trace);
    const matches = (label: ScoredExcerpt['expected'][number], s: HintSuggestion) =>
      s.hintType === label.hintType && steps.get(s.stepId)!.text.includes(label.paragraphContains);
    predicted += suggestions.length;
    for (const s of suggestions) {
      if (ex.expected.some((l) => matches(l, s))) truePositives++;
      else mistakes.push(`false ${s.hintType} in ${ex.name} (step "${steps.get(s.stepId)!.text.trim().slice(0, 50)}…"): ${s.reason}`);
    }
    for (const label of ex.expected) {
      expected++;
      if (suggestions.some((s) => matches(label, s))) found++;
      else mistakes.push(`missed ${label.hintType} in ${ex.name} at "${label.paragraphContains}"`);
    }
  }
  return { precision: truePositives / predicted, recall: found / expected, predicted, truePositives, expected, found, mistakes };
}

/** The one-line summary the tests print (plus the mistakes, one per line). */
export function describeScore(title: string, r: SuggestionScore, excerpts: number): string {
  return (
    `${title}: precision ${(r.precision * 100).toFixed(1)}% (${r.truePositives}/${r.predicted}), ` +
    `recall ${(r.recall * 100).toFixed(1)}% (${r.found}/${r.expected}) on ${excerpts} excerpts` +
    (r.mistakes.length ? `\n  ${r.mistakes.join('\n  ')}` : '')
  );
}
