import { useCallback, useEffect, useRef, useState } from 'react';
import { recordedOutputFor } from '../../core/exec';
import type { Sample } from '../../core/sample/types';
import type { Segment, Step } from '../../core/trace';
import { useStudio } from '../app/StudioContext';
import { staleOutputIds } from '../../core/exec';
import { cellKey, registerCellHandle, useCellResult } from '../python/cellSession';
import { editCodeCell } from '../../core/trace/cellText';
import { CodeCell } from '../python/CodeCell';
import { runCell } from '../python/runCell';
import { pythonRuntime, usePythonRuntime } from '../python/runtime';
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
  const runtime = usePythonRuntime();
  const key = cellKey(sample.id, segment.id);
  const result = useCellResult(key);
  const running = runtime.runningKey === key;
  const runningSince = useRunningSince(running);
  const [focusToken, setFocusToken] = useState(0);
  // Once asked to edit, the editor stays while the row exists, even when the cursor moves on.
  const live = isCursor || focusToken > 0;
  const activate = useCallback(() => {
    studio.actions.setCursor.perform(step.index);
    setFocusToken((n) => n + 1);
  }, [studio, step.index]);

  const write = useCallback(
    (code: string) => studio.actions.updateSampleTrace.perform(sample.id, (t) => editCodeCell(t, segment.id, code, new Date().toISOString()), 'Edit code'),
    [studio, sample.id, segment.id],
  );
  const draft = useCellDraft(segment, write);

  const run = useCallback(() => {
    if (draft.problem) return;
    draft.flush();
    studio.actions.setCursor.perform(step.index); // the cell that runs is the one the user works on
    void runCell(studio, sample.id, segment.id, draft.code);
  }, [draft, studio, sample.id, segment.id, step.index]);

  // The sample view's keys (Enter edits, Shift+Enter runs the cell under the cursor) reach the cell here.
  const handle = useRef({ run, focus: () => {} });
  handle.current.run = run;
  useEffect(
    () =>
      registerCellHandle(key, {
        run: () => handle.current.run(),
        focus: () => {
          pythonRuntime.warmUp(); // someone about to edit code is about to run it: start Python now
          setFocusToken((n) => n + 1);
        },
      }),
    [key],
  );

  const output = recordedOutputFor(sample.trace, segment.id);
  const stale = output !== undefined && staleOutputIds(sample.trace).has(output.id);
  const replay = useReplayMarker(sample, segment.id);

  return (
    <div data-testid="code-step" data-segment-id={segment.id}>
      <CodeCell
        code={draft.code}
        onChange={draft.change}
        onRun={run}
        onInterrupt={pythonRuntime.interrupt}
        onLeave={leaveEditor}
        running={running}
        queued={runtime.queuedKeys.has(key)}
        runningSince={runningSince}
        result={result}
        stale={stale}
        problem={draft.problem}
        focusToken={focusToken}
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
