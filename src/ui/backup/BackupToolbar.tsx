/**
 * "Back up project" (one file with every sample, the settings without API keys and the hint
 * library) and "Restore / merge backup…" (merges a backup into this studio without
 * clobbering newer edits; the report panel says what happened to each sample). Both are
 * commands: the buttons, the palette and the keyboard run the same thing.
 */
import { useRef } from 'react';
import { useActions } from '../app/StudioContext';
import './backup.css';

export function BackupToolbar() {
  const actions = useActions();
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="backup-toolbar">
      <input
        ref={input}
        type="file"
        accept=".json"
        className="visually-hidden"
        data-testid="restore-file-input"
        aria-label="Backup file to restore"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) await actions.restoreBackup.run('button', await file.text(), file.name);
        }}
      />
      <button className="btn" onClick={() => actions.backUpProject.run('button')} data-testid="backup-download" title="One file with every sample, the settings (no API keys) and the hint library">
        {actions.backUpProject.label}
      </button>
      <button className="btn" onClick={() => input.current?.click()} data-testid="restore-open" title="Merge a backup into this studio; newer edits here are kept">
        {actions.restoreBackup.label}
      </button>
    </div>
  );
}
