/**
 * The library's token counter, off the page's thread (see tokenCountsWorker.ts): builds the
 * tokenizer a source describes — the bundled Qwen3 estimate's several MB of vocabulary, or a
 * model's tokenizer.json — and counts texts a batch a call.
 */
import { tokenCounterOf, type TokenCounter, type TokenizerSource } from '../../core/tokens';
import { serve } from '../workers/serve';
import type { ModelTokenizerInfo } from './state';
import { loadTokenizerFileTexts, type TokenizerFileText } from './tokenizerFiles';

/** What a 'files' load found: the model's description and which file was which. */
export interface LoadedModelFiles {
  model: Omit<ModelTokenizerInfo, 'loadedAt'>;
  picked: { tokenizer: string; config?: string };
}

/** The counter this worker built, as the page names it. */
export interface CounterInfo {
  id: string;
  name: string;
  isEstimate: boolean;
}

let counter: Promise<TokenCounter> | null = null;

const infoOf = (c: TokenCounter): CounterInfo => ({ id: c.id, name: c.name, isEstimate: c.isEstimate });

export const tokenWorkerApi = {
  /** Builds the tokenizer a source describes; later counts use it. */
  async load(source: TokenizerSource): Promise<CounterInfo> {
    counter = tokenCounterOf(source);
    return infoOf(await counter);
  },
  /** The files a user chose in Settings, checked, described and built here (the page never builds them). */
  async loadFiles(files: TokenizerFileText[]): Promise<CounterInfo & LoadedModelFiles> {
    const loaded = loadTokenizerFileTexts(files);
    counter = loaded.then((l) => l.counter);
    // Files that are not a tokenizer reject here and in every later count, not as an unhandled rejection.
    counter.catch(() => undefined);
    const { counter: c, ...described } = await loaded;
    return { ...infoOf(c), ...described };
  },
  async count(texts: string[]): Promise<number[]> {
    if (!counter) throw new Error('no tokenizer was loaded');
    const c = await counter;
    return texts.map((t) => c.count(t));
  },
};

export type TokenWorkerApi = typeof tokenWorkerApi;

serve(tokenWorkerApi);
