import { useMemo } from 'react';
import { approvalState, type ContentField } from '../../core/review';
import type { Sample } from '../../core/sample/types';
import { currentChecks } from '../../store/checks/checks';
import type { DiffBase } from '../../store/review/state';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { KeyHint } from './ReviewStatusBar';
import { traceDiff, type DiffBaseText } from './traceDiff';
import { StepLabelList } from '../sample/StepLabel';

const FIELD_LABELS: Record<Exclude<ContentField, 'response'>, string> = { problem: 'Problem', prompt: 'Prompt', gtAnswer: 'Ground truth' };

/**
 * The current trace against a base: the imported trace, or the content a reviewer last
 * approved (then also the problem, prompt and ground truth when they changed). Removed text
 * struck through, hints and cuts marked.
 */
export function DiffView({ sample }: { sample: Sample }) {
  const actions = useActions();
  const chosen = useStudioState((s) => s.review.diffBase);
  const state = approvalState(sample);
  const approval = state.approval;
  const base: DiffBase = chosen === 'approved' && approval ? 'approved' : 'imported';
  const baseText: DiffBaseText = base === 'approved' && approval ? { text: approval.content.response, since: approval.at } : { text: sample.original };
  const diff = useMemo(() => traceDiff(sample, baseText), [sample, baseText.text, baseText.since]); // eslint-disable-line react-hooks/exhaustive-deps
  const efficiency = useStudioState((s) => currentChecks(s, sample)?.result.efficiency);
  const close = () => actions.toggleDiff.run('button');
  const otherFields =
    base === 'approved' && approval
      ? (['problem', 'prompt', 'gtAnswer'] as const).filter((f) => (f === 'gtAnswer' ? (sample.gtAnswer ?? null) : sample[f]) !== approval.content[f])
      : [];

  return (
    <Dialog
      title={base === 'approved' ? `Approved by ${approval!.by} → current` : 'Imported → current'}
      testId="diff-view"
      className="diff-view"
      onClose={close}
      headerExtras={
        <>
          {approval && (
            <span className="diff-base" role="group" aria-label="Compare with">
              <button className={`btn btn--small${base === 'imported' ? ' btn--primary' : ''}`} onClick={() => actions.showDiff.run('button', 'imported')} data-testid="diff-base-imported">
                since import
              </button>
              <button className={`btn btn--small${base === 'approved' ? ' btn--primary' : ''}`} onClick={() => actions.showDiff.run('button', 'approved')} data-testid="diff-base-approved">
                since approval
              </button>
            </span>
          )}
          <span className="chip">{diff.granularity}-level</span>
          <span className="diff-stat diff-stat--added">+{diff.addedChars.toLocaleString('en-US')} chars</span>
          <span className="diff-stat diff-stat--removed">−{diff.removedChars.toLocaleString('en-US')} chars</span>
          {base === 'imported' && efficiency?.tokensOriginal !== undefined && efficiency.tokensNow !== undefined && (
            <span className="diff-stat" data-testid="diff-tokens">
              {efficiency.tokensOriginal.toLocaleString('en-US')} → {efficiency.tokensNow.toLocaleString('en-US')} tokens
              {efficiency.savingPercent !== undefined &&
                (efficiency.savingPercent >= 0 ? ` (${Math.round(efficiency.savingPercent)}% saved)` : ` (${Math.round(-efficiency.savingPercent)}% longer)`)}
            </span>
          )}
          <span className="topbar__spacer" />
          <span className="diff-legend">
            <span className="diff-piece diff-piece--hint">hint</span> <span className="diff-piece diff-piece--added">added</span>{' '}
            <span className="diff-piece diff-piece--removed">removed</span>
          </span>
          <button className="btn btn--small" onClick={close}>
            Close <KeyHint action={actions.toggleDiff} />
          </button>
        </>
      }
    >
      {base === 'approved' && (
        <p className="diff-view__note" data-testid="diff-approval-note">
          {state.status === 'changed-since-approval'
            ? `Changed since ${approval!.by} approved it (${approval!.at.slice(0, 16).replace('T', ' ')}): an “approved only” export holds it back until the changes are approved.`
            : `The content ${approval!.by} approved (${approval!.at.slice(0, 16).replace('T', ' ')}).`}
        </p>
      )}
      {otherFields.map((f) => (
        <p key={f} className="diff-view__field" data-testid="diff-field" data-field={f}>
          <strong>{FIELD_LABELS[f]}:</strong> <span className="diff-piece diff-piece--removed">{String(approval!.content[f] ?? '(none)')}</span> →{' '}
          <span className="diff-piece diff-piece--added">{String((f === 'gtAnswer' ? sample.gtAnswer : sample[f]) ?? '(none)')}</span>
        </p>
      ))}
      <StepLabelList sample={sample} />
      <pre className="diff-view__body" data-testid="diff-body">
        {diff.pieces.map((p, i) =>
          p.kind === 'cut' ? (
            <span key={i} className="diff-cut" data-testid="diff-cut" title={`${p.chars.toLocaleString('en-US')} characters moved to a branch`}>
              ✂ {p.label}
            </span>
          ) : (
            <span key={i} className={`diff-piece diff-piece--${'hint' in p && p.hint ? 'hint' : p.kind}`} data-hint={'hint' in p ? p.hint : undefined}>
              {p.text}
            </span>
          ),
        )}
      </pre>
    </Dialog>
  );
}
