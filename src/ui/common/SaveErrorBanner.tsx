import './saveErrorBanner.css';

/** A command the banner offers (its label names the button). */
interface BannerCommand {
  label: string;
  run: (source: 'button') => unknown;
}

/**
 * A failed save, shown the moment it happens: the cause in words, the promise that the edit
 * is still here and being retried, and a backup download so nothing depends on this tab.
 */
export function SaveErrorBanner({ cause, backup, retry }: { cause: string; backup: BannerCommand; retry: BannerCommand }) {
  return (
    <div className="banner banner--error save-error" role="alert" data-testid="save-error">
      <span className="save-error__text">
        <strong>Not saved.</strong> <span data-testid="save-error-cause">{cause}</span> Your edits are kept in this tab and
        saving is retried automatically — download a backup now so nothing depends on this tab.
      </span>
      <span className="save-error__actions">
        <button className="btn btn--primary" onClick={() => void backup.run('button')} data-testid="save-error-backup">
          Download backup
        </button>
        <button className="btn" onClick={() => void retry.run('button')} data-testid="save-retry">
          {retry.label}
        </button>
      </span>
    </div>
  );
}
