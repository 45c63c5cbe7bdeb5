import { useState } from 'react';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';

/** Continue ×N asks how many continuations to sample (default from settings). */
export function ContinueCountDialog() {
  const actions = useActions();
  const initial = useStudioState((s) => s.settings.continueCount);
  const [n, setN] = useState(String(initial));
  const count = Number(n);
  const valid = Number.isInteger(count) && count >= 1 && count <= 16;
  const start = () => valid && void actions.continueCompare.run('button', count);
  return (
    <Dialog
      title="Continue ×N"
      testId="continue-n-dialog"
      className="modal--small"
      onClose={() => actions.closeContinueCount.run('button')}
      actions={
        <>
          <button className="btn" onClick={() => actions.closeContinueCount.run('button')}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={!valid} onClick={start} data-testid="continue-n-start">
            Sample {valid ? count : 'N'} <span className="kbd">Enter</span>
          </button>
        </>
      }
    >
      <p className="modal__hint">Sample several continuations from the end of the trace, in parallel, and keep the best one. The others stay as branches.</p>
      <label className="field">
        <span>How many continuations (1–16)</span>
        <input
          autoFocus
          className="input"
          type="number"
          min={1}
          max={16}
          value={n}
          data-testid="continue-n-count"
          onChange={(e) => setN(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && start()}
        />
      </label>
    </Dialog>
  );
}
