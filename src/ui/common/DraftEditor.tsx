import { useState } from 'react';

export interface DraftEditorProps {
  initialText?: string;
  /** Takes the text; a returned message is a refusal, shown while the editor stays open. */
  onSubmit: (text: string) => string | null;
  onCancel: () => void;
  submitLabel: string;
  submitTestId: string;
  textareaTestId: string;
  textareaClassName: string;
  spellCheck: boolean;
  placeholder?: string;
  /** A fixed height, or one that grows with the text. */
  rows: number | ((text: string) => number);
}

/**
 * A text being written into the trace (a new paragraph or cell, or an edited one):
 * Ctrl+Enter submits, Esc cancels (the editing scope's command), and a refusal keeps the draft
 * so nothing typed is lost.
 */
export function DraftEditor({ initialText = '', onSubmit, onCancel, submitLabel, submitTestId, textareaTestId, textareaClassName, spellCheck, placeholder, rows }: DraftEditorProps) {
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const submit = () => setError(onSubmit(text));
  return (
    <>
      <textarea
        autoFocus
        className={`input ${textareaClassName}`}
        data-testid={textareaTestId}
        value={text}
        spellCheck={spellCheck}
        rows={typeof rows === 'number' ? rows : rows(text)}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl+Enter submits the text (a form's own key); Escape is the studio's cancelEdit command.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error && (
        <div className="hint-notice hint-notice--error" role="alert">
          {error}
        </div>
      )}
      <div className="button-row">
        <button className="btn btn--primary" onClick={submit} data-testid={submitTestId}>
          {submitLabel} <span className="kbd">Ctrl</span>+<span className="kbd">Enter</span>
        </button>
        <button className="btn" onClick={onCancel}>
          Cancel <span className="kbd">Esc</span>
        </button>
      </div>
    </>
  );
}
