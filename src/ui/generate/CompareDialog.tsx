import { projectProfiles } from '../../store/settings/profiles';
import { summarizeSample } from '../../core/sample/summary';
import { renderTrace } from '../../core/trace';
import type { Sample } from '../../core/sample/types';
import type { ContinuationView, GenerationRun } from '../../store/generate/generation';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { AnswerMark } from '../library/AnswerMark';

/**
 * Continue ×N side by side: each continuation's text as it streams, then tokens, code calls,
 * how it ended and its answer against gt_answer. Keep one (its key or its button); the
 * others become branches. Keeping none keeps them all as branches.
 */
export function CompareDialog({ run, sample }: { run: GenerationRun; sample: Sample }) {
  const actions = useActions();
  const running = run.status === 'running';


  return (
    <Dialog
      title={
        <>
          {run.continuations.length} continuations from the same point {running && <span className="faint">— generating…</span>}
        </>
      }
      testId="compare-dialog"
      className="compare"
      // Escape stops a running comparison; once done, a choice (or "keep none") closes it.
      onClose={running ? () => actions.cancelGeneration.run('button') : undefined}
      closeOnBackdrop={false}
      actions={
        running ? (
          <button className="btn" onClick={() => actions.cancelGeneration.run('button')} data-testid="compare-stop">
            Stop all <span className="kbd">Esc</span>
          </button>
        ) : (
          <button className="btn" onClick={() => actions.keepContinuation.run('button', null)} data-testid="compare-keep-none">
            Keep none in the trace (all become branches)
          </button>
        )
      }
    >
      <div className="compare__columns">
        {run.continuations.map((c, i) => (
          <CandidateColumn key={i} index={i} candidate={c} run={run} sample={sample} onKeep={() => actions.keepContinuation.run('button', i)} />
        ))}
      </div>
    </Dialog>
  );
}

function CandidateColumn({ index, candidate, run, sample, onKeep }: { index: number; candidate: ContinuationView; run: GenerationRun; sample: Sample; onKeep: () => void }) {
  const baseLength = renderTrace(run.base).length;
  const text = candidate.trace ? renderTrace(candidate.trace).slice(baseLength) : candidate.text;
  const profiles = useStudioState((s) => projectProfiles(s.settings));
  const summary = candidate.trace ? summarizeSample({ ...sample, trace: candidate.trace }, undefined, profiles) : null;
  const done = candidate.summary;
  return (
    <section className="compare__column" data-testid="compare-candidate">
      <header className="compare__head">
        <strong>#{index + 1}</strong>
        {done ? (
          <span className={`chip${done.finish === 'error' ? ' chip--bad' : done.finish === 'eos' ? '' : ' chip--warn'}`}>{done.finish}</span>
        ) : (
          <span className="chip">{candidate.runningCode ? 'running code' : 'generating'}</span>
        )}
      </header>
      <dl className="compare__facts">
        <dt>tokens</dt>
        <dd data-testid="compare-tokens">{done?.tokens ?? '—'}</dd>
        <dt>code calls</dt>
        <dd>{done?.codeCalls ?? '—'}</dd>
        <dt>answer</dt>
        <dd data-testid="compare-answer">{summary ? <AnswerMark summary={summary} gtAnswer={sample.gtAnswer} /> : '—'}</dd>
      </dl>
      {done?.error && <div className="hint-notice hint-notice--error">{done.error}</div>}
      <pre className="compare__text">{text || ' '}</pre>
      <button className="btn btn--primary" disabled={!done} onClick={onKeep} data-testid="compare-keep">
        Keep #{index + 1} <span className="kbd">{index + 1}</span>
      </button>
    </section>
  );
}
