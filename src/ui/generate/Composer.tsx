import type { ComposerKind } from '../../store/hints/edits';
import { useActions } from '../app/StudioContext';
import { DraftEditor } from '../common/DraftEditor';

/**
 * Writing the continuation by hand at the end of the trace: prose, or a code cell (which
 * fills the block Hint-1 opened, when there is one). Ctrl+Enter appends, Esc closes.
 */
export function Composer({ kind }: { kind: ComposerKind }) {
  const actions = useActions();
  return (
    <div className={`composer composer--${kind}`} data-testid="composer">
      <div className="composer__label">{kind === 'code' ? 'Append a Python cell' : 'Append prose'}</div>
      <DraftEditor
        onSubmit={(text) => actions.appendToTrace.run('button', kind, text)}
        onCancel={() => actions.cancelEdit.run('button')}
        submitLabel="Append"
        submitTestId="composer-append"
        textareaTestId="composer-text"
        textareaClassName={`composer__text${kind === 'code' ? ' composer__text--code' : ''}`}
        spellCheck={kind !== 'code'}
        rows={kind === 'code' ? 6 : 4}
        placeholder={kind === 'code' ? 'print(…)' : 'Continue the reasoning…'}
      />
    </div>
  );
}
