import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../import';
import { parseTrace } from '../trace/parse';
import type { TokenCounter } from '../tokens';
import { problemExcerpt, summarizeSample } from './summary';

const fixture = new Uint8Array(readFileSync(new URL('../import/fixtures/cort-inference.jsonl', import.meta.url)));
/** Counts characters: enough to see that the counter is applied to the whole rendered trace. */
const charCounter: TokenCounter = { id: 'test:chars', name: 'chars', isEstimate: true, count: (t) => t.length };

const { samples } = await importFile('inference.jsonl', fixture);

describe('summarizeSample', () => {

  it('counts code and output blocks, finds the answer and compares it with the ground truth', () => {
    expect(samples.map((s) => summarizeSample(s))).toMatchObject([
      { codeBlocks: 1, outputBlocks: 1, answer: '5', hasAnswer: true, answerMatches: true, source: 'math500' },
      // The second generation's code block is left open at the end: it is still a code block.
      { codeBlocks: 2, outputBlocks: 1, answer: '5', hasAnswer: true, answerMatches: true },
      { codeBlocks: 1, outputBlocks: 1, answer: '2', answerMatches: true, source: 'amc23' },
      { codeBlocks: 0, outputBlocks: 0, answer: '4', answerMatches: false },
    ]);
  });

  it('counts tokens of the response only when a counter is given, and says if it is an estimate', () => {
    expect(summarizeSample(samples[0])).not.toHaveProperty('tokens');
    expect(summarizeSample(samples[0]).tokensAreEstimate).toBe(false);
    expect(summarizeSample(samples[0], charCounter)).toMatchObject({ tokens: samples[0].original.length, tokensAreEstimate: true });
  });

  it('gives the answer verdict as far as it is decided without an interpreter', () => {
    const withAnswer = (answer: string, gtAnswer: string) => ({ ...samples[0], gtAnswer, trace: parseTrace(`Done.\n</think>\nSo \\boxed{${answer}}.`) });
    expect(summarizeSample(withAnswer('\\$18.90', '18.90'))).toMatchObject({ answerVerdict: 'equal', answerMatches: true });
    expect(summarizeSample(withAnswer('(C)', '\\text{(C)}'))).toMatchObject({ answerVerdict: 'equal', answerMatches: true });
    expect(summarizeSample(withAnswer('D', '\\text{(C)}'))).toMatchObject({ answerVerdict: 'different', answerMatches: false });
    // Only SymPy can tell: pending, never a guess either way.
    expect(summarizeSample(withAnswer('2\\sqrt{3}', '\\sqrt{12}'))).toMatchObject({ answerVerdict: 'pending', answerMatches: null });
  });

  it('reports no match either way without an answer or without ground truth', () => {
    const noAnswer = { ...samples[0], trace: { segments: [] } };
    expect(summarizeSample(noAnswer)).toMatchObject({ answer: null, hasAnswer: false, answerVerdict: null, answerMatches: null });
    const noGt = { ...samples[0], gtAnswer: undefined };
    expect(summarizeSample(noGt).answerMatches).toBeNull();
  });
});

describe('problemExcerpt', () => {
  it('puts the problem on one line and cuts long ones at a word', () => {
    expect(problemExcerpt('Find  the\nsum.')).toBe('Find the sum.');
    const long = 'word '.repeat(40);
    const excerpt = problemExcerpt(long, 22);
    expect(excerpt).toBe('word word word word…');
  });
});
