import { useRef } from 'react';
import { useActions, useStudioState } from '../app/StudioContext';
import { IMPORT_ACCEPT } from './readFiles';
import './import.css';

/** Import buttons of the library's top bar: a file picker (several files) and the paste dialog. */
export function ImportToolbar() {
  const actions = useActions();
  const importing = useStudioState((s) => s.importing);
  const importStatus = useStudioState((s) => s.importStatus);
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="import-toolbar">
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        className="visually-hidden"
        data-testid="import-file-input"
        aria-label="Files to import"
        onChange={async (e) => {
          const files = e.target.files;
          if (files && files.length) await actions.importFiles.run('button', [...files]);
          e.target.value = '';
        }}
      />
      <button className="btn" onClick={() => actions.openPasteDialog.run('button')} data-testid="paste-trace-open">
        {actions.openPasteDialog.label}
      </button>
      <button
        className="btn btn--primary import-toolbar__files"
        disabled={importing}
        onClick={() => input.current?.click()}
        data-testid="import-files"
        title={importing && importStatus ? importStatus.detail : 'JSONL (CoRT problems or inference output), verl parquet, or a Hint Studio project — or drop files anywhere'}
      >
        {importing ? (importStatus?.label ?? 'Importing…') : 'Import files…'}
      </button>
    </div>
  );
}
