import type { AnswerVerdict } from '../../core/checks/answer';
import type { Sample } from '../../core/sample/types';
import { currentChecks } from '../../store/checks/checks';
import { useStudioState } from '../app/StudioContext';
import { answerState, type AnswerState, type SampleSummary } from '../../store/library/rows';

const MARK: Record<AnswerState, string> = { match: '✓', mismatch: '✗', pending: '…', undecided: '?', unchecked: '—', none: '—' };

const TITLE: Record<AnswerState, string> = {
  match: 'Boxed answer matches gt_answer',
  mismatch: 'Boxed answer differs from gt_answer',
  pending: 'Deciding with SymPy…',
  undecided: 'Could not decide whether the boxed answer matches gt_answer',
  unchecked: 'No gt_answer to compare with',
  none: 'No \\boxed{} answer in the trace',
};

/**
 * The answer verdict of a sample in the store, from its checks (decided by SymPy where
 * needed): the verdict the sample's checks panel and the export gate use. Undefined until
 * the sample has been checked at its current content.
 */
export function useCheckedAnswer(sample: Sample | undefined): AnswerVerdict | undefined {
  return useStudioState((s) => (sample ? currentChecks(s, s.samples[sample.id] ?? sample)?.result.answer : undefined));
}

/**
 * ✓/✗/…/?/— with the boxed answer next to it; shared by the library, the sample header and
 * the compare dialog. Given the `sample`, it shows its checks' verdict, the same one the
 * library filter and the checks panel use; otherwise (a candidate trace not in the store)
 * the verdict as far as it is decided without an interpreter.
 */
export function AnswerMark({ summary, gtAnswer, sample }: { summary: SampleSummary; gtAnswer?: string; sample?: Sample }) {
  const checked = useCheckedAnswer(sample);
  const state = answerState(summary, checked?.verdict);
  const why = state === 'undecided' || state === 'mismatch' ? checked?.detail : undefined;
  const title = [TITLE[state], gtAnswer !== undefined ? `(gt: ${gtAnswer})` : '', why ? `— ${why}` : ''].filter(Boolean).join(' ');
  return (
    <span className={`answer-mark answer-mark--${state}`} title={title} data-testid="answer-mark" data-state={state}>
      <span className="answer-mark__sign" aria-label={TITLE[state]}>
        {MARK[state]}
      </span>
      {summary.hasAnswer && <code className="answer-mark__value">{summary.answer}</code>}
    </span>
  );
}
