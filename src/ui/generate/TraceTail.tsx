import { useEffect, useRef } from 'react';
import type { Sample } from '../../core/sample/types';
import { useActions, useStudioState } from '../app/StudioContext';
import { KeyHint } from '../palette/KeyCaps';
import { Composer } from './Composer';
import { StreamingText } from './StreamingText';
import './generate.css';

/**
 * The end of the trace: where a continuation streams in, where the annotator writes one by
 * hand, and the commands for both (with their keys).
 */
export function TraceTail({ sample }: { sample: Sample }) {
  const actions = useActions();
  const run = useStudioState((s) => (s.generation?.sampleId === sample.id ? s.generation : null));
  const notice = useStudioState((s) => s.generationNotice);
  const hintNotice = useStudioState((s) => s.hintNotice);
  const composer = useStudioState((s) => s.composer);
  const streaming = run?.mode === 'continue' && run.status === 'running' ? run.continuations[0] : null;
  const tail = useRef<HTMLDivElement>(null);

  // Follow the stream: keep its end in view as text arrives.
  useEffect(() => {
    if (streaming || composer) tail.current?.scrollIntoView({ block: 'end' });
  }, [streaming, streaming?.text, streaming?.runningCode, sample.trace, composer]);

  return (
    <div className="trace-tail" ref={tail} data-testid="trace-tail">
      {streaming && <StreamingText text={streaming.text} runningCode={streaming.runningCode} endpointName={run!.endpointName} />}
      {composer && <Composer kind={composer} />}
      {hintNotice && (
        <div className="hint-notice hint-notice--error" role="alert" data-testid="hint-notice">
          <span>{hintNotice}</span>
          <button className="btn btn--ghost" onClick={() => actions.dismissHintNotice.run('button')}>
            Dismiss
          </button>
        </div>
      )}
      {notice && !streaming && (
        <div className={`hint-notice hint-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="generation-notice">
          <span>{notice.text}</span>
          <button className="btn btn--ghost" onClick={() => actions.dismissGenerationNotice.run('button')}>
            Dismiss
          </button>
        </div>
      )}
      <div className="trace-tail__commands">
        {streaming ? (
          <button className="btn" onClick={() => actions.cancelGeneration.run('button')} data-testid="stop-generation">
            Stop <span className="kbd">Esc</span>
          </button>
        ) : (
          <>
            <button className="btn btn--primary" onClick={() => void actions.continueTrace.run('button')} data-testid="continue" disabled={!!run}>
              Continue <KeyHint action={actions.continueTrace} />
            </button>
            <button className="btn" onClick={() => actions.askContinueCount.run('button')} data-testid="continue-n" disabled={!!run}>
              Continue ×N <KeyHint action={actions.askContinueCount} />
            </button>
            <span className="trace-tail__or">or write it yourself:</span>
            <button className="btn" onClick={() => actions.openComposer.run('button')} data-testid="append-prose">
              Prose <KeyHint action={actions.openComposer} />
            </button>
            <button className="btn" onClick={() => actions.openCodeComposer.run('button')} data-testid="append-code">
              Code cell <KeyHint action={actions.openCodeComposer} />
            </button>
          </>
        )}
      </div>
    </div>
  );
}
