import { useId, useMemo, useState } from 'react';
import type { ListedCommand } from '../../store';
import { useStudio } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { filterEntries } from './commands';
import { KeyCaps } from './KeyCaps';

/**
 * The command palette: every command that applies where the user is (the registry lists
 * them, hint keys, branches and differences included), with its keys, filtered as you type,
 * and the samples whose problem text matches; arrows choose, Enter runs.
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const entries = useMemo(() => studio.commands.palette(query), [studio, query]);
  const shown = useMemo(() => filterEntries(entries, query), [entries, query]);
  const selected = Math.min(active, shown.length - 1);

  const run = (entry: ListedCommand | undefined) => {
    if (!entry) return;
    // Closed first, so the command sees (and acts on) the studio without the palette over it.
    onClose();
    void entry.command.run('palette', ...entry.args);
  };

  return (
    <Dialog
      title="Commands"
      testId="command-palette"
      onClose={onClose}
      className="command-palette"
      headerExtras={<span className="faint command-palette__hint">↑↓ to choose, Enter to run, Esc to close</span>}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : -1;
          setActive((selected + step + shown.length) % Math.max(shown.length, 1));
        } else if (e.key === 'Enter') {
          e.preventDefault();
          run(shown[selected]);
        }
      }}
    >
      <input
        className="input command-palette__input"
        autoFocus
        placeholder="Type a command, or a problem to open…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[selected] ? `${listId}-${shown[selected].key}` : undefined}
        aria-label="Command"
        data-testid="palette-input"
      />
      <ul className="command-palette__list" id={listId} role="listbox" aria-label="Commands">
        {shown.map((c, i) => (
          <li
            key={c.key}
            id={`${listId}-${c.key}`}
            role="option"
            aria-selected={i === selected}
            className={`command-palette__item${i === selected ? ' command-palette__item--active' : ''}`}
            onMouseMove={() => i !== selected && setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(c)}
            data-testid="palette-command"
            data-command={c.command.id}
            data-entry={c.key}
          >
            <span className="command-palette__label">{c.label}</span>
            {c.keys.length > 0 && <KeyCaps keys={c.keys} />}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="command-palette__empty faint" data-testid="palette-empty">
            {entries.length === 0 && !query ? 'No command applies here.' : `No command or sample matches “${query}”.`}
          </li>
        )}
      </ul>
    </Dialog>
  );
}
