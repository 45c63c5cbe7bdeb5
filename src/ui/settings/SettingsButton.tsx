import { useActions } from '../app/StudioContext';

/** The way into settings from any view's header (also the `,` key). */
export function SettingsButton() {
  const actions = useActions();
  return (
    <button className="btn" onClick={() => actions.openSettings.run('button')} data-testid="open-settings" title="Settings (,)">
      ⚙ Settings
    </button>
  );
}
