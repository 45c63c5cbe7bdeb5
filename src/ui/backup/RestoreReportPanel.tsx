/** What the last restore did: per sample added / updated / kept with the reason, then settings and hints. */
import { useActions, useStudioState } from '../app/StudioContext';
import { RejectTable, ReportPanel } from '../common/ReportPanel';
import type { RestoreOutcome } from '../../store/project/backup';

const OUTCOME_CHIP: Record<RestoreOutcome, string> = { added: 'chip--ok', updated: 'chip--warn', kept: '' };

export function RestoreReportPanel() {
  const report = useStudioState((s) => s.restoreReport);
  // A failed save of the restore is retried: once the banner is gone, the samples are on disk.
  const stillUnsaved = useStudioState((s) => s.saveError !== null);
  const actions = useActions();
  if (!report) return null;
  const unsaved = report.notSaved !== undefined && stillUnsaved;
  const count = (o: RestoreOutcome) => report.rows.filter((r) => r.outcome === o).length;

  return (
    <ReportPanel
      tone={report.error || unsaved || report.rejects.length ? 'warn' : 'ok'}
      label="Restore report"
      testId="restore-report"
      className="restore-report"
      dismiss={actions.dismissRestoreReport}
      summary={
        report.error ? (
          <strong className="report-panel__bad" data-testid="restore-error">
            Not restored: {report.error}
          </strong>
        ) : (
          <>
            {unsaved ? (
              <strong className="report-panel__bad" data-testid="restore-not-saved">
                Read {report.file} but NOT saved: {report.notSaved} The samples are kept in this tab and retried.
              </strong>
            ) : (
              <strong>
                Restored {report.file}
                {report.notSaved !== undefined && ' (saved on a retry)'}
              </strong>
            )}
            <span data-testid="restore-added">{count('added')} added</span>
            <span data-testid="restore-updated">{count('updated')} updated</span>
            <span data-testid="restore-kept">{count('kept')} kept</span>
            {report.rejects.length > 0 && <span className="report-panel__bad">{report.rejects.length} rejected</span>}
            <span className="report-panel__files">backup taken {report.backupTakenAt}</span>
          </>
        )
      }
    >
      {report.rows.length > 0 && (
        <details className="restore-report__details" open={report.rows.some((r) => r.outcome !== 'added') || report.rows.length <= 8}>
          <summary>By sample</summary>
          <table className="reject-table restore-report__table">
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.sampleId} data-testid="restore-row" data-outcome={r.outcome} data-sample-id={r.sampleId}>
                  <td>
                    <span className={`chip ${OUTCOME_CHIP[r.outcome]}`}>{r.outcome}</span>
                  </td>
                  <td className="restore-report__problem">{r.problem.replace(/\s+/g, ' ')}</td>
                  <td className={`restore-report__detail${r.outcome === 'kept' && r.detail !== 'already up to date' ? ' restore-report__detail--kept' : ''}`}>
                    {r.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <RejectTable rejects={report.rejects} testId="restore-rejects" rowTestId="restore-reject" />
      {report.extras.notes.map((n) => (
        <p key={n} className="restore-report__note" data-testid="restore-note">
          {n}
        </p>
      ))}
    </ReportPanel>
  );
}
