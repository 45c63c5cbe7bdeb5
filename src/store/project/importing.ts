import { adoptContentKey, carriedProfiles, contentKey, importFile, importPastedTrace, type ImportNote, type ImportReject } from '../../core/import';
import { adoptCustomProfiles, type ProfilesAdoption } from '../../core/profiles/adopt';
import type { TraceProfile } from '../../core/profiles/types';
import { projectProfiles } from '../settings/profiles';
import { mergeSamples, type MergeResult } from '../../core/project';
import { problemExcerpt } from '../../core/sample/summary';
import type { Sample } from '../../core/sample/types';
import { proxy, transfer } from 'comlink';
import type { ImportWorkerApi } from './importWorker';
import { orOnPage, workerClient, WorkerUnavailableError, type WorkerLike } from '../workers/client';
import type { ImportNoteRow, ImportReport, NamedFile, PastedTraceInput } from './state';

import type { OffThreadImport } from '../deps';
import { errorText } from '../../core/util';

export type { NamedFile, PastedTraceInput } from './state';

/**
 * Files from this size on are imported in a worker: parsing thousands of generations takes
 * seconds, which on the main thread is a frozen page. Smaller ones stay here, where they are
 * done before a worker would have started.
 */
const WORKER_MIN_BYTES = 4 * 2 ** 20;

/** What reading one file gave: samples, refused records, and remarks on records kept. */
export type FileImport = { samples: Sample[]; rejects: ImportReject[]; notes: ImportNote[] };

/**
 * The import worker became unavailable after the file's bytes were handed to it: the page no
 * longer holds them, so it cannot simply import them itself (not a WorkerUnavailableError,
 * which would have the page read the emptied buffer); importOne reads the file again.
 */
export class FileLostInWorkerError extends Error {
  constructor(
    readonly file: string,
    readonly cause: WorkerUnavailableError,
  ) {
    super(`${file}: ${cause.message}`);
    this.name = 'FileLostInWorkerError';
  }
}

/**
 * importFile in a worker (importWorker.ts), collecting the samples it sends back in chunks.
 * Built by the composition root (main.tsx): the store itself never starts a worker. Rejects as
 * unavailable (the page imports the file itself) when the worker does not start; once the
 * file's bytes were handed over, a worker that dies rejects with FileLostInWorkerError, and
 * the samples it sent before are dropped.
 */
export const importInWorker: OffThreadImport = importWithWorker(() => new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' }));

/** importInWorker with the worker `start` makes (tests: a Node worker thread), one worker a file. */
export function importWithWorker(start: () => WorkerLike): OffThreadImport {
  return async (file, profiles) => {
    const worker = workerClient<ImportWorkerApi>('import', start);
    try {
      // Before the bytes go: a worker that failed to start leaves the file to the page.
      await worker.ready();
      const samples: Sample[] = [];
      const collect = proxy((chunk: Sample[], keys: string[]) => {
        // Each sample takes the content key the worker computed for it.
        chunk.forEach((sample, i) => adoptContentKey(sample, keys[i]!));
        samples.push(...chunk);
      });
      // A file of its own buffer is handed over, not copied (copying 250 MB holds the page for a second).
      const { bytes } = file;
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      const { rejects, notes } = await worker
        .call((api) => api.importFile(file.name, own ? transfer(bytes, [bytes.buffer as ArrayBuffer]) : bytes, profiles, collect))
        .catch((err: unknown) => {
          if (err instanceof WorkerUnavailableError && own) throw new FileLostInWorkerError(file.name, err);
          throw err;
        });
      return { samples, rejects, notes };
    } finally {
      worker.end();
    }
  };
}

/**
 * `custom`: the project's own profiles, which the records' trace_profile may name. A worker
 * that died holding the file's bytes leaves the file to the page, read again from its source.
 */
async function importOne(file: NamedFile, custom: TraceProfile[], offThread?: OffThreadImport): Promise<FileImport> {
  const onPage = async (f: NamedFile, profiles: TraceProfile[]) => importFile(f.name, f.bytes, { profiles: projectProfiles({ customProfiles: profiles }) });
  try {
    return await orOnPage(file.bytes.byteLength >= WORKER_MIN_BYTES ? offThread : undefined, onPage)(file, custom);
  } catch (err) {
    if (!(err instanceof FileLostInWorkerError)) throw err;
    return onPage({ name: file.name, bytes: await readAgain(file) }, custom);
  }
}

/**
 * The file's bytes read again from where they came from, after the import worker died with
 * them — only then, so an import never holds a second copy. Without a source (bytes given as
 * they are), or when it cannot be read any more, the file fails, saying so in the user's words.
 */
async function readAgain(file: NamedFile): Promise<Uint8Array> {
  const lost = `The import worker stopped while reading ${file.name}; nothing from it was imported. Import it again.`;
  if (!file.source) throw new Error(`${file.name}: ${lost}`);
  try {
    return new Uint8Array(await file.source.arrayBuffer());
  } catch (err) {
    throw new Error(`${file.name}: ${lost} (Reading it again failed: ${errorText(err)}.)`);
  }
}

/**
 * The profiles the files bring (an export's manifest.json, a backup's settings), adopted into
 * the project's before any record is read; and the export manifests among the files (no data).
 */
function adoptCarriedProfiles(files: NamedFile[], here: TraceProfile[]): { adoption: ProfilesAdoption; manifests: Set<NamedFile>; notes: ImportNoteRow[] } {
  let adoption: ProfilesAdoption = { profiles: here, added: [], conflicts: [], problems: [] };
  const manifests = new Set<NamedFile>();
  const notes: ImportNoteRow[] = [];
  for (const file of files) {
    const carried = carriedProfiles(file.name, file.bytes);
    if (!carried) continue;
    if (carried.manifest) manifests.add(file);
    const next = adoptCustomProfiles(adoption.profiles, carried.custom, carried.where);
    if (next.added.length) notes.push({ file: file.name, kind: 'profile-added', message: `trace profiles added to this project: ${next.added.join(', ')}` });
    for (const message of [...next.conflicts, ...next.problems]) notes.push({ file: file.name, kind: 'profile-refused', message });
    adoption = { profiles: next.profiles, added: [...adoption.added, ...next.added], conflicts: [...adoption.conflicts, ...next.conflicts], problems: [...adoption.problems, ...next.problems] };
  }
  return { adoption, manifests, notes };
}

/**
 * Merges incoming samples into the studio's (core/project's rule: a newer edit wins), as the
 * store keeps them — by id — plus the ids whose sample changed, which the caller saves at once.
 */
export function mergeIntoStudio(
  existing: Record<string, Sample>,
  incoming: Sample[],
): { merged: MergeResult; samples: Record<string, Sample>; changedIds: string[] } {
  const merged = mergeSamples(Object.values(existing), incoming);
  const samples: Record<string, Sample> = {};
  const changedIds: string[] = [];
  for (const s of merged.samples) {
    samples[s.id] = s;
    if (existing[s.id] !== s) changedIds.push(s.id);
  }
  return { merged, samples, changedIds };
}

/**
 * The notes for incoming samples merged into a sample the studio already holds under another
 * id (same prompt and response), placed where the incoming copy was read.
 */
function mergedNotes(merged: MergeResult, incoming: Sample[], samples: Record<string, Sample>): ImportNoteRow[] {
  const byId = new Map(incoming.map((s) => [s.id, s]));
  return merged.duplicates.map(({ id, of }) => {
    const copy = byId.get(id)!;
    const twin = samples[of];
    const field = copy.origin.genIndex === undefined ? undefined : `gen[${copy.origin.genIndex}]`;
    return {
      file: copy.origin.file,
      line: copy.origin.line,
      unit: copy.origin.format === 'verl-parquet' ? ('row' as const) : ('line' as const),
      field,
      kind: 'duplicate' as const,
      message: `identical prompt and response to a sample already in the studio ("${problemExcerpt(twin?.problem ?? '', 60)}"); merged`,
    };
  });
}

/**
 * What an import did, counted the same way for files and for a pasted trace: a sample with the
 * same id is "already present", or "updated" when the file held a newer edit of it, which was
 * taken (core/project mergeSamples: the rule the team server's import counts by too); a copy
 * with the same prompt and response under another id (another generation, another file, twice
 * in one file) is "merged", with a note saying where.
 */
function importReport(files: string[], merged: MergeResult, rejects: ImportReport['rejects'], notes: ImportNoteRow[], inFiles: number): ImportReport {
  return {
    files,
    imported: merged.added.length,
    alreadyPresent: merged.kept.length,
    updated: merged.updated.length,
    rejects,
    merged: inFiles + merged.duplicates.length,
    notes,
  };
}

/** Marks the end of a phase of an import, for the bench's figures (bench/library.ts: the long tasks of each phase). */
export const phase = (name: string): void => void globalThis.performance?.mark?.(`hint-studio:${name}`);

/** Resolves in a task of its own: the steps of a big import (read, merge, save) each start one. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Work per task while hashing, so the page keeps answering during a big import. */
const HASH_SLICE_MS = 30;

/** Computes (and caches) every sample's content key, yielding to the page between slices. */
async function hashContentKeys(samples: readonly Sample[]): Promise<void> {
  let until = performance.now() + HASH_SLICE_MS;
  for (const sample of samples) {
    contentKey(sample);
    if (performance.now() < until) continue;
    await nextTask();
    until = performance.now() + HASH_SLICE_MS;
  }
}

/**
 * Runs every file through the importer, merges the samples into the studio without duplicates,
 * and reports what happened. A file that fails as a whole becomes one reject row.
 */
export async function importIntoStudio(
  files: NamedFile[],
  existing: Record<string, Sample>,
  offThread?: OffThreadImport,
  customProfiles: TraceProfile[] = [],
): Promise<{ samples: Record<string, Sample>; changedIds: string[]; report: ImportReport; adoption: ProfilesAdoption }> {
  const incoming: Sample[] = [];
  const rejects: ImportReport['rejects'] = [];
  const { adoption, manifests, notes } = adoptCarriedProfiles(files, customProfiles);
  for (const file of files) {
    // An export's manifest has no samples: only its profiles were read.
    if (manifests.has(file)) continue;
    try {
      const result = await importOne(file, adoption.profiles, offThread);
      incoming.push(...result.samples);
      rejects.push(...result.rejects);
      notes.push(...result.notes);
    } catch (err) {
      // A file unusable as a whole (unknown format, corrupt parquet) is one row of the report.
      const message = errorText(err);
      const prefix = `${file.name}: `;
      rejects.push({ file: file.name, reason: message.startsWith(prefix) ? message.slice(prefix.length) : message });
    }
  }
  phase('import-read');
  // The merge in a task of its own, not in the one that took the worker's last message.
  await nextTask();
  // The merge compares content keys (a hash of each whole response): hashed a slice at a time first.
  await hashContentKeys([...Object.values(existing), ...incoming]);
  const { merged, samples, changedIds } = mergeIntoStudio(existing, incoming);
  const inFiles = notes.filter((n) => n.kind === 'duplicate').length;
  notes.push(...mergedNotes(merged, incoming, samples));
  phase('import-merged');
  return { samples, changedIds, report: importReport(files.map((f) => f.name), merged, rejects, notes, inFiles), adoption };
}

/**
 * A pasted trace, merged like an imported file and reported the same way: a trace the studio
 * already holds (same prompt and response) is a merged duplicate, and `openId` is the sample
 * that holds it.
 */
export function pasteIntoStudio(
  text: string,
  input: PastedTraceInput,
  existing: Record<string, Sample>,
): { samples: Record<string, Sample>; changedIds: string[]; report: ImportReport; openId: string; duplicate: boolean } {
  const sample = importPastedTrace(text, { ...input, name: 'pasted' });
  const { merged, samples, changedIds } = mergeIntoStudio(existing, [sample]);
  const twin = merged.duplicates[0]?.of ?? (merged.kept.includes(sample.id) || merged.updated.includes(sample.id) ? sample.id : undefined);
  const notes: ImportNoteRow[] = twin
    ? [{ file: 'pasted', kind: 'duplicate', message: `identical prompt and response to a sample already in the studio ("${problemExcerpt(samples[twin].problem, 60)}"); merged` }]
    : [];
  const report = importReport(['pasted trace'], merged, [], notes, 0);
  return { samples, changedIds, report, openId: twin ?? sample.id, duplicate: twin !== undefined };
}
