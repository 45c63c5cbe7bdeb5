import { importFile, type ImportReject } from '../../core/import';
import { mergeSamples, type MergeResult } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import type { ImportRequest, ImportWorkerMessage } from './importWorker';
import type { ImportReport, NamedFile } from './state';

import type { OffThreadImport } from '../deps';

export type { NamedFile, PastedTraceInput } from './state';

/**
 * Files from this size on are imported in a worker: parsing thousands of generations takes
 * seconds, which on the main thread is a frozen page. Smaller ones stay here, where they are
 * done before a worker would have started.
 */
const WORKER_MIN_BYTES = 4 * 2 ** 20;

/**
 * importFile in a worker (importWorker.ts), collecting the samples it sends back in chunks.
 * Built by the composition root (main.tsx): the store itself never starts a worker.
 */
export function importInWorker(file: NamedFile): Promise<{ samples: Sample[]; rejects: ImportReject[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
    const samples: Sample[] = [];
    worker.onmessage = ({ data }: MessageEvent<ImportWorkerMessage>) => {
      if (data.kind === 'samples') {
        samples.push(...data.samples);
        return;
      }
      worker.terminate();
      if (data.kind === 'done') resolve({ samples, rejects: data.rejects });
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed'));
    };
    worker.postMessage({ name: file.name, bytes: file.bytes } satisfies ImportRequest);
  });
}

function importOne(file: NamedFile, offThread?: OffThreadImport): Promise<{ samples: Sample[]; rejects: ImportReject[] }> {
  return offThread && file.bytes.byteLength >= WORKER_MIN_BYTES ? offThread(file) : importFile(file.name, file.bytes);
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
 * Runs every file through the importer, merges the samples into the studio without duplicates,
 * and reports what happened. A file that fails as a whole becomes one reject row.
 */
export async function importIntoStudio(
  files: NamedFile[],
  existing: Record<string, Sample>,
  offThread?: OffThreadImport,
): Promise<{ samples: Record<string, Sample>; changedIds: string[]; report: ImportReport }> {
  const incoming: Sample[] = [];
  const rejects: ImportReport['rejects'] = [];
  for (const file of files) {
    try {
      const result = await importOne(file, offThread);
      incoming.push(...result.samples);
      rejects.push(...result.rejects);
    } catch (err) {
      // A file unusable as a whole (unknown format, corrupt parquet) is one row of the report.
      const message = err instanceof Error ? err.message : String(err);
      const prefix = `${file.name}: `;
      rejects.push({ file: file.name, reason: message.startsWith(prefix) ? message.slice(prefix.length) : message });
    }
  }
  const { merged, samples, changedIds } = mergeIntoStudio(existing, incoming);
  return {
    samples,
    changedIds,
    report: {
      files: files.map((f) => f.name),
      imported: merged.added.length,
      alreadyPresent: merged.kept.length + merged.updated.length,
      rejects,
    },
  };
}
