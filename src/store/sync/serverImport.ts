/**
 * Import into a team server's project: each file goes to the server's streaming import
 * (POST …/import), so a 250 MB CoRT file streams from disk to the server and is never held by
 * the page nor sent sample by sample through the outbox. The server's per-line report becomes
 * the studio's import report; the new rows come through the change feed, read at once.
 */
import type { ServerImportReport } from '../../core/sync';
import type { ImportReport, ImportRejectRow } from '../project/state';
import { ServerError, type ServerApi } from './api';

/** A file to import: a File (as chosen) is streamed from disk. */
export interface ImportSource {
  name: string;
  body: Blob;
}

/** Imports files somewhere other than this page (a team server); the composition root chooses it. */
export interface RemoteImporter {
  /** `progress`: what the import is doing, in a few words for the import button (the bytes of a file sent, then the server's part). */
  importFiles(files: ImportSource[], progress?: (status: string) => void): Promise<ImportReport>;
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

/**
 * The server's reports (one per file) as the studio's one report: counts summed, every
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
    alreadyPresent: reports.reduce((n, r) => n + r.kept + r.updated, 0),
    rejects: [...reports.flatMap((r) => r.rejects.map((x) => ({ file: x.file, line: x.line, unit: x.unit, field: x.field, reason: x.reason }))), ...refused],
    merged: notes.filter((n) => n.kind === 'duplicate').length,
    notes,
  };
}

export function serverImporter(opts: { api: ServerApi; project: number; afterImport: () => Promise<void> }): RemoteImporter {
  return {
    async importFiles(files, progress) {
      const reports: ServerImportReport[] = [];
      const refused: ImportRejectRow[] = [];
      for (const file of files) {
        try {
          // The server reads the file as it arrives: once every byte is sent, it finishes the last batch and answers.
          const onSent = (sent: number, total: number) =>
            progress?.(sent < total ? `Uploading: ${mb(sent)} of ${mb(total)} MB…` : 'Importing on the server…');
          reports.push(await opts.api.importFile(opts.project, file.name, file.body, progress ? onSent : undefined));
        } catch (err) {
          // The server's refusal in its words (403 for a role that may not edit, 400 for a file no importer reads).
          const reason = err instanceof ServerError ? err.message : String(err);
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
  };
}
