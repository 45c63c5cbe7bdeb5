/**
 * The export's tokenizing under way (it runs in a worker: the dialog stays usable), with a
 * Cancel; after a cancel, a way to run it again. Nothing while no tokenizer runs.
 */
import type { ExportRunControl } from './useExportPlan';

export function ExportRunStatus({ run }: { run: ExportRunControl }) {
  if (run.progress) {
    const { done, total } = run.progress;
    return (
      <div className="export-dialog__run" role="status" data-testid="export-progress">
        <progress max={total || 1} value={done} aria-label="Samples tokenized" />
        <span data-testid="export-progress-text">{total ? `Tokenizing ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : 'Loading the tokenizer…'}</span>
        <button className="btn btn--small" onClick={run.cancel} data-testid="export-cancel">
          Cancel
        </button>
      </div>
    );
  }
  if (run.cancelled) {
    return (
      <div className="export-dialog__run" role="status" data-testid="export-cancelled">
        <span>Tokenizing was cancelled: nothing to download.</span>
        <button className="btn btn--small" onClick={run.again} data-testid="export-again">
          Tokenize again
        </button>
      </div>
    );
  }
  return null;
}
