import { useActions, useStudioState } from '../app/StudioContext';
import './team.css';

const excerpt = (text: string) => (text.length > 70 ? `${text.slice(0, 67)}…` : text);

/**
 * Edits of the text the server would not take: the sample shows the server's copy again, and
 * what the user wrote waits here until they copy it or let it go (it survives a reload).
 */
export function RefusedEdits() {
  const actions = useActions();
  const refused = useStudioState((s) => s.sync.server?.refused);
  const problems = useStudioState((s) => s.samples);
  // Without a dialog open, a team action's outcome shows here (a sign-out the server did not answer, a copy).
  const notice = useStudioState((s) => (s.sync.team.dialog === null ? s.sync.team.notice : null));
  const error = useStudioState((s) => (s.sync.team.dialog === null ? s.sync.team.error : null));
  const ids = Object.keys(refused ?? {});
  return (
    <>
      {ids.map((id) => (
        <div key={id} className="banner banner--warn team-refused" role="alert" data-testid="refused-edit" data-sample-id={id}>
          <span>
            <strong>The server did not take your edit of “{excerpt(problems[id]?.problem ?? id)}”</strong> ({refused![id]!.reason}). The sample
            shows the server's copy; your text is kept here.
          </span>
          <span className="team-refused__actions">
            <button className="btn btn--small" onClick={() => void actions.showRefusedEdit.run('button', id)} data-testid="refused-show">
              Show my text
            </button>
            <button className="btn btn--small btn--primary" onClick={() => void actions.copyRefusedEdit.run('button', id)} data-testid="refused-copy">
              {actions.copyRefusedEdit.label}
            </button>
            <button className="btn btn--ghost btn--small" onClick={() => void actions.forgetRefusedEdit.run('button', id)} data-testid="refused-forget">
              {actions.forgetRefusedEdit.label}
            </button>
          </span>
        </div>
      ))}
      {error && (
        <div className="banner banner--error" role="alert" data-testid="team-error">
          <span>{error}</span>
          <button className="btn btn--small" onClick={() => actions.closeTeamDialog.run('button')}>
            OK
          </button>
        </div>
      )}
      {notice && (
        <div className="team-notice" role="status" data-testid="team-notice">
          {notice}
        </div>
      )}
    </>
  );
}
