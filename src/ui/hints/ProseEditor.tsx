import type { Sample } from '../../core/sample/types';
import type { Step } from '../../core/trace';
import { useActions } from '../app/StudioContext';
import { DraftEditor } from '../common/DraftEditor';
import { editableStepText } from '../../store/hints/edits';

/** In-place editor of one paragraph: Ctrl+Enter saves, Esc cancels; refusals keep it open. */
export function ProseEditor({ sample, step }: { sample: Sample; step: Step }) {
  const actions = useActions();
  return (
    <div className="prose-editor" onMouseDown={(e) => e.stopPropagation()}>
      <DraftEditor
        initialText={editableStepText(sample, step.id)}
        onSubmit={(text) => actions.saveStepEdit.run('button', text)}
        onCancel={() => actions.cancelEdit.run('button')}
        submitLabel="Save"
        submitTestId="prose-editor-save"
        textareaTestId="prose-editor"
        textareaClassName="prose-editor__text"
        spellCheck={false}
        rows={(text) => Math.min(18, Math.max(3, text.split('\n').length + 1))}
      />
    </div>
  );
}
