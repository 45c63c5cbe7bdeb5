/** The library header's Export button; it also hosts the dialog, which the `e` key opens too. */
import { useActions, useStudioState } from '../app/StudioContext';
import { ExportDialog } from './ExportDialog';

export function ExportButton() {
  const actions = useActions();
  const open = useStudioState((s) => s.exportDialogOpen);
  return (
    <>
      <button
        className="btn"
        onClick={() => actions.openExportDialog.run('button')}
        data-testid="export-open"
        title="Export training data (key: e)"
      >
        {actions.openExportDialog.label} <span className="kbd">e</span>
      </button>
      {open && <ExportDialog />}
    </>
  );
}
