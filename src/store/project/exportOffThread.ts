/**
 * Where the export dialog's exports run: a session holds the user's tokenizer while the dialog
 * is open and writes each export with it. In the browser (composed by main.tsx as
 * `deps.exportOffThread`) an export with a tokenizer runs in a worker (exportWorker.ts): the
 * tokenizer is built and every sample encoded there, with progress, and Cancel stops it.
 * Exports without a tokenizer, and every export in Node and tests, run on this thread.
 */
import type { ExportResult } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { proxy, transfer } from 'comlink';
import { orOnPage, workerClient, type WorkerClient, type WorkerLike } from '../workers/client';
import { createExportRunner, ExportCancelledError, type ExportProgress, type ExportRunRequest, type ExportTokenizerFiles } from './exportRun';
import type { ExportWorkerApi } from './exportWorker';

export interface ExportRunOptions {
  /** Stops the run (between two samples in a worker); the promise rejects with ExportCancelledError. */
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportSession {
  /** Builds the chosen files' tokenizer where exports run; rejects with a sentence naming the file. */
  loadTokenizer(files: ExportTokenizerFiles): Promise<void>;
  run(request: ExportRunRequest, options?: ExportRunOptions): Promise<ExportResult>;
  /** Ends the session: its worker and the tokenizer it holds. */
  dispose(): void;
}

export type ExportSessionFactory = () => ExportSession;

const cancelled = () => new ExportCancelledError();

/** Samples a message when copying them into the worker (see sendSamples). */
const SAMPLES_PER_MESSAGE = 10;

/** Runs `run` unless the signal stopped it; its progress reports stop it too (a throw between two samples). */
function guarded(options: ExportRunOptions): (progress: ExportProgress) => void {
  return (progress) => {
    if (options.signal?.aborted) throw cancelled();
    options.onProgress?.(progress);
  };
}

/** Every export on this thread (Node, tests, a browser without workers). */
export function exportSessionOnThisThread(): ExportSession {
  const runner = createExportRunner();
  return {
    loadTokenizer: async (files) => {
      await runner.tokenizer(files);
    },
    async run({ tokenizerFiles, ...request }, options = {}) {
      if (options.signal?.aborted) throw cancelled();
      const tokenizer = tokenizerFiles ? await runner.tokenizer(tokenizerFiles) : undefined;
      return runner.run(request, tokenizer, guarded(options));
    },
    dispose: () => undefined,
  };
}

/** A shared flag a run in the worker reads between two samples; null where the page is not cross-origin isolated. */
function stopFlag(): Int32Array | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated && typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
}

export function exportSessionInWorker(): ExportSession {
  return exportSessionWithWorker(() => new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' }));
}

/**
 * An export session whose exports with a tokenizer run in the worker `start` makes (tests: a
 * Node worker thread); when that worker cannot take them (it did not start, it died), they
 * run on this thread (workers/client.ts `orOnPage`).
 */
export function exportSessionWithWorker(start: () => WorkerLike): ExportSession {
  const here = exportSessionOnThisThread();
  let worker: WorkerClient<ExportWorkerApi> | null = null;
  /** The files whose tokenizer the worker builds or holds, and the wait for it. */
  let sent: { key: number; ready: Promise<void> } | null = null;
  // The sample objects the worker holds a copy of: a sample's edit makes a new object, sent anew.
  let held = new WeakSet<Sample>();

  const started = () => (worker ??= workerClient<ExportWorkerApi>('export', start));

  /** Ends the worker (the next export starts another); calls waiting reject with `reason`. */
  function end(reason: Error): void {
    worker?.end(reason);
    worker = null;
    sent = null;
    held = new WeakSet();
  }

  /**
   * Sends the files once per worker; the worker keeps what it built. The tokenizer.json's bytes
   * (~10 MB) go as a copy handed over, not cloned; the page keeps its own for a worker started
   * anew and for exports on this thread.
   */
  function send(files: ExportTokenizerFiles): Promise<void> {
    if (sent?.key === files.key && worker) return sent.ready;
    const copy = files.tokenizerJson.slice();
    const ready = started().call((api) => api.tokenizer(transfer({ ...files, tokenizerJson: copy }, [copy.buffer])));
    sent = { key: files.key, ready };
    ready.catch(() => {
      if (sent?.ready === ready) sent = null;
    });
    return ready;
  }

  /**
   * Copies the samples the worker lacks into it, SAMPLES_PER_MESSAGE a task: a copy of hundreds
   * of long traces at once held the page for over a second (bench/tokenizedExport.ts).
   */
  async function sendSamples(samples: readonly Sample[], signal?: AbortSignal): Promise<void> {
    const fresh = samples.filter((s) => !held.has(s));
    const kept: Promise<void>[] = [];
    for (let i = 0; i < fresh.length; i += SAMPLES_PER_MESSAGE) {
      if (signal?.aborted) throw cancelled();
      const chunk = fresh.slice(i, i + SAMPLES_PER_MESSAGE);
      // Not awaited one by one: calls reach the worker in order, before the run that names them.
      const keep = started().call((api) => api.keep(chunk));
      keep.catch(() => undefined); // seen by Promise.all below, not as an unhandled rejection meanwhile
      kept.push(keep);
      for (const sample of chunk) held.add(sample);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(kept);
  }

  async function runInWorker(request: ExportRunRequest & { tokenizerFiles: ExportTokenizerFiles }, options: ExportRunOptions): Promise<ExportResult> {
    if (options.signal?.aborted) throw cancelled();
    await send(request.tokenizerFiles);
    const { samples, tokenizerFiles, ...rest } = request;
    await sendSamples(samples, options.signal);
    if (options.signal?.aborted) throw cancelled();
    const stop = stopFlag();
    const run = { request: rest, sampleIds: samples.map((s) => s.id), tokenizerKey: tokenizerFiles.key, ...(stop ? { stop } : {}) };
    let settled = false;
    // Progress the page still wants: none once this run resolved, rejected or was stopped.
    const onProgress = options.onProgress && proxy((progress: ExportProgress) => !settled && options.onProgress?.(progress));
    return new Promise<ExportResult>((resolve, reject) => {
      const abort = () => {
        settled = true;
        // The flag stops the run at its next sample and the worker keeps the tokenizer;
        // without one (no cross-origin isolation) the worker itself is ended.
        if (stop) Atomics.store(stop, 0, 1);
        else end(cancelled());
        reject(cancelled());
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      started()
        .call((api) => api.run(run, onProgress))
        .then(resolve, (err: unknown) => reject((err as { name?: unknown } | null)?.name === 'ExportCancelledError' ? cancelled() : err))
        .finally(() => {
          settled = true;
          options.signal?.removeEventListener('abort', abort);
        });
    });
  }

  const inWorker = orOnPage(runInWorker, (request, options) => here.run(request, options));
  return {
    loadTokenizer: orOnPage(send, here.loadTokenizer),
    // Without a tokenizer nothing is slow: not worth copying every sample to the worker.
    run: ({ tokenizerFiles, ...request }, options = {}) => (tokenizerFiles ? inWorker({ ...request, tokenizerFiles }, options) : here.run(request, options)),
    dispose: () => end(cancelled()),
  };
}
