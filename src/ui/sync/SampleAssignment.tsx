import { useStudioState } from '../app/StudioContext';

/** Who works on a sample on the team server (its annotator and reviewer); nothing when the studio works alone. */
export function SampleAssignment({ sampleId }: { sampleId: string }) {
  const who = useStudioState((s) => {
    const a = s.sync.server?.assignment[sampleId];
    return a && (a.annotator || a.reviewer) ? `${a.annotator ?? ''}\u0000${a.reviewer ?? ''}` : null;
  });
  if (!who) return null;
  const [annotator, reviewer] = who.split('\u0000');
  return (
    <div className="sample-assignment" data-testid="row-assignment">
      {/* The row keeps one line: a long name is cut, and its title says it whole. */}
      {annotator && <span title={`Annotator: ${annotator}`}>✎ {annotator}</span>}
      {reviewer && <span title={`Reviewer: ${reviewer}`}>✓ {reviewer}</span>}
    </div>
  );
}
