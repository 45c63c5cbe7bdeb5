import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CortLineImporter, importFile, jsonlLines } from './index';

const NOW = '2025-01-01T00:00:00.000Z';
const fixture = readFileSync(new URL('./fixtures/cort-inference.jsonl', import.meta.url));

/** A file with a BOM, CRLF line ends, non-ASCII text (multi-byte UTF-8), a bad line and a blank one. */
const messy = new TextEncoder().encode(
  '\uFEFF' +
    [
      JSON.stringify({ problem: 'Résumé: find x² = 4 ✓', gt_answer: '2', gen: ['Okay 😀 x=2\n\\boxed{2}', 'x = -2 \\boxed{-2}'] }),
      '{"problem": "broken", "gen": [',
      '',
      JSON.stringify({ problem: '日本語の問題', gen: ['答え \\boxed{7}\r\n'] }),
    ].join('\r\n') +
    '\r\n',
);

async function streamed(bytes: Uint8Array, cuts: number[], file: string) {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    pieces.push(bytes.subarray(at, cut));
    at = cut;
  }
  pieces.push(bytes.subarray(at));
  async function* chunks() {
    yield* pieces;
  }
  const importer = new CortLineImporter(file, NOW);
  const samples = [];
  for await (const { raw, line } of jsonlLines(chunks())) samples.push(...importer.line(raw, line));
  return { ...importer.finish(), samples };
}

describe('CortLineImporter over a stream', () => {
  it.each([
    ['inference.jsonl', new Uint8Array(fixture)],
    ['messy.jsonl', messy],
  ])('gives what importFile gives for %s, however the bytes are cut', async (file, bytes) => {
    const whole = await importFile(file, bytes, { now: NOW });
    expect(whole.samples.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), async (cuts) => {
        expect(await streamed(bytes, cuts, file)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('cut inside a multi-byte character still decodes the character', async () => {
    const text = JSON.stringify({ problem: 'é😀', gen: ['😀'] }) + '\n';
    const bytes = new TextEncoder().encode(text);
    const at = bytes.indexOf(0xf0) + 2; // inside the 4-byte emoji
    const result = await streamed(bytes, [at], 'emoji.jsonl');
    expect(result.samples[0].problem).toBe('é😀');
    expect(result.rejects).toEqual([]);
  });

  it('a file with no CoRT record is refused as a whole, naming the first line', async () => {
    await expect(streamed(new TextEncoder().encode('{"a": 1}\n{"b": 2}\n'), [], 'other.jsonl')).rejects.toThrow(
      'other.jsonl: not a CoRT file: line 1 has neither "problem" nor "gen" (keys: a)',
    );
  });
});
