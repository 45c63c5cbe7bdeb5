import { useActions, useStudioState } from '../app/StudioContext';
import { ConflictDialog } from '../conflict/ConflictDialog';
import { RefusedEdits } from '../team/RefusedEdits';
import { SignedOutNotice } from '../team/SignedOutNotice';
import { TeamDialogs } from '../team/TeamDialogs';
import { TeamUserControls } from '../team/TeamUserControls';
import './sync.css';

/**
 * Versions that met: a notice while a conflict waits for the user's choice (its dialog opens
 * from here), and the team server's connection when the studio works with one.
 */
export function SyncBanner() {
  const actions = useActions();
  const conflicts = useStudioState((s) => s.sync.conflicts);
  const openId = useStudioState((s) => s.openSampleId);
  const server = useStudioState((s) => s.sync.server);
  const conflictIds = Object.keys(conflicts);
  const first = openId && conflicts[openId] ? openId : conflictIds[0];
  const problem = useStudioState((s) => (first ? (s.samples[first]?.problem ?? first) : ''));
  const unavailable = useStudioState((s) => s.sync.unavailable);
  return (
    <>
      {first && (
        <div className="banner banner--warn" role="alert" data-testid="conflict-banner">
          <span>
            <strong>{conflictIds.length === 1 ? 'Two versions of one sample.' : `Two versions of ${conflictIds.length} samples.`}</strong>{' '}
            “{excerpt(problem)}” was changed elsewhere while you edited it. Your edit is kept; nothing was
            written over theirs.
          </span>
          <button className="btn" onClick={() => actions.showConflict.run('button', first)} data-testid="conflict-open">
            Compare and choose
          </button>
        </div>
      )}
      {server && (
        <div className={`sync-status${server.online ? '' : ' sync-status--offline'}`} role="status" data-testid="sync-status">
          <TeamUserControls />
          <span data-testid="sync-connection">
            {server.signedOut
              ? `signed out — ${edits(server.waiting)} waiting`
              : server.online
                ? server.waiting > 0
                  ? `sending ${edits(server.waiting)}…`
                  : 'all edits on the server'
                : `offline — ${edits(server.waiting)} waiting`}
          </span>
          {server.refusal && (
            <span className="sync-status__refusal" role="alert" data-testid="sync-refusal">
              The server refused: {server.refusal}
              <button className="btn btn--small" onClick={() => actions.dismissRefusal.run('button')}>
                OK
              </button>
            </span>
          )}
        </div>
      )}
      {unavailable && (
        <div className="banner banner--warn" role="alert" data-testid="sample-unavailable">
          <span>{unavailable.charAt(0).toUpperCase() + unavailable.slice(1)}.</span>
          <button className="btn btn--small" onClick={() => actions.dismissUnavailable.run('button')}>
            OK
          </button>
        </div>
      )}
      <SignedOutNotice />
      <RefusedEdits />
      <ConflictDialog />
      <TeamDialogs />
    </>
  );
}

const edits = (n: number) => `${n} edit${n === 1 ? '' : 's'}`;
const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
