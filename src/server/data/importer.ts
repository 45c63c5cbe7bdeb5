/**
 * Import into a server project. CoRT JSONL streams through core's line importer and is written
 * in batches, so a 250 MB inference file is never held whole; other files (a project backup,
 * a parquet file, a pasted trace) are read whole, up to a limit, and go through core's
 * importFile. Either way the report is the one a local import gives, line by line.
 *
 * Re-importing never overwrites anyone's work: a sample already on the server is kept, unless
 * a backup holds a newer edit of it (core's mergeSamples decides), which then becomes a new
 * version. Approvals do not travel: a sample approved elsewhere arrives ready for review here.
 */
import { ImportFormatError, importFile, CortLineImporter, jsonlLines, type ImportNote, type ImportReject } from '../../core/import';
import { isProjectDocument, mergeSamples, parseProject } from '../../core/project';
import type { ReviewedSample } from '../../core/review/types';
import type { Sample } from '../../core/sample/types';
import type { ServerImportReport } from '../../core/sync';
import type { Db } from '../db/open';
import { samples } from '../db/schema';
import { ApiFailure } from '../errors';
import { audit } from './audit';
import { requireProject, settingsForStorage, updateProject } from './projects';
import { projectRegistry } from './projectProfiles';
import { applyEdit, derivedColumns, lockChangeOrder, lockSample, nextSeq, withServerFields } from './sampleWrites';
import type { UserRow } from './users';

export interface ImportInput {
  /** The file's name as the user gave it (no folders). */
  file: string;
  chunks: AsyncIterable<Uint8Array>;
}

export interface ImportLimits {
  /** Largest file read whole (backups, parquet, pasted traces); JSONL has no limit. */
  maxDocumentBytes: number;
}

const BATCH_SAMPLES = 250;
const BATCH_BYTES = 16 << 20;
/** How far to look for the end of the first line before deciding the file is not JSONL. */
const PEEK_BYTES = 64 << 20;

/** Statuses arriving from elsewhere: an approval here is made here. */
function admitted(sample: Sample): { sample: ReviewedSample; wasApproved: boolean } {
  const s = { ...(sample as ReviewedSample) };
  const wasApproved = s.status === 'approved';
  s.status = s.status === 'approved' || s.status === 'ready' ? 'ready' : 'draft';
  delete s.review;
  return { sample: s, wasApproved };
}

class Report {
  added = 0;
  kept = 0;
  updated = 0;
  approvedElsewhere = 0;
  notes: string[] = [];
  /** A backup's restore names what it did to which sample (the studio's restore report lists every one). */
  restored: { added: string[]; updated: string[] } | null = null;
  constructor(readonly file: string) {}
  done(format: string, rejects: ImportReject[], lineNotes: ImportNote[]): ServerImportReport {
    if (this.approvedElsewhere > 0) {
      this.notes.unshift(
        `${this.approvedElsewhere} sample(s) were approved in the file; approvals are made on this server, so they wait in the review queue as ready`,
      );
    }
    const done: ServerImportReport = { file: this.file, format, added: this.added, kept: this.kept, updated: this.updated, rejects, notes: this.notes, lineNotes };
    if (this.restored) done.restored = this.restored;
    return done;
  }
}

/** Insert samples the project does not have; those it has are kept as they are. */
async function insertNew(db: Db, projectId: number, batch: Sample[], user: UserRow, report: Report): Promise<ReviewedSample[]> {
  if (batch.length === 0) return [];
  const profiles = await projectRegistry(db, projectId);
  const rows = batch.map((raw) => {
    const { sample, wasApproved } = admitted(raw);
    if (wasApproved) report.approvedElsewhere++;
    return { sample, values: { ...derivedColumns(sample, profiles), projectId, id: sample.id, version: 1, updatedBy: user.id, seq: nextSeq } };
  });
  const inserted = await db.transaction(async (tx) => {
    await lockChangeOrder(tx, projectId);
    return tx
      .insert(samples)
      .values(rows.map((r) => r.values))
      .onConflictDoNothing()
      .returning({ id: samples.id });
  });
  const added = new Set(inserted.map((r) => r.id));
  report.added += added.size;
  report.restored?.added.push(...added);
  return rows.filter((r) => !added.has(r.sample.id)).map((r) => r.sample);
}

/** A backup's copies of samples the project has: a newer edit becomes a new version, anything else is kept. */
async function restoreExisting(db: Db, projectId: number, incoming: ReviewedSample[], user: UserRow, report: Report): Promise<void> {
  for (const sample of incoming) {
    const now = new Date();
    const outcome = await db.transaction(async (tx) => {
      const row = await lockSample(tx, projectId, sample.id);
      const current = JSON.parse(row.doc) as ReviewedSample;
      if (mergeSamples([current], [sample]).updated.length === 0) return 'kept';
      await applyEdit(tx, row, withServerFields(sample, current), user, now, { restoredFrom: report.file });
      return 'updated';
    });
    report[outcome]++;
    if (outcome === 'updated') report.restored?.updated.push(sample.id);
  }
}

/** Samples of a file read whole, in batches. */
async function storeAll(db: Db, projectId: number, list: Sample[], user: UserRow, report: Report, restore: boolean): Promise<void> {
  for (let i = 0; i < list.length; i += BATCH_SAMPLES) {
    const existing = await insertNew(db, projectId, list.slice(i, i + BATCH_SAMPLES), user, report);
    if (restore) await restoreExisting(db, projectId, existing, user, report);
    else report.kept += existing.length;
  }
}

/** The first chunks of the stream, up to the end of its first non-blank line (or PEEK_BYTES). */
async function peek(iterator: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array[]; firstLine: string | null; ended: boolean }> {
  const head: Uint8Array[] = [];
  let size = 0;
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { head, firstLine: text.trim() === '' ? null : text.trimStart().split('\n', 1)[0], ended: true };
    head.push(next.value);
    size += next.value.byteLength;
    text += decoder.decode(next.value, { stream: true });
    const start = text.search(/\S/);
    if (start >= 0 && text.indexOf('\n', start) >= 0) return { head, firstLine: text.slice(start, text.indexOf('\n', start)), ended: false };
    if (size > PEEK_BYTES) return { head, firstLine: null, ended: false };
  }
}

async function* replay(head: Uint8Array[], iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

function isJsonlRecordLine(line: string | null): boolean {
  if (line === null || !line.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !isProjectDocument(value);
  } catch {
    return false;
  }
}

async function streamJsonl(db: Db, projectId: number, file: string, chunks: AsyncIterable<Uint8Array>, user: UserRow, report: Report) {
  const importer = new CortLineImporter(file, new Date().toISOString());
  let batch: Sample[] = [];
  let batchBytes = 0;
  const flush = async () => {
    report.kept += (await insertNew(db, projectId, batch, user, report)).length;
    batch = [];
    batchBytes = 0;
  };
  for await (const { raw, line } of jsonlLines(chunks)) {
    for (const sample of importer.line(raw, line)) {
      batch.push(sample);
      batchBytes += sample.original.length * 2;
    }
    if (batch.length >= BATCH_SAMPLES || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return importer.finish();
}

async function readWhole(head: Uint8Array[], iterator: AsyncIterator<Uint8Array>, limit: number, file: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of replay(head, iterator)) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new ApiFailure(413, 'too-large', `${file}: larger than ${Math.round(limit / 2 ** 20)} MiB; only JSONL files stream in without a size limit`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

export async function importInto(db: Db, projectId: number, input: ImportInput, user: UserRow, limits: ImportLimits): Promise<ServerImportReport> {
  const project = await requireProject(db, projectId);
  const report = new Report(input.file);
  const iterator = input.chunks[Symbol.asyncIterator]();
  const { head, firstLine } = await peek(iterator);
  const parquet = head.length > 0 && Buffer.from(head[0].subarray(0, 4)).toString('latin1') === 'PAR1';
  let result: { format: string; rejects: ImportReject[]; notes: ImportNote[] };
  try {
    if (!parquet && isJsonlRecordLine(firstLine)) {
      result = await streamJsonl(db, projectId, input.file, replay(head, iterator), user, report);
    } else {
      const bytes = await readWhole(head, iterator, limits.maxDocumentBytes, input.file);
      const now = new Date().toISOString();
      const imported = await importFile(input.file, bytes, { now });
      if (imported.format === 'project') await adoptSettings(db, project, bytes, input.file, user, report);
      if (imported.format === 'project') report.restored = { added: [], updated: [] };
      await storeAll(db, projectId, imported.samples, user, report, imported.format === 'project' || imported.format === 'cort-export');
      result = imported;
    }
  } catch (err) {
    if (err instanceof ImportFormatError) throw new ApiFailure(400, 'invalid', err.message);
    throw err;
  }
  const done = report.done(result.format, result.rejects, result.notes);
  await audit(db, {
    userId: user.id,
    projectId,
    action: 'import',
    detail: { file: input.file, format: done.format, added: done.added, kept: done.kept, updated: done.updated, rejected: done.rejects.length },
  });
  return done;
}

/** A backup's settings are taken only by a project that has none yet (as a restore into a fresh studio does). */
async function adoptSettings(db: Db, project: { id: number; settings: string }, bytes: Uint8Array, file: string, user: UserRow, report: Report) {
  const settings = parseProject(new TextDecoder().decode(bytes), file).extras.settings;
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return;
  if (project.settings !== '{}') {
    if (settingsForStorage(settings) !== project.settings) report.notes.push("Kept this project's settings (the backup's were not applied).");
    return;
  }
  await updateProject(db, project.id, { settings: settings as Record<string, unknown> }, user.id);
  report.notes.push('Settings taken from the backup (the project had none).');
}
