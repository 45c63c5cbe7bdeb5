import { answerState, type SampleSummary } from '../../store/library/rows';

const MARK = { match: '✓', mismatch: '✗', unchecked: '—', none: '—' } as const;

const TITLE = {
  match: 'Boxed answer matches gt_answer',
  mismatch: 'Boxed answer differs from gt_answer',
  unchecked: 'No gt_answer to compare with',
  none: 'No \\boxed{} answer in the trace',
} as const;

/** ✓/✗/— with the boxed answer next to it; shared by the library and the sample header. */
export function AnswerMark({ summary, gtAnswer }: { summary: SampleSummary; gtAnswer?: string }) {
  const state = answerState(summary);
  const title = gtAnswer !== undefined ? `${TITLE[state]} (gt: ${gtAnswer})` : TITLE[state];
  return (
    <span className={`answer-mark answer-mark--${state}`} title={title} data-testid="answer-mark" data-state={state}>
      <span className="answer-mark__sign" aria-label={TITLE[state]}>
        {MARK[state]}
      </span>
      {summary.hasAnswer && <code className="answer-mark__value">{summary.answer}</code>}
    </span>
  );
}
