import type { ReactNode } from 'react';
import type { ImportRejectRow } from '../../store';
import './report.css';

/** The command that dismisses the report (its label names the button). */
interface Dismiss {
  label: string;
  run: (source: 'button') => unknown;
}

/** A report that stays above the library until dismissed: green when all went in, amber otherwise. */
export function ReportPanel({
  tone,
  label,
  testId,
  className,
  summary,
  dismiss,
  children,
}: {
  tone: 'ok' | 'warn';
  label: string;
  testId: string;
  className?: string;
  summary: ReactNode;
  dismiss: Dismiss;
  children?: ReactNode;
}) {
  return (
    <section className={`report-panel report-panel--${tone}${className ? ` ${className}` : ''}`} data-testid={testId} aria-label={label}>
      <div className="report-panel__head">
        <div className="report-panel__summary">{summary}</div>
        <button className="btn btn--ghost" onClick={() => dismiss.run('button')} aria-label={dismiss.label} data-testid={`${testId}-dismiss`}>
          ✕
        </button>
      </div>
      {children}
    </section>
  );
}

/** Where a rejected record was, in the unit its file counts in. */
export function rejectPlace(r: ImportRejectRow): string {
  if (r.line === undefined) return r.file;
  return r.unit === 'row' ? `${r.file} row ${r.line}` : r.unit === 'sample' ? `${r.file} sample ${r.line}` : `${r.file}:${r.line}`;
}

/** Every rejected record with file and line, field and reason, so it can be found and fixed. */
export function RejectTable({
  rejects,
  testId,
  rowTestId,
  reasonLabel = 'Reason',
}: {
  rejects: ImportRejectRow[];
  testId: string;
  rowTestId: string;
  reasonLabel?: string;
}) {
  if (rejects.length === 0) return null;
  return (
    <table className="reject-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Where</th>
          <th>Field</th>
          <th>{reasonLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rejects.map((r, i) => (
          <tr key={i} data-testid={rowTestId}>
            <td className="reject-table__where">{rejectPlace(r)}</td>
            <td className="reject-table__field">{r.field ?? '—'}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
