/**
 * The export in a worker of its own (exportOffThread.ts is the page's side): builds the user's
 * tokenizer — several MB of tokenizer.json — and encodes every sample here, so neither holds
 * the page. Progress goes back as it comes; a flag the page shares stops a run between two
 * samples, and the files' bytes are handed over, not copied.
 */
import type { ExportResult } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { errorText } from '../../core/util';
import { createExportRunner, ExportCancelledError, type ExportRunRequest, type ExportTokenizerFiles } from './exportRun';

export type ExportWorkerRequest =
  | { kind: 'tokenizer'; files: ExportTokenizerFiles }
  /** Samples the worker keeps by id for the runs that name them (the page sends each version once, a few at a time). */
  | { kind: 'samples'; samples: Sample[] }
  /** `stop`: set to 1 by the page to stop this run (a SharedArrayBuffer; absent where there is none). */
  /** `tokenizerKey`: the files sent in a 'tokenizer' message before. */
  | { kind: 'export'; id: number; request: Omit<ExportRunRequest, 'tokenizerFiles' | 'samples'>; sampleIds: string[]; tokenizerKey?: number; stop?: Int32Array };

export type ExportWorkerMessage =
  | { kind: 'tokenizer'; key: number; error?: string }
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'result'; id: number; result: ExportResult }
  | { kind: 'error'; id: number; message: string; cancelled: boolean };

/** The worker's global scope, as much of it as this file uses (the DOM lib has no worker types). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExportWorkerRequest>) => void) | null;
  postMessage(message: ExportWorkerMessage, transfer?: Transferable[]): void;
};

/** Progress at most this often: a message per sample of thousands would only queue up on the page. */
const PROGRESS_MS = 50;

const runner = createExportRunner();
const samples = new Map<string, Sample>();

/** The buffers of the files' bytes, each whole and once: handed to the page rather than copied. */
function transferables(result: ExportResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of result.files) {
    const { buffer, byteOffset, byteLength } = file.bytes;
    if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers];
}

scope.onmessage = ({ data }) => {
  if (data.kind === 'tokenizer') {
    const { key } = data.files;
    runner.tokenizer(data.files).then(
      () => scope.postMessage({ kind: 'tokenizer', key }),
      (err: unknown) => scope.postMessage({ kind: 'tokenizer', key, error: errorText(err) }),
    );
    return;
  }
  if (data.kind === 'samples') {
    for (const sample of data.samples) samples.set(sample.id, sample);
    return;
  }
  const { id, request, sampleIds, tokenizerKey, stop } = data;
  const missing = sampleIds.filter((sampleId) => !samples.has(sampleId));
  if (missing.length) return scope.postMessage({ kind: 'error', id, message: `the export worker was not sent samples ${missing.join(', ')}`, cancelled: false });
  let posted = 0;
  const onProgress = ({ done, total }: { done: number; total: number }) => {
    if (stop && Atomics.load(stop, 0) === 1) throw new ExportCancelledError();
    const now = Date.now();
    if (done === total || now - posted >= PROGRESS_MS) {
      posted = now;
      scope.postMessage({ kind: 'progress', id, done, total });
    }
  };
  const tokenizer = tokenizerKey === undefined ? Promise.resolve(undefined) : runner.held(tokenizerKey);
  if (!tokenizer) return scope.postMessage({ kind: 'error', id, message: 'the tokenizer files were not sent to the export worker', cancelled: false });
  tokenizer.then((t) => runner.run({ ...request, samples: sampleIds.map((sampleId) => samples.get(sampleId)!) }, t, onProgress)).then(
    (result) => scope.postMessage({ kind: 'result', id, result }, transferables(result)),
    (err: unknown) => scope.postMessage({ kind: 'error', id, message: errorText(err), cancelled: err instanceof ExportCancelledError }),
  );
};
