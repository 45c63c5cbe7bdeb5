import type { ReviewStatus } from '../../core/sample/types';
import { useActions, useStudioState } from '../app/StudioContext';

const CHOICES: ReviewStatus[] = ['ready', 'changes-requested', 'draft', 'approved', 'rejected'];

/** Which statuses the review queue walks through (ready for review by default). */
export function QueueStatusPicker() {
  const actions = useActions();
  const selected = useStudioState((s) => s.reviewPrefs.queueStatuses);
  const toggle = (status: ReviewStatus) =>
    actions.setQueueStatuses.run('button', selected.includes(status) ? selected.filter((s) => s !== status) : [...selected, status]);
  return (
    <fieldset className="queue-picker" data-testid="queue-statuses">
      <legend>Review queue walks</legend>
      {CHOICES.map((status) => (
        <label key={status} className="queue-picker__choice">
          <input type="checkbox" checked={selected.includes(status)} disabled={selected.length === 1 && selected.includes(status)} onChange={() => toggle(status)} />
          <span className={`status status--${status}`}>{status}</span>
        </label>
      ))}
    </fieldset>
  );
}
