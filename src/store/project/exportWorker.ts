/**
 * The export in a worker of its own (exportOffThread.ts is the page's side): builds the user's
 * tokenizer — several MB of tokenizer.json — and encodes every sample here, so neither holds
 * the page. Progress goes back as it comes; a flag the page shares stops a run between two
 * samples, and the files' bytes are handed over, not copied.
 */
import type { ExportResult } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { reporter, serve, transfer, type PageCallback } from '../workers/serve';
import { createExportRunner, ExportCancelledError, transferables, type ExportProgress, type ExportRunRequest, type ExportTokenizerFiles } from './exportRun';

/** One run in the worker: the samples by id (sent before with `keep`), the tokenizer by its files' key. */
export interface WorkerExportRun {
  request: Omit<ExportRunRequest, 'tokenizerFiles' | 'samples'>;
  sampleIds: string[];
  /** The files given to `tokenizer` before. */
  tokenizerKey?: number;
  /** Set to 1 by the page to stop this run (a SharedArrayBuffer; absent where there is none). */
  stop?: Int32Array;
}

/** Progress at most this often: a message per sample of thousands would only queue up on the page. */
const PROGRESS_MS = 50;

const runner = createExportRunner();
const samples = new Map<string, Sample>();

export const exportWorkerApi = {
  /** Builds the files' tokenizer (kept while the files stay the same); rejects with a sentence naming the file. */
  async tokenizer(files: ExportTokenizerFiles): Promise<void> {
    await runner.tokenizer(files);
  },
  /** Samples kept by id for the runs that name them (the page sends each version once, a few at a time). */
  keep(list: Sample[]): void {
    for (const sample of list) samples.set(sample.id, sample);
  },
  async run({ request, sampleIds, tokenizerKey, stop }: WorkerExportRun, onProgress?: PageCallback<[ExportProgress]>): Promise<ExportResult> {
    const missing = sampleIds.filter((sampleId) => !samples.has(sampleId));
    if (missing.length) throw new Error(`the export worker was not sent samples ${missing.join(', ')}`);
    const tokenizer = tokenizerKey === undefined ? Promise.resolve(undefined) : runner.held(tokenizerKey);
    if (!tokenizer) throw new Error('the tokenizer files were not sent to the export worker');
    const progress = reporter(onProgress);
    let posted = 0;
    const report = ({ done, total }: ExportProgress) => {
      if (stop && Atomics.load(stop, 0) === 1) throw new ExportCancelledError();
      const now = Date.now();
      if (done === total || now - posted >= PROGRESS_MS) {
        posted = now;
        progress.report({ done, total });
      }
    };
    try {
      const result = await runner.run({ ...request, samples: sampleIds.map((sampleId) => samples.get(sampleId)!) }, await tokenizer, report);
      return transfer(result, transferables(result));
    } finally {
      await progress.done();
    }
  },
};

export type ExportWorkerApi = typeof exportWorkerApi;

serve(exportWorkerApi);
