/**
 * The library's token counter, off the page's thread (see tokenCountsWorker.ts): builds the
 * tokenizer a source describes — the bundled Qwen3 estimate's several MB of vocabulary, or a
 * model's tokenizer.json — and counts texts a batch a message.
 */
import { tokenCounterOf, type TokenCounter, type TokenizerSource } from '../../core/tokens';

export type TokenWorkerRequest = { kind: 'load'; source: TokenizerSource } | { kind: 'count'; id: number; texts: string[] };

export type TokenWorkerMessage =
  | { kind: 'ready'; id: string; name: string; isEstimate: boolean }
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
  if (data.kind === 'load') {
    counter = tokenCounterOf(data.source);
    counter.then(
      (c) => scope.postMessage({ kind: 'ready', id: c.id, name: c.name, isEstimate: c.isEstimate }),
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
