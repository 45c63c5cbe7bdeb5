import { useCallback, useEffect, useState } from 'react';
import { recordedOutputFor, staleOutputIds } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import type { Segment, Step } from '../../core/trace';
import { useStudio, useStudioState } from '../app/StudioContext';
import { cellKey } from '../../store/python/state';
import { CodeCell } from '../python/CodeCell';
import { useCellDraft } from '../python/useCellDraft';
import { ReplayMarkerNote, useReplayMarker } from './ReplayMarker';

export interface CodeStepProps {
  sample: Sample;
  step: Step;
  segment: Segment;
  /** The step cursor is on this cell: its editor is mounted (others show static code). */
  isCursor: boolean;
}

/**
 * A code block of the trace as a runnable cell: edits go back into the trace (after a pause
 * in typing), Shift+Enter runs it in the sample's namespace and writes its output block.
 */
export function CodeStep({ sample, step, segment, isCursor }: CodeStepProps) {
  const studio = useStudio();
  const key = cellKey(sample.id, segment.id);
  const result = useStudioState((s) => s.python.results[key]);
  const running = useStudioState((s) => s.python.kernels[sample.id]?.running === key);
  // Its turn came while the sample's interpreter is still starting (or being replaced).
  const starting = useStudioState((s) => running && ['loading', 'restarting'].includes(s.python.kernels[sample.id]?.phase ?? ''));
  const queued = useStudioState((s) => s.python.kernels[sample.id]?.queued.includes(key) ?? false);
  const editRequest = useStudioState((s) => (s.python.editRequest?.key === key ? s.python.editRequest.token : 0));
  const runningSince = useRunningSince(running);
  // Once asked to edit, the editor stays while the row exists, even when the cursor moves on.
  const [opened, setOpened] = useState(false);
  const live = isCursor || opened || editRequest > 0;
  const activate = useCallback(() => {
    studio.actions.setCursor.run('button', step.index);
    studio.actions.editCell.run('pointer');
  }, [studio, step.index]);

  const write = useCallback((code: string) => studio.actions.editCode.perform(sample.id, segment.id, code), [studio, sample.id, segment.id]);
  const draft = useCellDraft(segment, write);

  const run = useCallback(() => {
    if (draft.problem) return;
    draft.flush();
    studio.actions.setCursor.run('pointer', step.index); // the cell that runs is the one the user works on
    void studio.actions.runCell.run('button', segment.id, draft.code);
  }, [draft, studio, segment.id, step.index]);

  useEffect(() => {
    if (editRequest) setOpened(true);
  }, [editRequest]);

  const output = recordedOutputFor(sample.trace, segment.id);
  const stale = output !== undefined && staleOutputIds(sample.trace).has(output.id);
  const replay = useReplayMarker(sample, segment.id);

  return (
    <div data-testid="code-step" data-segment-id={segment.id}>
      <CodeCell
        code={draft.code}
        onChange={draft.change}
        onRun={run}
        onInterrupt={() => studio.actions.interruptPython.run('button', sample.id)}
        onLeave={() => {
          draft.flush(); // what was typed is in the trace before a key outside the editor runs it
          leaveEditor();
        }}
        running={running}
        starting={starting}
        queued={queued}
        runningSince={runningSince}
        result={result}
        stale={stale}
        problem={draft.problem}
        focusToken={editRequest}
        live={live}
        onActivate={activate}
        label={
          <>
            <span>{segment.lang || 'code'}</span>
            {segment.closed === false && (
              <span className="chip chip--warn" title="The model never closed this block; running it adds the closing fence">
                unclosed fence
              </span>
            )}
            {segment.origin !== 'imported' && <span className="chip">{segment.origin}</span>}
          </>
        }
      />
      {replay && <ReplayMarkerNote marker={replay} />}
    </div>
  );
}

/** Escape in an idle editor: blur it, so j/k move the step cursor again. */
function leaveEditor(): void {
  (document.activeElement as HTMLElement | null)?.blur();
}

/** When the cell started running (for "running 3 s"), null while idle. */
function useRunningSince(running: boolean): number | null {
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => setSince(running ? Date.now() : null), [running]);
  return since;
}
