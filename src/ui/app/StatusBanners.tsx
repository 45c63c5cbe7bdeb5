import { useActions, useStudioState } from './StudioContext';

/** Save and load problems, always visible: the user must know when work is not on disk yet. */
export function StatusBanners() {
  const saveError = useStudioState((s) => s.saveError);
  const loadError = useStudioState((s) => s.loadError);
  const actions = useActions();
  return (
    <>
      {saveError && (
        <div className="banner banner--error" role="alert" data-testid="save-error">
          <span>
            <strong>Not saved.</strong> Your edits are kept in this tab but could not be written to the browser
            database ({saveError}).
          </span>
          <button className="btn" onClick={() => void actions.retrySave.run('button')} data-testid="save-retry">
            {actions.retrySave.label}
          </button>
        </div>
      )}
      {loadError && (
        <div className="banner banner--warn" role="alert" data-testid="load-error">
          {loadError}
        </div>
      )}
    </>
  );
}
