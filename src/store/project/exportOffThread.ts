/**
 * Where the export dialog's exports run: a session holds the user's tokenizer while the dialog
 * is open and writes each export with it. In the browser (composed by main.tsx as
 * `deps.exportOffThread`) an export with a tokenizer runs in a worker (exportWorker.ts): the
 * tokenizer is built and every sample encoded there, with progress, and Cancel stops it.
 * Exports without a tokenizer, and every export in Node and tests, run on this thread.
 */
import type { ExportResult } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { createExportRunner, ExportCancelledError, type ExportProgress, type ExportRunRequest, type ExportTokenizerFiles } from './exportRun';
import type { ExportWorkerMessage, ExportWorkerRequest } from './exportWorker';

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

interface Waiting {
  resolve(result: ExportResult): void;
  reject(err: Error): void;
  onProgress?: (progress: ExportProgress) => void;
}

/** A shared flag a run in the worker reads between two samples; null where the page is not cross-origin isolated. */
function stopFlag(): Int32Array | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated && typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
}

export function exportSessionInWorker(): ExportSession {
  const here = exportSessionOnThisThread();
  let worker: Worker | null = null;
  /** The files whose tokenizer the worker builds or holds, and the wait for it. */
  let sent: { files: ExportTokenizerFiles; ready: Promise<void> } | null = null;
  const tokenizerWaits = new Map<number, { resolve(): void; reject(err: Error): void }>();
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  // The sample objects the worker holds a copy of: a sample's edit makes a new object, sent anew.
  let held = new WeakSet<Sample>();

  function end(err: Error): void {
    worker?.terminate();
    worker = null;
    sent = null;
    held = new WeakSet();
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    for (const w of tokenizerWaits.values()) w.reject(err);
    tokenizerWaits.clear();
  }

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });
    w.onerror = (event) => end(new Error(event.message || 'the export worker failed'));
    w.onmessage = ({ data }: MessageEvent<ExportWorkerMessage>) => {
      if (data.kind === 'tokenizer') {
        const wait = tokenizerWaits.get(data.key);
        tokenizerWaits.delete(data.key);
        if (data.error !== undefined) {
          if (sent?.files.key === data.key) sent = null;
          wait?.reject(new Error(data.error));
        } else wait?.resolve();
        return;
      }
      const wait = waiting.get(data.id);
      if (!wait) return; // a run the page stopped waiting for
      if (data.kind === 'progress') return wait.onProgress?.({ done: data.done, total: data.total });
      waiting.delete(data.id);
      if (data.kind === 'result') wait.resolve(data.result);
      else wait.reject(data.cancelled ? cancelled() : new Error(data.message));
    };
    return (worker = w);
  }

  const post = (request: ExportWorkerRequest) => started().postMessage(request);

  /** Sends the files once per worker (the tokenizer.json runs to ~10 MB); the worker keeps what it built. */
  function send(files: ExportTokenizerFiles): Promise<void> {
    if (sent?.files.key === files.key && worker) return sent.ready;
    const ready = new Promise<void>((resolve, reject) => tokenizerWaits.set(files.key, { resolve, reject }));
    sent = { files, ready };
    post({ kind: 'tokenizer', files });
    return ready;
  }

  /**
   * Copies the samples the worker lacks into it, SAMPLES_PER_MESSAGE a task: a copy of hundreds
   * of long traces at once held the page for over a second (bench/tokenizedExport.ts).
   */
  async function sendSamples(samples: readonly Sample[], signal?: AbortSignal): Promise<void> {
    const fresh = samples.filter((s) => !held.has(s));
    for (let i = 0; i < fresh.length; i += SAMPLES_PER_MESSAGE) {
      if (signal?.aborted) throw cancelled();
      const chunk = fresh.slice(i, i + SAMPLES_PER_MESSAGE);
      post({ kind: 'samples', samples: chunk });
      for (const sample of chunk) held.add(sample);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  return {
    loadTokenizer: send,
    async run({ tokenizerFiles, ...request }, options = {}) {
      // Without a tokenizer nothing is slow: not worth copying every sample to the worker.
      if (!tokenizerFiles) return here.run(request, options);
      if (options.signal?.aborted) throw cancelled();
      await send(tokenizerFiles);
      const { samples, ...rest } = request;
      await sendSamples(samples, options.signal);
      if (options.signal?.aborted) throw cancelled();
      const id = nextId++;
      const stop = stopFlag();
      return new Promise<ExportResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject, onProgress: options.onProgress });
        options.signal?.addEventListener(
          'abort',
          () => {
            if (!waiting.has(id)) return;
            waiting.delete(id);
            // The flag stops the run at its next sample and the worker keeps the tokenizer;
            // without one (no cross-origin isolation) the worker itself is ended.
            if (stop) Atomics.store(stop, 0, 1);
            else end(cancelled());
            reject(cancelled());
          },
          { once: true },
        );
        post({ kind: 'export', id, request: rest, sampleIds: samples.map((s) => s.id), tokenizerKey: tokenizerFiles.key, ...(stop ? { stop } : {}) });
      });
    },
    dispose: () => end(cancelled()),
  };
}
