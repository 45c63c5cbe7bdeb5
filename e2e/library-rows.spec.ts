import { expect, test } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, libraryRowsWith as rowFor, openStudio, screenshot, shortTrace, uploadFiles } from './helpers';

/**
 * Library rows have one fixed height (the virtualizer places them without measuring them): a
 * problem's preview is two lines at most, every other cell one line, and no formula — display
 * math, a tall fraction, a matrix — reaches out of its row or is cut in the middle.
 */
const ROW_PX = 72;
const HARD = [
  ['Tall math: find $\\dfrac{\\sqrt{a^2+b^2}}{\\dfrac{1}{2}}$ when $\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$ is given and the rest runs on.', 'a-source-with-a-very-long-name-that-does-not-fit-its-column'],
  ['Display math: $$\\sum_{k=1}^{n} \\frac{1}{k(k+1)} = \\frac{n}{n+1}$$ then prove it for every $n$.', 'amc23'],
  ['# A heading in a problem\n\n- a list item with $x^2$\n- another item', 'aime24'],
  [`A long problem that wraps: ${'the quick brown fox jumps over the lazy dog and '.repeat(6)}then stops.`, 'math500'],
] as const;

test('every library row is one fixed height, and its math stays whole inside it', async ({ page }) => {
  await openStudio(page);
  await uploadFiles(page, [{ name: `a-file-with-a-rather-long-name-for-the-origin-line-of-every-row.jsonl`, content: HARD.map(([problem, source]) => cortLine(problem, '42', [shortTrace('42')], source)).join('\n') }]);
  await expect(page.getByTestId('library-count')).toHaveText(`${DEMO_SAMPLES + HARD.length} samples`);
  for (const [problem] of [['Tall math'], ['Display math'], ['A heading in a problem'], ['A long problem that wraps']]) {
    const row = rowFor(page, problem);
    await expect(row.locator('.katex, p, li').first()).toBeVisible();
    const fit = await row.evaluate((tr) => {
      const box = tr.getBoundingClientRect();
      const preview = tr.querySelector('.library-row__preview')!.getBoundingClientRect();
      const within = (r: DOMRect, outer: DOMRect) => r.top >= outer.top - 0.5 && r.bottom <= outer.bottom + 0.5;
      return {
        height: box.height,
        // Formulas on the preview's lines sit inside it; none is shown outside its row.
        mathInPreview: [...tr.querySelectorAll('.library-row__preview .katex')].map((k) => k.getBoundingClientRect()).filter((r) => r.top < preview.bottom).every((r) => within(r, preview)),
        cellsFit: [...tr.querySelectorAll('td')].every((td) => within(td.getBoundingClientRect(), box)),
        // Every cell but the problem is one line (no wrapped source, status or answer).
        oneLine: [...tr.querySelectorAll('td:not(.col-problem)')].every((td) => getComputedStyle(td).whiteSpace === 'nowrap'),
      };
    });
    expect(fit, problem).toEqual({ height: ROW_PX, mathInPreview: true, cellsFit: true, oneLine: true });
  }
  // Display math in a preview runs on with the text; the whole problem is the cell's title.
  const display = rowFor(page, 'Display math');
  await expect(display.locator('.katex-display')).toHaveCount(0);
  await expect(display.locator('td.col-problem')).toHaveAttribute('title', HARD[1][0]);
  // The demo's rows are the same height.
  const heights = await page.getByTestId('library-row').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
  expect(new Set(heights)).toEqual(new Set([ROW_PX]));
  await screenshot(page, 'library-rows-fixed-height');
});
