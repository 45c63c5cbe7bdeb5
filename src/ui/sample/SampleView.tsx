import { projectProfiles } from '../../store/settings/profiles';
import type { Sample } from '../../core/sample/types';
import { stepsOf } from '../../store';
import { useActions, useStudioState } from '../app/StudioContext';
import { AnswerMark } from '../library/AnswerMark';
import { summaryOf } from '../../store/library/rows';
import { Markdown } from '../markdown/Markdown';
import { useMemo } from 'react';
import { renderTrace } from '../../core/trace';
import { formatTokens, useTextTokens, useTokenCounts } from '../tokens/tokenCounts';
import { PythonBar } from '../runall/PythonBar';
import { TraceList } from './TraceList';
import { CursorPosition } from './CursorPosition';
import { HintSidebar } from '../hints/HintSidebar';
import { UndoButtons } from '../hints/UndoButtons';
import { TraceTail } from '../generate/TraceTail';
import { SettingsButton } from '../settings/SettingsButton';
import { ReviewSidePanel } from '../review/ReviewSidePanel';
import './sample.css';

/** One sample: the problem beside its trace, with a keyboard cursor over the steps. */
export function SampleView({ sample }: { sample: Sample }) {
  const actions = useActions();
  // Counted off the page's thread (the token worker); "…" until the count arrives.
  const counter = useTokenCounts();
  const traceTokens = useTextTokens(useMemo(() => renderTrace(sample.trace), [sample.trace]));
  const steps = stepsOf(sample.trace);
  const summary = summaryOf(sample, useStudioState((s) => projectProfiles(s.settings)));
  const { origin } = sample;

  return (
    <div className="sample-view" data-testid="sample-view" data-sample-id={sample.id}>
      <header className="topbar">
        <button className="btn" onClick={() => actions.backToLibrary.run('button')} data-testid="back-to-library" title="Escape">
          ← Library
        </button>
        <div className="sample-title">
          {sample.source && <span className="chip">{sample.source}</span>}
          <span className="sample-title__origin">
            {origin.file}
            {origin.line !== undefined && `:${origin.line}`}
            {origin.genIndex !== undefined && ` · gen ${origin.genIndex}`}
          </span>
          <span className={`status status--${sample.status}`}>{sample.status}</span>
        </div>
        <div className="topbar__spacer" />
        <div className="sample-stats">
          <span data-testid="sample-tokens" title={counter?.name}>
            {counter ? `${traceTokens === undefined ? '…' : formatTokens(traceTokens, counter)} tokens` : 'counting tokens…'}
            {counter?.isEstimate && <span className="faint"> (estimate)</span>}
          </span>
          <span>{summary.codeBlocks === 1 ? '1 code block' : `${summary.codeBlocks} code blocks`}</span>
          <CursorPosition stepCount={steps.length} />
        </div>
        <div className="key-hints" aria-hidden>
          <span className="kbd">j</span>
          <span className="kbd">k</span> step · <span className="kbd">h</span>
          <span className="kbd">l</span> sentence · <span className="kbd">1</span>–<span className="kbd">3</span> hint · <span className="kbd">e</span> edit ·{' '}
          <span className="kbd">c</span> continue · <span className="kbd">Esc</span> back
        </div>
        <UndoButtons sampleId={sample.id} />
        <SettingsButton />
      </header>
      <PythonBar sample={sample} />
      <div className="sample-body">
        <aside className="problem-pane" aria-label="Problem">
          <h2 className="pane-title">Problem</h2>
          <Markdown className="problem-text" text={sample.problem || '*(no problem text)*'} />
          <dl className="answer-facts">
            <dt>Final answer</dt>
            <dd data-testid="sample-answer">
              <AnswerMark summary={summary} gtAnswer={sample.gtAnswer} sample={sample} />
              {!summary.hasAnswer && <span className="faint"> no \boxed{'{}'} answer</span>}
            </dd>
            <dt>gt_answer</dt>
            <dd>{sample.gtAnswer !== undefined ? <code className="answer-mark__value">{sample.gtAnswer}</code> : <span className="faint">—</span>}</dd>
          </dl>
          <HintSidebar sample={sample} />
        </aside>
        <section className="trace-pane" aria-label="Trace">
          {steps.length === 0 ? (
            <div className="trace-empty">
              This sample has no response yet (a problem-only record).
              <TraceTail sample={sample} />
            </div>
          ) : (
            <TraceList sample={sample} steps={steps} counter={counter} footer={<TraceTail sample={sample} />} />
          )}
        </section>
        <ReviewSidePanel sample={sample} />
      </div>
    </div>
  );
}
