import type { Sample } from '../../core/sample/types';
import { stepsOf } from '../../store';
import { openDifferences, type RunAllState } from '../../store/python/state';
import { useActions, useStudioState } from '../app/StudioContext';
import { KeyCaps } from '../palette/KeyCaps';
import { RuntimeStatus } from '../python/RuntimeStatus';
import './runall.css';

/**
 * The sample header's Python strip: the sample interpreter's state at a glance, Run all with
 * its progress and verdict, and the cell keys — all from the command registry.
 */
export function PythonBar({ sample }: { sample: Sample }) {
  const actions = useActions();
  const state = useStudioState((s) => s.python.runAll[sample.id]);
  const running = state?.phase === 'running';

  return (
    <div className="python-bar" data-testid="python-bar">
      <RuntimeStatus sampleId={sample.id} />
      {running ? (
        <button type="button" className="btn" onClick={() => actions.interruptPython.run('button', sample.id)} data-testid="stop-run-all" title="Stop Run all (Esc)">
          ■ Stop
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          onClick={() => void actions.runAll.run('button', sample.id)}
          data-testid="run-all"
          title={`${actions.runAll.label} (a fresh namespace; recorded outputs stay until you accept)`}
        >
          ▶▶ Run all <KeyCaps keys={actions.runAll.keys ?? []} />
        </button>
      )}
      {state && <RunAllSummary sample={sample} state={state} />}
      <span className="python-bar__spacer" />
      <span className="key-hints" aria-hidden>
        on a code step: <KeyCaps keys={actions.editCell.keys ?? []} /> edit · <KeyCaps keys={actions.runCell.keys ?? []} /> run ·{' '}
        <KeyCaps keys={actions.interruptPython.keys ?? []} /> leave editor / interrupt
      </span>
    </div>
  );
}

function RunAllSummary({ sample, state }: { sample: Sample; state: RunAllState }) {
  const actions = useActions();
  if (state.phase === 'running') {
    return (
      <span className="run-all-summary" data-testid="run-all-summary" data-phase="running">
        running {Math.min(state.ran + 1, state.total)} / {state.total}
      </span>
    );
  }
  const checked = state.blocks.filter((b) => !b.skipped && b.matches !== null);
  const reproduced = checked.filter((b) => b.matches).length;
  const open = openDifferences(state);
  const firstOutput = open[0]?.outputSegmentId;
  const goToFirst = () => {
    const index = stepsOf(sample.trace).findIndex((s) => s.segmentId === firstOutput);
    if (index >= 0) actions.setCursor.run('button', index);
  };
  return (
    <span className="run-all-summary" data-testid="run-all-summary" data-phase={state.phase} data-differences={open.length}>
      {state.phase === 'stopped' && <span className="chip chip--warn">stopped</span>}
      <span className={`chip ${open.length ? 'chip--bad' : 'chip--ok'}`}>
        {reproduced} / {checked.length} outputs reproduced
      </span>
      {open.length > 0 && (
        <button type="button" className="btn btn--ghost" onClick={goToFirst} data-testid="first-difference">
          {open.length === 1 ? '1 differs' : `${open.length} differ`} → show
        </button>
      )}
    </span>
  );
}
