import { useActions, useStudioState } from '../app/StudioContext';
import { RejectTable, ReportPanel } from '../common/ReportPanel';

/**
 * What the last import did: counts, every rejected record with file, line, field and reason,
 * and every record imported with a remark (a merged duplicate, a dropped oversized field).
 */
export function ImportReportPanel() {
  const report = useStudioState((s) => s.importReport);
  // A failed save of the import is retried: once the banner is gone, the samples are on disk.
  const stillUnsaved = useStudioState((s) => s.saveError !== null);
  const actions = useActions();
  if (!report) return null;
  const unsaved = report.notSaved !== undefined && stillUnsaved;
  const notes = report.notes ?? [];
  const merged = report.merged ?? 0;
  return (
    <ReportPanel
      tone={unsaved || report.rejects.length || notes.some((n) => n.kind !== 'duplicate' && n.kind !== 'profile-added') ? 'warn' : 'ok'}
      label="Import report"
      testId="import-report"
      dismiss={actions.dismissImportReport}
      summary={
        <>
          {unsaved ? (
            <strong className="report-panel__bad" data-testid="import-not-saved">
              {report.imported} read but NOT saved: {report.notSaved} They are kept in this tab and retried.
            </strong>
          ) : (
            <strong data-testid="import-imported">
              {report.imported} imported{report.notSaved !== undefined && ' (saved on a retry)'}
            </strong>
          )}
          <span data-testid="import-present">{report.alreadyPresent} already present (not duplicated)</span>
          {(report.updated ?? 0) > 0 && <span data-testid="import-updated">{report.updated} updated with the file’s newer edit</span>}
          {merged > 0 && <span data-testid="import-merged">{merged} identical (prompt, response) merged</span>}
          <span data-testid="import-rejected" className={report.rejects.length ? 'report-panel__bad' : undefined}>
            {report.rejects.length} rejected
          </span>
          <span className="report-panel__files">from {report.files.join(', ')}</span>
        </>
      }
    >
      <RejectTable rejects={report.rejects} testId="import-rejects" rowTestId="import-reject" />
      <RejectTable
        rejects={notes.map((n) => ({ file: n.file, line: n.line, unit: n.unit, field: n.field, reason: n.message }))}
        testId="import-notes"
        rowTestId="import-note"
        reasonLabel="Note"
      />
    </ReportPanel>
  );
}
