import { useActions, useStudioState } from '../app/StudioContext';
import './team.css';

/**
 * Who is signed in and on which project, in the team server's status line: the project opens
 * the picker, and Sign out is beside the name. Both are the studio's commands.
 */
export function TeamUserControls() {
  const actions = useActions();
  const server = useStudioState((s) => s.sync.server);
  const busy = useStudioState((s) => s.sync.team.busy && s.sync.team.dialog === null);
  if (!server) return null;
  return (
    <span className="team-user" data-testid="sync-user">
      <span>
        {server.user} <span className="faint">({server.role})</span>
      </span>
      <span aria-hidden="true">·</span>
      <button className="btn btn--ghost btn--small team-user__project" title={actions.openProjects.label} onClick={() => void actions.openProjects.run('button')} data-testid="team-project">
        {server.project} <span aria-hidden="true">▾</span>
      </button>
      <button className="btn btn--ghost btn--small" disabled={busy} onClick={() => void actions.signOut.run('button')} data-testid="team-sign-out">
        {busy ? 'Signing out…' : actions.signOut.label}
      </button>
    </span>
  );
}
