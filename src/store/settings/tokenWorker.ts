/**
 * The library's token counter, off the page's thread (see tokenCountsWorker.ts): builds the
 * tokenizer a source describes — the bundled Qwen3 estimate's several MB of vocabulary, or a
 * model's tokenizer.json — and counts texts a batch a message.
 */
import { tokenCounterOf, type TokenCounter, type TokenizerSource } from '../../core/tokens';
import type { ModelTokenizerInfo } from './state';
import { loadTokenizerFileTexts, type TokenizerFileText } from './tokenizerFiles';

/** `files`: the files a user chose in Settings, checked and described here (the page never builds them). */
export type TokenWorkerRequest = { kind: 'load'; source: TokenizerSource } | { kind: 'files'; files: TokenizerFileText[] } | { kind: 'count'; id: number; texts: string[] };

/** What a 'files' load found: the model's description and which file was which. */
export interface LoadedModelFiles {
  model: Omit<ModelTokenizerInfo, 'loadedAt'>;
  picked: { tokenizer: string; config?: string };
}

export type TokenWorkerMessage =
  | { kind: 'ready'; id: string; name: string; isEstimate: boolean; files?: LoadedModelFiles }
  | { kind: 'counts'; id: number; counts: number[] }
  | { kind: 'error'; id?: number; message: string };

/** The worker's global scope, as much of it as this file uses (the DOM lib has no worker types). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TokenWorkerRequest>) => void) | null;
  postMessage(message: TokenWorkerMessage): void;
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
let counter: Promise<TokenCounter> | null = null;

scope.onmessage = ({ data }) => {
  if (data.kind === 'load' || data.kind === 'files') {
    const loaded = data.kind === 'load' ? tokenCounterOf(data.source).then((c) => ({ counter: c, files: undefined })) : loadTokenizerFileTexts(data.files).then(({ counter: c, ...files }) => ({ counter: c, files }));
    counter = loaded.then((l) => l.counter);
    loaded.then(
      ({ counter: c, files }) => scope.postMessage({ kind: 'ready', id: c.id, name: c.name, isEstimate: c.isEstimate, ...(files ? { files } : {}) }),
      (err: unknown) => scope.postMessage({ kind: 'error', message: message(err) }),
    );
    return;
  }
  const { id, texts } = data;
  if (!counter) return scope.postMessage({ kind: 'error', id, message: 'no tokenizer was loaded' });
  counter.then(
    (c) => scope.postMessage({ kind: 'counts', id, counts: texts.map((t) => c.count(t)) }),
    (err: unknown) => scope.postMessage({ kind: 'error', id, message: message(err) }),
  );
};
