import { useMemo } from 'react';
import type { Sample } from '../../core/sample/types';
import type { ConflictEntry } from '../../store/sync/state';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import '../review/review.css';
import { compareVersions, type Piece } from './conflictView';
import './conflict.css';

/**
 * Two versions of one sample met: theirs (stored by another tab or a teammate) and mine (this
 * tab's edit, refused). Both side by side, and the four ways out; nothing is lost by any.
 */
export function ConflictDialog() {
  const id = useStudioState((s) => s.sync.conflictOpen);
  const entry = useStudioState((s) => (id ? s.sync.conflicts[id] : undefined));
  const mine = useStudioState((s) => (id ? s.samples[id] : undefined));
  if (!id || !entry || !mine) return null;
  return <ConflictPanel entry={entry} mine={mine} />;
}

function ConflictPanel({ entry, mine }: { entry: ConflictEntry; mine: Sample }) {
  const actions = useActions();
  const draft = useStudioState((s) => s.sync.mergeDraft);
  const cmp = useMemo(() => compareVersions(mine, entry.theirs), [mine, entry.theirs]);
  const close = () => actions.closeConflict.run('button');
  const merging = draft !== null;

  return (
    <Dialog
      title="This sample was changed elsewhere while you edited it"
      testId="conflict-dialog"
      className="conflict-dialog"
      onClose={close}
      closeOnBackdrop={false}
      headerExtras={
        <>
          <span className="chip">{cmp.granularity}-level</span>
          <span className="diff-stat diff-stat--removed">{cmp.onlyTheirsChars.toLocaleString('en-US')} chars only theirs</span>
          <span className="diff-stat diff-stat--added">{cmp.onlyMineChars.toLocaleString('en-US')} chars only mine</span>
        </>
      }
      actions={
        merging ? (
          <>
            <button className="btn" onClick={() => actions.cancelConflictMerge.run('button')} data-testid="conflict-merge-cancel">
              Back to the comparison
            </button>
            <button className="btn btn--primary" onClick={() => actions.finishConflictMerge.run('button')} data-testid="conflict-merge-save">
              {actions.finishConflictMerge.label}
            </button>
          </>
        ) : (
          <>
            <button className="btn" onClick={close} data-testid="conflict-later">
              {actions.closeConflict.label}
            </button>
            <span className="topbar__spacer" />
            <button className="btn" onClick={() => actions.startConflictMerge.run('button')} data-testid="conflict-merge">
              {actions.startConflictMerge.label}
            </button>
            <button className="btn" onClick={() => actions.keepBothVersions.run('button')} data-testid="conflict-keep-both">
              {actions.keepBothVersions.label}
            </button>
            <button className="btn" onClick={() => actions.keepTheirVersion.run('button')} data-testid="conflict-keep-theirs">
              {actions.keepTheirVersion.label}
            </button>
            <button className="btn btn--primary" onClick={() => actions.keepMyVersion.run('button')} data-testid="conflict-keep-mine">
              {actions.keepMyVersion.label}
            </button>
          </>
        )
      }
    >
      <p className="conflict-dialog__note">
        Your edit was not written over theirs. Whatever you choose, the other version stays one undo away
        {merging ? '' : '; “keep both” puts theirs in the branches'}.
        {cmp.otherFields.length > 0 && (
          <span data-testid="conflict-other-fields"> Besides the trace, they differ in: {cmp.otherFields.join(', ')}.</span>
        )}
      </p>
      <div className="conflict-dialog__columns">
        <section className="conflict-dialog__side" data-testid="conflict-theirs" aria-label="Their version">
          <h3 className="conflict-dialog__head">
            Theirs <span className="faint">— {entry.theirAuthor}, version {entry.theirVersion}, saved {entry.theirs.updatedAt.slice(0, 19).replace('T', ' ')}</span>
          </h3>
          <Pieces pieces={cmp.theirs} only="removed" />
        </section>
        <section className="conflict-dialog__side" data-testid="conflict-mine" aria-label="My version">
          <h3 className="conflict-dialog__head">
            {merging ? 'Merged text' : 'Mine'} <span className="faint">— {merging ? 'edit freely, then save' : `this tab, edited from version ${entry.baseVersion}`}</span>
          </h3>
          {merging ? (
            <textarea
              className="conflict-dialog__merge"
              value={draft}
              autoFocus
              spellCheck={false}
              onChange={(e) => actions.editConflictMerge.run('pointer', e.target.value)}
              data-testid="conflict-merge-text"
              aria-label="Merged trace text"
            />
          ) : (
            <Pieces pieces={cmp.mine} only="added" />
          )}
        </section>
      </div>
    </Dialog>
  );
}

/** One side's text; what only this side has is marked (red for theirs, green for mine). */
function Pieces({ pieces, only }: { pieces: Piece[]; only: 'added' | 'removed' }) {
  return (
    <pre className="diff-view__body conflict-dialog__body">
      {pieces.map((p, i) => (
        <span key={i} className={p.kind === 'only' ? `diff-piece conflict-piece--${only}` : 'diff-piece'}>
          {p.text}
        </span>
      ))}
    </pre>
  );
}
