/**
 * The library's token counts in a worker of their own (composed by main.tsx as
 * `deps.tokenCountsOffThread`): the tokenizer is built there — the Qwen3 estimate's vocabulary
 * alone holds the page for most of a second when built on it — and every batch is counted
 * there. Resolves once the tokenizer is built; rejects, naming why, when it cannot be.
 */
import type { TokenCounts, TokenizerSource } from '../../core/tokens';
import type { LoadedModelFiles, TokenWorkerMessage, TokenWorkerRequest } from './tokenWorker';
import type { TokenizerFileText } from './tokenizerFiles';

/** Counts from a worker; `dispose` ends the worker (a newer tokenizer replaced it). */
export interface DisposableTokenCounts extends TokenCounts {
  dispose(): void;
}

export function tokenCountsInWorker(source: TokenizerSource): Promise<DisposableTokenCounts> {
  return countsOf({ kind: 'load', source }).then(({ counts }) => counts);
}

/**
 * The counts of a model tokenizer the user chose (Settings): the files are checked, described
 * and built in the worker; rejects with the sentence naming the file when they are not a tokenizer.
 */
export function tokenCountsOfFilesInWorker(files: TokenizerFileText[]): Promise<DisposableTokenCounts & LoadedModelFiles> {
  return countsOf({ kind: 'files', files }).then(({ counts, files: loaded }) => {
    if (!loaded) throw new Error('the token counting worker did not describe the files');
    return Object.assign(counts, loaded);
  });
}

function countsOf(load: Extract<TokenWorkerRequest, { kind: 'load' | 'files' }>): Promise<{ counts: DisposableTokenCounts; files?: LoadedModelFiles }> {
  const worker = new Worker(new URL('./tokenWorker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (counts: number[]) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let gone: Error | null = null;
  const post = (request: TokenWorkerRequest) => worker.postMessage(request);

  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      gone = err;
      worker.terminate();
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
      reject(err);
    };
    worker.onerror = (event) => fail(new Error(event.message || 'the token counting worker failed'));
    worker.onmessage = ({ data }: MessageEvent<TokenWorkerMessage>) => {
      if (data.kind === 'ready') {
        const counts: DisposableTokenCounts = {
          id: data.id,
          name: data.name,
          isEstimate: data.isEstimate,
          counts(texts) {
            if (gone) return Promise.reject(gone);
            const id = nextId++;
            return new Promise((res, rej) => {
              waiting.set(id, { resolve: res, reject: rej });
              post({ kind: 'count', id, texts: [...texts] });
            });
          },
          dispose: () => fail(new Error('the token counter was replaced')),
        };
        resolve({ counts, ...(data.files ? { files: data.files } : {}) });
      } else if (data.kind === 'counts') {
        waiting.get(data.id)?.resolve(data.counts);
        waiting.delete(data.id);
      } else if (data.id !== undefined) {
        waiting.get(data.id)?.reject(new Error(data.message));
        waiting.delete(data.id);
      } else {
        fail(new Error(data.message));
      }
    };
    post(load);
  });
}
