/**
 * The export's files in one zip (the dialog's "Download all"): one download instead of one per
 * file, which browsers hold back behind a "download several files?" prompt. Each file goes in
 * under its own name, byte for byte as its own download gives it (zip is lossless; fflate
 * writes it), so the manifest's SHA-256 list holds for the unpacked files.
 */
import { unzipSync, zipSync } from 'fflate';
import type { ExportFile } from './types';

/** The archive's name: the files' folder when unpacked. */
export const EXPORT_ARCHIVE_NAME = 'hint-studio-export.zip';

/**
 * The files zipped (deflated), every entry dated `at` (the manifest's export time), so the same
 * export gives the same archive.
 */
export function exportArchive(files: readonly ExportFile[], at: Date = new Date(0)): ExportFile {
  // Zip dates start at 1980; an earlier one (a test clock) is written as 1980.
  const mtime = Math.max(at.getTime(), Date.UTC(1980, 0, 2));
  const entries: Record<string, [Uint8Array, { mtime: number }]> = {};
  for (const f of files) {
    if (entries[f.name]) throw new Error(`${f.name} is in the export twice`);
    entries[f.name] = [f.bytes, { mtime }];
  }
  return { name: EXPORT_ARCHIVE_NAME, bytes: zipSync(entries, { level: 6 }), mediaType: 'application/zip' };
}

/** The files of an archive, by name (tests, and anyone checking an archive against its manifest). */
export function archiveFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}
