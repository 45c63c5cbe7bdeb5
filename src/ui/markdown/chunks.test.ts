import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkMarkdown, CHUNK_LIMITS } from './chunks';
import { renderMarkdown } from './renderMarkdown';

const word = fc.constantFrom('the', 'sum', 'is', 'Then', 'x.', 'prime', '$x_1$', '$\\frac{a}{b}$', '\\(n^2\\)', '`code`', '**bold**', '[link](https://example.org/a)', 'cost $5');
const paragraph = fc.array(word, { minLength: 1, maxLength: 20 }).map((w) => w.join(' '));
const displayMath = fc.constantFrom('$$\nx^2 + y^2\n$$', '\\[\n\\int_0^1 f\n\\]', '```\ncode\n\nmore code\n```');
const document = fc.array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: displayMath }), { minLength: 1, maxLength: 40 }).map((blocks) => blocks.join('\n\n'));
/** Small enough that a document of a few blocks is several pieces, big enough that one generated block fits. */
const small = { chars: 1_000, math: 250 };

describe('chunkMarkdown', () => {
  it('keeps a text within the limits whole, and cuts nothing away from a longer one', () => {
    expect(chunkMarkdown('Short $x$ text.')).toEqual([{ start: 0, end: 15, text: 'Short $x$ text.' }]);
    expect(chunkMarkdown('')).toEqual([{ start: 0, end: 0, text: '' }]);
    fc.assert(
      fc.property(document, (text) => {
        const chunks = chunkMarkdown(text, small);
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        chunks.forEach((c, i) => {
          expect(c.text).toBe(text.slice(c.start, c.end));
          if (i > 0) expect(c.start).toBe(chunks[i - 1].end);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('cuts long documents at paragraph breaks, so the pieces render exactly as the whole', () => {
    fc.assert(
      fc.property(document, (text) => {
        const chunks = chunkMarkdown(text, small);
        expect(chunks.map((c) => renderMarkdown(c.text)).join('')).toBe(renderMarkdown(text));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a paragraph too big for one piece between formulas: every formula still renders whole', () => {
    const text = Array.from({ length: 150 }, (_, i) => `Then $x_{${i}} = \\frac{${i}}{2}$ and \\(y^${i}\\) hold.`).join(' ');
    const chunks = chunkMarkdown(text, small);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.slice(0, -1).every((c) => c.joinsNext)).toBe(true); // one paragraph, read on across pieces
    expect(chunks[chunks.length - 1].joinsNext).toBeUndefined();
    const formulas = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);
    expect(chunks.flatMap((c) => formulas(renderMarkdown(c.text)))).toEqual(formulas(renderMarkdown(text)));
  });

  it('bounds each piece by its formula characters, not only its length', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Step ${i}: $\\sum_{k=1}^{${i}} k^2 = \\frac{${i}(${i}+1)(2\\cdot${i}+1)}{6}$ holds.`).join(' ');
    const chunks = chunkMarkdown(text);
    expect(text.length).toBeLessThan(CHUNK_LIMITS.chars); // short enough to be one piece by length
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      const math = [...c.text.matchAll(/\$([^$]*)\$/g)].reduce((n, m) => n + m[1].length, 0);
      expect(math).toBeLessThan(CHUNK_LIMITS.math + 100);
      expect(c.text.split('$').length % 2, c.text).toBe(1); // never cut inside a formula
    }
  });

  it('cuts a 1 MB paragraph into bounded pieces, whatever it is made of', () => {
    const shapes = ['Let $x_1 = \\frac{a}{b}$ and so on. ', '\\(a ', '\\[a\n', '$ a ', '`a ``b ', 'x'.repeat(50), '~~~\n', '$$a\n', 'a\r\n\r\n'];
    for (const shape of shapes) {
      const text = shape.repeat(Math.ceil(1_000_000 / shape.length));
      const chunks = chunkMarkdown(text);
      expect(chunks.map((c) => c.text).join(''), shape).toBe(text);
      expect(chunks.length, shape).toBeGreaterThan(1_000_000 / (CHUNK_LIMITS.chars * 2) - 1);
      for (const c of chunks) expect(c.text.length, shape).toBeLessThanOrEqual(CHUNK_LIMITS.chars * 2);
    }
  });

  it('keeps a fenced block whole (code renders cheaply; cutting it would change how the rest reads)', () => {
    const code = '```\n' + 'print(1)\n'.repeat(5_000) + '```\n';
    const text = `Intro.\n\n${code}\nAfter.`;
    const chunks = chunkMarkdown(text);
    expect(chunks.some((c) => c.text.startsWith('```') && c.text.includes('```\n\n'))).toBe(true);
    expect(chunks.map((c) => renderMarkdown(c.text)).join('')).toBe(renderMarkdown(text));
  });
});
