/**
 * The library's token counts in a worker of their own (composed by main.tsx as
 * `deps.tokenCountsOffThread`): the tokenizer is built there — the Qwen3 estimate's vocabulary
 * alone holds the page for most of a second when built on it — and every batch is counted
 * there. Resolves once the tokenizer is built; rejects, naming why, when it cannot be.
 */
import type { Remote } from 'comlink';
import type { TokenCounts, TokenizerSource } from '../../core/tokens';
import { workerClient } from '../workers/client';
import type { CounterInfo, LoadedModelFiles, TokenWorkerApi } from './tokenWorker';
import type { TokenizerFileText } from './tokenizerFiles';

/** Counts from a worker; `dispose` ends the worker (a newer tokenizer replaced it). */
export interface DisposableTokenCounts extends TokenCounts {
  dispose(): void;
}

export function tokenCountsInWorker(source: TokenizerSource): Promise<DisposableTokenCounts> {
  return countsOf((api) => api.load(source));
}

/**
 * The counts of a model tokenizer the user chose (Settings): the files are checked, described
 * and built in the worker; rejects with the sentence naming the file when they are not a tokenizer.
 */
export function tokenCountsOfFilesInWorker(files: TokenizerFileText[]): Promise<DisposableTokenCounts & LoadedModelFiles> {
  return countsOf((api) => api.loadFiles(files));
}

/** A worker of its own per tokenizer: built by `load`, then counting until disposed. */
async function countsOf<L extends CounterInfo>(load: (api: Remote<TokenWorkerApi>) => Promise<L>): Promise<DisposableTokenCounts & Omit<L, keyof CounterInfo>> {
  const worker = workerClient<TokenWorkerApi>('token counting', () => new Worker(new URL('./tokenWorker.ts', import.meta.url), { type: 'module' }));
  let loaded: L;
  try {
    loaded = await worker.call(load);
  } catch (err) {
    worker.end();
    throw err;
  }
  const counts: DisposableTokenCounts = {
    id: loaded.id,
    name: loaded.name,
    isEstimate: loaded.isEstimate,
    counts: (texts) => worker.call((api) => api.count([...texts])),
    dispose: () => worker.end(new Error('the token counter was replaced')),
  };
  const { id: _id, name: _name, isEstimate: _estimate, ...described } = loaded;
  return Object.assign(counts, described);
}
