/**
 * Import into a team server's project: each file goes to the server's streaming import
 * (POST …/import), so a 250 MB CoRT file streams from disk to the server and is never held by
 * the page nor sent sample by sample through the outbox. The server's per-line report becomes
 * the studio's import report; the new rows come through the change feed, read at once.
 */
import type { ServerImportReport } from '../../core/sync';
import { errorText } from '../../core/util';
import type { ImportReport, ImportRejectRow, ImportStatus } from '../project/state';
import type { ServerApi } from './api';

/** A file to import: a File (as chosen) is streamed from disk. */
export interface ImportSource {
  name: string;
  body: Blob;
}

/** Imports files somewhere other than this page (a team server); the composition root chooses it. */
export interface RemoteImporter {
  /** `progress`: what the import is doing, in a few words for the import button (the bytes of a file sent, then the server's part). */
  importFiles(files: ImportSource[], progress?: (status: ImportStatus) => void): Promise<ImportReport>;
  /**
   * A backup restored by the server (its import of a project file: newer edits become new
   * versions, nothing goes through the outbox); the server's report, with which samples it
   * added and updated. Throws the server's refusal.
   */
  restore(file: ImportSource, progress?: (status: ImportStatus) => void): Promise<ServerImportReport>;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

/**
 * A file going up, for the import button: the share sent in its label (as wide as "Import
 * files…", so the header keeps its line at 1,400 px), the megabytes in its tooltip.
 */
export function uploadStatus(file: string, sent: number, total: number): ImportStatus {
  if (sent >= total && total > 0) return { label: 'Importing…', detail: `The server is importing ${file} (${mb(total)} MB sent)` };
  const label = total > 0 ? `Uploading ${Math.floor((100 * sent) / total)}%` : `Uploading ${mb(sent)} MB`;
  return { label, detail: `Uploading ${file}: ${mb(sent)}${total > 0 ? ` of ${mb(total)}` : ''} MB sent` };
}

/**
 * The server's reports (one per file) as the studio's one report: counts summed (a sample the
 * server updated from the file is counted as updated, not as already present), every
 * rejected line with its file, line and field, the line notes (merged duplicates, dropped
 * fields), the whole-file remarks as notes, and files the server refused (a role that may not
 * edit, an unknown format) as one row each.
 */
export function studioImportReport(files: string[], reports: ServerImportReport[], refused: ImportRejectRow[]): ImportReport {
  const notes = reports.flatMap((r) => [
    ...r.lineNotes.map((n) => ({ file: n.file, line: n.line, unit: n.unit, field: n.field, kind: n.kind, message: n.message })),
    ...r.notes.map((message) => ({ file: r.file, kind: 'server' as const, message })),
  ]);
  return {
    files,
    imported: reports.reduce((n, r) => n + r.added, 0),
    // Kept as they were; those a backup held a newer edit of became a new version on the server.
    alreadyPresent: reports.reduce((n, r) => n + r.kept, 0),
    updated: reports.reduce((n, r) => n + r.updated, 0),
    rejects: [...reports.flatMap((r) => r.rejects.map((x) => ({ file: x.file, line: x.line, unit: x.unit, field: x.field, reason: x.reason }))), ...refused],
    merged: notes.filter((n) => n.kind === 'duplicate').length,
    notes,
  };
}

export function serverImporter(opts: { api: ServerApi; project: number; afterImport: () => Promise<void> }): RemoteImporter {
  /** One file up; the server reads it as it arrives, and once every byte is sent it finishes the last batch and answers. */
  function upload(file: ImportSource, progress?: (status: ImportStatus) => void): Promise<ServerImportReport> {
    const onSent = (sent: number, total: number) => progress?.(uploadStatus(file.name, sent, total));
    return opts.api.importFile(opts.project, file.name, file.body, progress ? onSent : undefined);
  }

  return {
    async importFiles(files, progress) {
      const reports: ServerImportReport[] = [];
      const refused: ImportRejectRow[] = [];
      for (const file of files) {
        try {
          reports.push(await upload(file, progress));
        } catch (err) {
          // The server's refusal in its words (403 for a role that may not edit, 400 for a file no importer reads).
          const reason = errorText(err);
          const prefix = `${file.name}: `;
          refused.push({ file: file.name, reason: reason.startsWith(prefix) ? reason.slice(prefix.length) : reason });
        }
      }
      // The rows are the server's now: read the change feed at once rather than at the next poll.
      if (reports.length) await opts.afterImport();
      return studioImportReport(
        files.map((f) => f.name),
        reports,
        refused,
      );
    },
    async restore(file, progress) {
      const report = await upload(file, progress);
      await opts.afterImport();
      return report;
    },
  };
}
