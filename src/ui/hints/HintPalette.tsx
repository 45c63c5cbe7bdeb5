import { useState } from 'react';
import type { Hint } from '../../core/hints';
import type { HintType } from '../../core/trace';
import { useActions, useStudioState } from '../app/StudioContext';
import './hints.css';

const TYPE_LABEL: Record<HintType, string> = {
  'prompt-hint': 'prompt-hint',
  'hint-1': 'Hint-1 · delayed code',
  'hint-2': 'Hint-2 · result distrust',
  custom: 'custom',
};

/**
 * The hint palette: the paper's hints and the user's, each with its key. Pressing the key
 * (or clicking) inserts the hint at the insertion point; texts, types and keys are editable
 * and saved in this browser.
 */
export function HintPalette() {
  const actions = useActions();
  const library = useStudioState((s) => s.hintLibrary);
  const [editing, setEditing] = useState<{ hint: Hint; replaces?: string } | null>(null);

  const newHint = (): Hint => {
    const usedKeys = new Set(library.map((h) => h.key));
    const key = '456789'.split('').find((k) => !usedKeys.has(k)) ?? '';
    return { id: `hint-${library.length + 1}`, key, name: 'My hint', type: 'custom', text: '', opensCodeBlock: false };
  };

  return (
    <section className="side-panel" aria-label="Hint palette" data-testid="hint-palette">
      <h2 className="pane-title side-panel__title">
        Hints
        <button className="btn btn--ghost btn--small" onClick={() => setEditing({ hint: newHint() })} data-testid="hint-new">
          + New
        </button>
      </h2>
      <p className="side-panel__help">
        Move the insertion point with <span className="kbd">j</span>/<span className="kbd">k</span> (steps) and{' '}
        <span className="kbd">h</span>/<span className="kbd">l</span> (sentences), then press a hint&apos;s key.
      </p>
      <ul className="stack-list stack-list--tight">
        {library.map((hint) =>
          editing?.replaces === hint.id ? (
            <li key={hint.id}>
              <HintForm initial={editing.hint} replaces={hint.id} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={hint.id} className="hint-item" data-testid="hint-item" data-hint-id={hint.id}>
              <button className="hint-item__insert" onClick={() => actions.insertHint.run('button', hint.id)} title="Insert at the insertion point">
                <span className="kbd hint-item__key">{hint.key || '·'}</span>
                <span className="hint-item__body">
                  <span className="hint-item__name">{hint.name}</span>
                  <span className="hint-item__text">
                    {hint.text}
                    {hint.opensCodeBlock && <code className="hint-item__opens"> ```python</code>}
                  </span>
                </span>
              </button>
              <button className="btn btn--ghost btn--small" onClick={() => setEditing({ hint: { ...hint }, replaces: hint.id })} data-testid="hint-edit">
                Edit
              </button>
            </li>
          ),
        )}
        {editing && editing.replaces === undefined && (
          <li>
            <HintForm initial={editing.hint} onDone={() => setEditing(null)} />
          </li>
        )}
      </ul>
    </section>
  );
}

function HintForm({ initial, replaces, onDone }: { initial: Hint; replaces?: string; onDone: () => void }) {
  const actions = useActions();
  const [hint, setHint] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const builtIn = initial.type !== 'custom' && replaces !== undefined;
  const patch = (p: Partial<Hint>) => setHint((h) => ({ ...h, ...p }));
  const save = async () => {
    const found = await actions.saveHint.run('button', hint, replaces);
    setProblems(found);
    if (found.length === 0) onDone();
  };
  return (
    <form
      className="hint-form"
      data-testid="hint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <div className="field-row">
        <label className="field">
          <span>Name</span>
          <input className="input" value={hint.name} onChange={(e) => patch({ name: e.target.value })} autoFocus />
        </label>
        <label className="field field--key">
          <span>Key</span>
          <input className="input" value={hint.key} maxLength={1} onChange={(e) => patch({ key: e.target.value })} data-testid="hint-form-key" />
        </label>
      </div>
      {!replaces && (
        <label className="field">
          <span>Id</span>
          <input className="input" value={hint.id} onChange={(e) => patch({ id: e.target.value })} />
        </label>
      )}
      <label className="field">
        <span>Text</span>
        <textarea className="input" rows={3} value={hint.text} onChange={(e) => patch({ text: e.target.value })} data-testid="hint-form-text" />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Type</span>
          <select className="select" value={hint.type} onChange={(e) => patch({ type: e.target.value as HintType })}>
            {Object.entries(TYPE_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--check">
          <input type="checkbox" checked={hint.opensCodeBlock} onChange={(e) => patch({ opensCodeBlock: e.target.checked })} />
          <span>opens a ```python block</span>
        </label>
      </div>
      {problems.length > 0 && (
        <ul className="hint-notice hint-notice--error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button className="btn btn--primary" type="submit" data-testid="hint-form-save">
          Save
        </button>
        <button className="btn" type="button" onClick={onDone}>
          Cancel
        </button>
        {builtIn && (
          <button className="btn btn--ghost" type="button" onClick={() => void actions.resetHint.run('button', initial.id).then(onDone)}>
            Paper text
          </button>
        )}
        {!builtIn && replaces && (
          <button className="btn btn--ghost" type="button" onClick={() => void actions.deleteHint.run('button', initial.id).then(onDone)}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
