/**
 * The files of the export, each with its own download button, and all of them in one zip.
 * Names are exactly those in manifest.json (dataset_info.json refers to sharegpt.jsonl by
 * name, and the manifest's SHA-256 list is by name), so keep them in one folder.
 */
import { exportArchive, type ExportFile } from '../../core/export';
import { downloadBytes } from './download';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function ExportFiles({ files, exportedAt, disabled }: { files: ExportFile[]; exportedAt: string; disabled: boolean }) {
  return (
    <section className="export-files" aria-label="Files">
      <div className="export-files__head">
        <h3>
          {files.length} files — keep them in one folder
        </h3>
        <button
          className="btn btn--primary"
          disabled={disabled}
          data-testid="export-download-all"
          onClick={() => {
            const archive = exportArchive(files, new Date(exportedAt));
            downloadBytes(archive.name, archive.bytes, archive.mediaType);
          }}
          title="One zip with every file below, as each one downloads"
        >
          Download all (.zip)
        </button>
      </div>
      <ul className="export-files__list">
        {files.map((f) => (
          <li key={f.name} className="export-files__row" data-testid="export-file" data-name={f.name}>
            <code className="export-files__name">{f.name}</code>
            <span className="export-files__size">{size(f.bytes.byteLength)}</span>
            <button
              className="btn"
              disabled={disabled}
              onClick={() => downloadBytes(f.name, f.bytes, f.mediaType)}
              data-testid={`export-download-${f.name}`}
            >
              Download
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
