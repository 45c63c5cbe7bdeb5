import { SaveErrorBanner } from '../common/SaveErrorBanner';
import { useActions, useStudioState } from './StudioContext';

/** Save and load problems, always visible: the user must know when work is not on disk yet. */
export function StatusBanners() {
  const saveError = useStudioState((s) => s.saveError);
  const loadError = useStudioState((s) => s.loadError);
  const actions = useActions();
  return (
    <>
      {saveError !== null && <SaveErrorBanner cause={saveError} backup={actions.backUpProject} retry={actions.retrySave} />}
      {loadError && (
        <div className="banner banner--warn" role="alert" data-testid="load-error">
          {loadError}
        </div>
      )}
    </>
  );
}
