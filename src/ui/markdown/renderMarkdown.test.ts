import { describe, expect, it } from 'vitest';
import { MAX_MATH_PER_RENDER } from './mathLimits';
import { renderExcerptMarkdown, renderMarkdown } from './renderMarkdown';

/** The attack of issue 13: `\\frac` nested 1000 deep, 11 kB, overflows KaTeX's stack. */
const hostileFormula = '\\frac{1}{'.repeat(1000) + 'x' + '}'.repeat(1000);

describe('renderMarkdown', () => {
  it('escapes raw HTML from the data instead of injecting it', () => {
    const html = renderMarkdown('Find x. <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('renders all four math delimiters with KaTeX', () => {
    const cases: [string, string][] = [
      ['a $x^2$ b', '$'],
      ['a \\(x^2\\) b', '\\('],
      ['a $$x^2$$ b', '$$'],
      ['a \\[x^2\\] b', '\\['],
      ['$$\nx^2\n$$', '$$'],
      ['\\[\nx^2\n\\]', '\\['],
    ];
    for (const [src, delimiter] of cases) {
      const html = renderMarkdown(src);
      expect(html, src).toMatch(/<annotation encoding="application\/x-tex">\s*x\^2\s*<\/annotation>/);
      expect(html, src).not.toContain(delimiter);
    }
    expect(renderMarkdown('$$\nx\n$$')).toContain('katex-display');
    expect(renderMarkdown('a \\(y\\) b')).not.toContain('katex-display');
  });

  it('keeps markdown syntax inside math as math', () => {
    const html = renderMarkdown('Let $a_1 * b_2 * c$ be given.');
    expect(html).not.toContain('<em>');
    expect(html).toContain('katex');
  });

  it('leaves prices with dollar signs as text', () => {
    const html = renderMarkdown('It costs $5 and $6 in total.');
    expect(html).not.toContain('katex');
    expect(html).toContain('$5 and $6');
  });

  it('refuses KaTeX commands that could navigate or load resources', () => {
    const html = renderMarkdown('$\\href{javascript:alert(1)}{x}$');
    expect(html).toContain('class="katex"'); // it did go through KaTeX, which refused the link
    expect(html).not.toContain('href="javascript');
  });

  it('shows invalid LaTeX as an error span instead of throwing', () => {
    const html = renderMarkdown('$\\frac{1}{$ ok');
    expect(html).toContain('class="katex-error"');
    expect(html).toContain(' ok</p>');
  });

  it('hostile formula: \\frac nested 1000 deep shows its source with a note; the rest of the paragraph renders', () => {
    const html = renderMarkdown(`Before $a^2$ then $${hostileFormula}$ and after $b_1$.`);
    expect(html).toContain('not rendered: formula nested 1000 deep (limit 40)');
    expect(html).toContain('<code class="math-source__text">$\\frac{1}{\\frac{1}{'); // the formula as written
    expect(html.match(/class="katex"/g)).toHaveLength(2); // a^2 and b_1 still rendered
    expect(html).toContain('and after');
  });

  it('hostile formula in display math and in each delimiter gives the same note, escaped', () => {
    for (const [open, close] of [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$$\n', '\n$$']]) {
      const html = renderMarkdown(`${open}${hostileFormula}${close}`);
      expect(html, open).toContain('formula nested 1000 deep');
      expect(html, open).not.toContain('class="katex"');
    }
    const tagged = renderMarkdown(`$${'{'.repeat(50)}<img src=x onerror=alert(1)>${'}'.repeat(50)}$`);
    expect(tagged).toContain('&lt;img src=x');
    expect(tagged).not.toContain('<img');
  });

  it('a formula KaTeX throws on (not a parse error) shows its source instead of failing the page', () => {
    // Macros can nest deeper than any count of the source sees; they are refused before KaTeX.
    const html = renderMarkdown('Let $\\def\\f{\\frac{1}{\\sqrt{\\left(\\f\\right)}}}\\f$ be.');
    expect(html).toContain('not rendered: formula defines macros');
    expect(html).toContain('Let ');
  });

  it('sizes from the data are capped (no page-covering \\rule)', () => {
    const html = renderMarkdown('$\\rule{100000em}{100000em}$');
    expect(html).not.toMatch(/(width|height)[:=]"?100000em/);
    expect(html).toContain('border-right-width:10em;border-top-width:10em');
  });

  it('renders at most a budget of math per piece and says how many formulas it left as source', () => {
    const formula = 'x+'.repeat(249) + 'y'; // 499 characters
    const count = Math.floor(MAX_MATH_PER_RENDER / formula.length) + 4;
    const html = renderMarkdown(Array.from({ length: count }, () => `$${formula}$`).join(' '));
    expect(html.match(/class="katex"/g)).toHaveLength(count - 4);
    expect(html).toContain('4 more formulas shown as source');
  });

  it('a paragraph of 1 MB of unclosed math openers renders as text (each opener no longer scans to the end)', { timeout: 20_000 }, () => {
    for (const opener of ['\\(a ', '\\[a ', '\\[a\n']) {
      const text = opener.repeat(1_000_000 / opener.length);
      const html = renderMarkdown(text);
      expect(html, opener).not.toContain('katex');
      expect(html.length, opener).toBeGreaterThan(text.length * 0.7); // markdown drops the backslash of `\\(`
    }
  });

  it('no data URL is fetched: an image is a placeholder naming its host, never an <img>', () => {
    const html = renderMarkdown('See ![the plot](https://tracker.example/p.png?who=me "t") and ![ref][r] and ![](/local.png).\n\n[r]: http://other.example/r.gif');
    expect(html).not.toMatch(/<img|src=|srcset=|url\(/i);
    expect(html).toContain('Image: the plot <span class="data-image__host">tracker.example</span>');
    expect(html).toContain('href="https://tracker.example/p.png?who=me"'); // opened only by a click, in a new tab
    expect(html).toContain('Image: ref <span class="data-image__host">other.example</span>');
    expect(html).toContain('<span class="data-image" data-testid="data-image" title="Image not loaded">'); // relative: not even a link
  });

  it('links open only on click, in a new tab without opener or referrer; only http(s) and mailto are links', () => {
    const html = renderMarkdown('[docs](https://example.org/a "A title") <https://auto.example/x> [in studio](/api/samples) [mail](mailto:a@b.example)');
    const anchors = html.match(/<a [^>]*>/g) ?? [];
    expect(anchors).toHaveLength(3);
    for (const a of anchors) expect(a).toContain('target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer"');
    expect(html).toContain('title="A title — https://example.org/a"');
    expect(html).toContain('<span class="data-link data-link--inert" title="Not a web link: /api/samples">in studio</span>');
  });

  describe('an excerpt (a library row of a fixed height)', () => {
    const fitScale = (html: string) => Number(/class="math-fit" style="font-size:([\d.]+)em"/.exec(html)?.[1] ?? 1);

    it('sets display math inline: no display block, no displaystyle height', () => {
      for (const src of ['Show $$\\sum_{k=1}^{n} k$$ holds.', 'Show \\[\\sum_{k=1}^{n} k\\] holds.', '$$\nx^2\n$$']) {
        const html = renderExcerptMarkdown(src);
        expect(html, src).toContain('class="katex"');
        expect(html, src).not.toContain('katex-display');
      }
      expect(renderMarkdown('Show $$\\sum_{k=1}^{n} k$$ holds.')).toContain('katex-display');
    });

    it('leaves a formula that fits a line of text as it is', () => {
      for (const src of ['$x^2 + y_1$', '$\\frac{1}{2}$', '$\\sqrt{2}$', '$\\sum_{k=1}^{100} k^5$']) expect(fitScale(renderExcerptMarkdown(src)), src).toBe(1);
    });

    it('scales a formula taller than a line down to one, the taller the smaller', () => {
      const dfrac = fitScale(renderExcerptMarkdown('$\\dfrac{1}{2}$'));
      const matrix = fitScale(renderExcerptMarkdown('$\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\\\ 4 \\end{pmatrix}$'));
      expect(dfrac).toBeLessThan(1);
      expect(dfrac).toBeGreaterThan(0.4);
      expect(matrix).toBeLessThan(dfrac);
      // The whole page's rendering is unchanged.
      expect(renderMarkdown('$\\dfrac{1}{2}$')).not.toContain('math-fit');
    });
  });
});
