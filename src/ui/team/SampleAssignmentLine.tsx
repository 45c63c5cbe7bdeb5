import { can } from '../../core/sync';
import { KeyHint } from '../palette/KeyCaps';
import { useActions, useStudioState } from '../app/StudioContext';
import './team.css';

/** In the open sample, on a team server: who annotates and who reviews it, and (for reviewers and admins) Assign…. */
export function SampleAssignmentLine({ sampleId }: { sampleId: string }) {
  const actions = useActions();
  const server = useStudioState((s) => s.sync.server);
  if (!server) return null;
  const who = server.assignment[sampleId];
  return (
    <div className="team-sample-assignment" data-testid="sample-assignment">
      <span title="Annotator">✎ {who?.annotator ?? 'nobody'}</span>
      <span title="Reviewer">✓ {who?.reviewer ?? 'nobody'}</span>
      {can(server.role, 'assign') && (
        <button className="btn btn--ghost btn--small" onClick={() => void actions.openAssignment.run('button')} data-testid="assign-open">
          Assign… <KeyHint action={actions.openAssignment} />
        </button>
      )}
    </div>
  );
}
