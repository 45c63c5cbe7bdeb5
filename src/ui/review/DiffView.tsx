import { useMemo } from 'react';
import type { Sample } from '../../core/sample/types';
import { currentChecks } from '../../store/checks/checks';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { KeyHint } from './ReviewStatusBar';
import { traceDiff } from './traceDiff';

/** The imported trace against the current one: removed text struck through, hints and cuts marked. */
export function DiffView({ sample }: { sample: Sample }) {
  const actions = useActions();
  const diff = useMemo(() => traceDiff(sample), [sample]);
  const efficiency = useStudioState((s) => currentChecks(s, sample)?.result.efficiency);
  const close = () => actions.toggleDiff.run('button');

  return (
    <Dialog
      title="Imported → current"
      testId="diff-view"
      className="diff-view"
      onClose={close}
      headerExtras={
        <>
          <span className="chip">{diff.granularity}-level</span>
          <span className="diff-stat diff-stat--added">+{diff.addedChars.toLocaleString('en-US')} chars</span>
          <span className="diff-stat diff-stat--removed">−{diff.removedChars.toLocaleString('en-US')} chars</span>
          {efficiency?.tokensOriginal !== undefined && efficiency.tokensNow !== undefined && (
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
