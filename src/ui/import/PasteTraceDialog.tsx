import { useState } from 'react';
import { useActions } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { errorText } from '../../core/util';

/**
 * Paste one trace (with or without the rendered prompt and `<think>`). The problem, gt answer
 * and source are optional: the importer takes the problem from a rendered prompt when present.
 */
export function PasteTraceDialog() {
  const actions = useActions();
  const [trace, setTrace] = useState('');
  const [problem, setProblem] = useState('');
  const [gtAnswer, setGtAnswer] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    try {
      actions.importPastedTrace.run('button', trace, {
        problem: problem.trim() || undefined,
        gtAnswer: gtAnswer.trim() || undefined,
        source: source.trim() || undefined,
      });
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Dialog
      title="Paste a trace"
      testId="paste-dialog"
      onClose={() => actions.closePasteDialog.run('button')}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && trace.trim()) submit();
      }}
      actions={
        <>
          <button className="btn" onClick={() => actions.closePasteDialog.run('button')}>
            {actions.closePasteDialog.label}
          </button>
          <button className="btn btn--primary" disabled={!trace.trim()} onClick={submit} data-testid="paste-submit">
            {actions.importPastedTrace.label}
          </button>
        </>
      }
    >
      <p className="modal__hint">
        The model&apos;s response, optionally with the rendered prompt (DeepSeek-R1 or ChatML) and <code>&lt;think&gt;</code>.
        It is kept byte for byte.
      </p>
      <label className="field">
        <span>Trace</span>
        <textarea
          autoFocus
          className="input field__textarea"
          value={trace}
          onChange={(e) => setTrace(e.target.value)}
          data-testid="paste-trace-text"
          spellCheck={false}
          placeholder="Okay, let's try to solve this problem step by step using multiple python code calls.…"
        />
      </label>
      <label className="field">
        <span>Problem (optional if the prompt is included)</span>
        <textarea
          className="input field__textarea field__textarea--short"
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          data-testid="paste-problem"
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>gt_answer</span>
          <input className="input" value={gtAnswer} onChange={(e) => setGtAnswer(e.target.value)} data-testid="paste-gt" />
        </label>
        <label className="field">
          <span>Source</span>
          <input className="input" value={source} onChange={(e) => setSource(e.target.value)} data-testid="paste-source" />
        </label>
      </div>
      {error && (
        <div className="modal__error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
