import { useActions, useStudioState } from '../app/StudioContext';

/** The server ended this page's session (signed out in another tab, a new password): say so, and what waits. */
export function SignedOutNotice() {
  const actions = useActions();
  const waiting = useStudioState((s) => (s.sync.server?.signedOut ? s.sync.server.waiting : null));
  if (waiting === null) return null;
  return (
    <div className="banner banner--warn" role="alert" data-testid="signed-out">
      <span>
        <strong>You are signed out</strong> (in another tab, or your session ended).{' '}
        {waiting > 0 ? `${waiting} edit${waiting === 1 ? '' : 's'} ${waiting === 1 ? 'waits' : 'wait'} in this browser until you sign in again.` : 'Nothing is waiting to be sent.'}
      </span>
      <button className="btn btn--small btn--primary" onClick={() => void actions.signInAgain.run('button')} data-testid="sign-in-again">
        {actions.signInAgain.label}
      </button>
    </div>
  );
}
