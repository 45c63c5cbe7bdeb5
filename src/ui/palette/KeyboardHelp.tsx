import { useState } from 'react';
import { useActions, useStudio } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { KeyCaps } from './KeyCaps';

/** The keyboard help (`?`): every keyed command of the registry, by the scope it works in. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const actions = useActions();
  const [sections] = useState(() => studio.commands.help());
  return (
    <Dialog
      title="Keyboard shortcuts"
      testId="keyboard-help"
      onClose={onClose}
      className="keyboard-help"
      actions={
        <button className="btn" onClick={onClose}>
          Close <span className="kbd">Esc</span>
        </button>
      }
    >
      <p className="modal__hint">
        Every command is also in the command palette (<KeyCaps keys={actions.openPalette.keys ?? []} />
        ), with the ones that apply where you are — and it opens a sample by its problem text.
      </p>
      <div className="keyboard-help__groups">
        {sections.map((section) => (
          <section key={section.scope} className="keyboard-help__group" data-testid="help-group" data-group={section.title} data-scope={section.scope}>
            <h3 className="keyboard-help__title">{section.title}</h3>
            <dl className="keyboard-help__list">
              {section.entries.map((c) => (
                <div key={c.key} className="keyboard-help__row" data-testid="help-command" data-command={c.command.id} data-entry={c.key}>
                  <dt>{c.label}</dt>
                  <dd>
                    <KeyCaps keys={c.keys} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
