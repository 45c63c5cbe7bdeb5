/**
 * A runnable code cell: the code (Monaco, loaded lazily), Run / Interrupt, and the state of
 * the last run. The output itself is the trace's output block, rendered by the sample view.
 * Escape while a cell runs is the studio's interrupt command (scope 'running'), so it stops the
 * cell even when the editor does not have the focus or the cell has scrolled out of the list.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { RunResult } from '../../core/exec/types';
import type { CodeEditorProps } from './CodeEditor';
import { HighlightedPython } from './HighlightedPython';
import { useElapsed } from './useElapsed';
import './python.css';

const LazyEditor = lazy(async () => {
  const [{ loadMonaco }, module] = await Promise.all([import('./monaco'), import('./CodeEditor')]);
  await loadMonaco(); // configure the bundled Monaco before the first <Editor> mounts
  return module;
});

/** The editor's props (code, keys, focus) and what the bar around it shows. */
export interface CodeCellProps extends CodeEditorProps {
  /** Waiting for the interpreter to finish other work before this cell runs. */
  queued?: boolean;
  /** Its turn came, but the interpreter is still starting (Esc cancels it before it runs). */
  starting?: boolean;
  /** When the current run started (ms epoch), for the elapsed-time label. */
  runningSince?: number | null;
  /** The last run's result, if this cell ran in this session. */
  result?: RunResult | null;
  /** The output block below was produced by different code (or an earlier namespace state). */
  stale?: boolean;
  /**
   * Whether the cell is being worked on (under the cursor, or clicked). Only then is a Monaco
   * editor mounted: creating one per visible code block made every scroll step pay for it.
   */
  live?: boolean;
  /** The static view was pressed (on mouse-down: the row re-renders before a click would land): the caller makes the cell live and focuses its editor. */
  onActivate?: () => void;
  /** What the bar shows first: the language, provenance chips. */
  label?: ReactNode;
  /** A problem with the code as typed (shown under the editor). */
  problem?: string | null;
}

const STATUS_LABEL: Record<RunResult['status'], string> = {
  ok: 'ran',
  error: 'raised',
  timeout: 'timed out',
  interrupted: 'interrupted',
  crashed: 'interpreter crashed',
  unavailable: 'not reproducible here',
};

export function CodeCell({ code, onChange, onRun, onInterrupt, onLeave, running, starting = false, queued = false, runningSince = null, result, stale, label, problem, focusToken, live = true, onActivate }: CodeCellProps) {
  const elapsed = useElapsed(running ? (runningSince ?? Date.now()) : null);
  const fallback = <HighlightedPython className="code-cell__fallback" code={code} />;

  return (
    <figure className={`code-cell${running ? ' code-cell--running' : ''}`} data-testid="code-cell" data-running={running || undefined}>
      {/* Mouse-down on the bar must not reach the step row: moving the cursor scrolls the
          list, and a button that moves away between press and release never gets its click. */}
      <figcaption className="code-cell__bar" onMouseDown={(event) => event.stopPropagation()}>
        <span className="code-cell__label">{label ?? 'python'}</span>
        <span className="code-cell__spacer" />
        {running && (
          <span className="code-cell__state" data-testid="cell-running" data-starting={starting || undefined}>
            {starting ? 'starting Python…' : `running ${elapsed.toFixed(0)} s`}
          </span>
        )}
        {queued && !running && (
          <span className="code-cell__state" data-testid="cell-queued" title="Python is busy with other work (another cell, the checks, a continuation)">
            waiting for Python…
          </span>
        )}
        {!running && !queued && result && (
          <span className={`chip code-cell__state code-cell__state--${result.status}`} data-testid="cell-status" data-status={result.status}>
            {STATUS_LABEL[result.status]} · {(result.durationMs / 1000).toFixed(2)} s
          </span>
        )}
        {!running && stale && (
          <span className="chip chip--warn" data-testid="cell-stale" title="The code (or a cell above it) changed since the output below was produced">
            output stale
          </span>
        )}
        {running ? (
          <button type="button" className="btn code-cell__button code-cell__button--stop" onClick={onInterrupt} data-testid="interrupt-cell" title="Interrupt (Esc)">
            ■ Interrupt <span className="kbd">Esc</span>
          </button>
        ) : (
          <button type="button" className="btn code-cell__button" onClick={onRun} data-testid="run-cell" title="Run (Shift+Enter)">
            ▶ Run <span className="kbd">⇧↵</span>
          </button>
        )}
      </figcaption>
      {live ? (
        <Suspense fallback={fallback}>
          <LazyEditor code={code} onChange={onChange} onRun={onRun} onInterrupt={onInterrupt} onLeave={onLeave} running={running} focusToken={focusToken} />
        </Suspense>
      ) : (
        <div className="code-cell__static" data-testid="code-static" onMouseDown={onActivate} title="Click to edit (or Enter on this step)">
          {fallback}
        </div>
      )}
      {problem && (
        <p className="code-cell__message" role="alert" data-testid="cell-problem">
          {problem}
        </p>
      )}
      {result?.message && (
        <p className="code-cell__message" data-testid="cell-message">
          {result.message}
        </p>
      )}
    </figure>
  );
}
