/** Monaco editing one code cell; a lazy chunk (see CodeCell). */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';

export interface CodeEditorProps {
  code: string;
  onChange?: (code: string) => void;
  /** Shift+Enter. */
  onRun: () => void;
  /** Escape while running (the sample view also catches it when the editor lacks focus). */
  onInterrupt: () => void;
  /** Escape while idle: give the keyboard back to step navigation. */
  onLeave?: () => void;
  running: boolean;
  /** Each new value puts the caret in the editor (0: never). */
  focusToken?: number;
}

const LINE_HEIGHT = 19;

/**
 * The caret request (the editCell command's token) applied last on this page. A request is
 * applied once: an editor mounted again later — its row scrolled back into the list — must
 * not take the caret from the cell the user is typing in.
 */
let appliedCaretRequest = 0;

function takeCaret(editor: { focus(): void }, token: number): void {
  if (token <= appliedCaretRequest) return;
  appliedCaretRequest = token;
  editor.focus();
}

export default function CodeEditor({ code, onChange, onRun, onInterrupt, onLeave, running, focusToken = 0 }: CodeEditorProps) {
  const [height, setHeight] = useState(() => Math.min(30, Math.max(1, code.split('\n').length)) * LINE_HEIGHT + 8);
  // Monaco keeps the commands it was given at mount: route them through refs to the latest props.
  const handlers = useRef({ onRun, onInterrupt, onLeave, running });
  handlers.current = { onRun, onInterrupt, onLeave, running };
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  useEffect(() => {
    if (editorRef.current) takeCaret(editorRef.current, focusToken);
  }, [focusToken]);

  const onMount: OnMount = (editor, monaco) => {
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => handlers.current.onRun());
    editor.addCommand(monaco.KeyCode.Escape, () => {
      if (handlers.current.running) handlers.current.onInterrupt();
      else handlers.current.onLeave?.();
    }, '!suggestWidgetVisible && !findWidgetVisible');
    editorRef.current = editor;
    takeCaret(editor, focusToken);
    editor.onDidContentSizeChange(({ contentHeight }) => setHeight(Math.min(30 * LINE_HEIGHT, Math.max(LINE_HEIGHT, contentHeight)) + 8));
  };

  return (
    <Editor
      height={height}
      language="python"
      value={code}
      onChange={(value) => onChange?.(value ?? '')}
      onMount={onMount}
      theme={document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs'}
      loading={<pre className="code-cell__fallback">{code}</pre>}
      options={{
        readOnly: !onChange,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        lineNumbers: 'on',
        fontSize: 13,
        lineHeight: LINE_HEIGHT,
        automaticLayout: true,
        wordWrap: 'on',
        renderLineHighlight: 'none',
        // No overview ruler: in a short cell it is only a stray mark at the right edge.
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        overviewRulerBorder: false,
        scrollbar: { alwaysConsumeMouseWheel: false },
        // A real <textarea> takes the keys (not an EditContext <div>), so the studio's
        // shortcuts (j, k, Escape) know the user is typing.
        editContext: false,
        // Cells are short: no pop-up suggestions that would take Enter or Shift+Enter.
        quickSuggestions: false,
        suggestOnTriggerCharacters: false,
        wordBasedSuggestions: 'off',
        fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || undefined,
        padding: { top: 4, bottom: 4 },
      }}
    />
  );
}
