import { formatChord } from '../../store';
import { useActions, useServices, useStudioState } from '../app/StudioContext';

/** Undo/redo of the open sample, naming the edit each would take back. */
export function UndoButtons({ sampleId }: { sampleId: string }) {
  const actions = useActions();
  const services = useServices();
  useStudioState((s) => s.historyVersion); // re-read the stacks after every change
  const busy = useStudioState((s) => s.generation !== null);
  const status = services.undoStatus(sampleId);
  return (
    <div className="undo-buttons">
      <button
        className="btn btn--small"
        disabled={!status.undo || busy}
        onClick={() => actions.undo.run('button')}
        title={status.undo ? `Undo: ${status.undo} (${formatChord(actions.undo.keys![0]!)})` : 'Nothing to undo'}
        data-testid="undo"
      >
        ↶ Undo
      </button>
      <button
        className="btn btn--small"
        disabled={!status.redo || busy}
        onClick={() => actions.redo.run('button')}
        title={status.redo ? `Redo: ${status.redo} (${formatChord(actions.redo.keys![0]!)})` : 'Nothing to redo'}
        data-testid="redo"
      >
        ↷ Redo
      </button>
    </div>
  );
}
