/**
 * The library's token counts in a worker of their own (composed by main.tsx as
 * `deps.tokenCountsOffThread`): the tokenizer is built there — the Qwen3 estimate's vocabulary
 * alone holds the page for most of a second when built on it — and every batch is counted
 * there. Resolves once the tokenizer is built; rejects, naming why, when it cannot be.
 */
import type { TokenCounts, TokenizerSource } from '../../core/tokens';
import type { TokenWorkerMessage, TokenWorkerRequest } from './tokenWorker';

/** Counts from a worker; `dispose` ends the worker (a newer tokenizer replaced it). */
export interface DisposableTokenCounts extends TokenCounts {
  dispose(): void;
}

export function tokenCountsInWorker(source: TokenizerSource): Promise<DisposableTokenCounts> {
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
        resolve({
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
        });
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
    post({ kind: 'load', source });
  });
}
