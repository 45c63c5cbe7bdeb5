/**
 * "Python ready before it is asked for", measured in Chromium against one floor of the same
 * run: cold boot + `import sympy` (the bare sandbox harness without the memory snapshot, page
 * load to the first sympy result). Against it:
 *   - the studio, page load (a link to a demo sample) to the first sympy result of a cell run
 *     with Shift+Enter;
 *   - the studio, opening a sample (Enter on its library row) to the first output of a
 *     continuation (`c`) whose code imports sympy, with the scripted model server.
 * The goal is a first sympy result within 0.4× the floor. Each is the median of a few runs,
 * alternated with the floor so all see the same machine load.
 */
import type { Page } from '@playwright/test';
import { startModelServer, type ModelServer } from '../e2e/fixtures/model-server';
import { cortLine, openStudio, uploadFiles } from '../e2e/helpers';
import { median, round, skip, versusRuns } from './figures';
import type { Studio } from './preview';

const RUNS = 3;
const SYMPY_CELL = 'import sympy as sp\nx = sp.symbols("x")\nprint(sp.factor(x**6 - 1))';
const EXPECTED = '(x - 1)*(x + 1)*(x**2 - x + 1)*(x**2 + x + 1)';
/** The figures this bench emits (or skips, named the same). */
const FIGURES = {
  restored: 'browser sandbox from the memory snapshot, page load to first sympy result (harness)',
  firstSympy: 'browser page load to first sympy result (studio, link to a sample, Shift+Enter)',
  continuation: 'browser open sample to first output of a continuation (c, scripted model, code imports sympy)',
};
const FLOOR = 'cold boot + import sympy: sandbox harness without the snapshot, page load to the first sympy result, same run';

type Harness = { pythonHarness: { run(n: string, c: string, o?: { timeoutMs?: number }): Promise<{ output: string }> } };

/** A page with one sandbox, to the first sympy result: booted cold (the floor), or from the build-time snapshot. */
async function harnessSympy(studio: Studio, snapshot: boolean): Promise<number> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`/src/python/browser/testing/harness.html?snapshot=${snapshot ? 1 : 0}`);
    const out = await page.evaluate((code) => (window as unknown as Harness).pythonHarness.run('b', code, { timeoutMs: 600_000 }), SYMPY_CELL);
    if (out.output !== EXPECTED) throw new Error(`floor: unexpected output ${out.output}`);
    return performance.now() - t;
  } finally {
    await context.close();
  }
}

/** The id of the demo sample whose first code cell imports sympy (content-derived, so stable). */
async function sympyDemoSample(studio: Studio): Promise<string> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    await openStudio(page);
    const row = page.getByTestId('library-row').filter({ hasText: 'coefficient of' }).first();
    return (await row.getAttribute('data-sample-id'))!;
  } finally {
    await context.close();
  }
}

async function cursorToFirstCode(page: Page): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await page.locator('[data-testid="step"][data-cursor="true"]').getAttribute('data-step-kind')) === 'code') return;
    await page.keyboard.press('j');
  }
  throw new Error('no code step');
}

/** Page load of a link to the sample, to its sympy cell's output after Shift+Enter. */
async function studioFirstSympy(studio: Studio, sampleId: string): Promise<number> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`/#/sample/${sampleId}`);
    await page.getByTestId('sample-view').waitFor();
    await cursorToFirstCode(page);
    await page.keyboard.press('Shift+Enter');
    const status = page.getByTestId('code-step').first().getByTestId('cell-status');
    await status.waitFor({ timeout: 600_000 });
    const ms = performance.now() - t;
    const output = await page.getByTestId('output-step').first().locator('.output-step__body').innerText();
    if ((await status.getAttribute('data-status')) !== 'ok' || !output.includes('1, 8, 36')) throw new Error(`studio: unexpected output ${output}`);
    return ms;
  } finally {
    await context.close();
  }
}

const HINTED = [
  "Okay, let's try to solve this problem step by step using multiple python code calls.",
  '',
  'We need the coefficient of $x^5$ in $(1 + x + x^2)^8$. Expanding by hand: the terms come from choices of',
  'It looks tedious, and we can use python code to simplify the reasoning.',
  '```python',
  '',
].join('\n');

/** From the library, Enter on the hinted sample and `c` at once, to the continuation's first output block. */
async function studioFirstContinuationOutput(studio: Studio, server: ModelServer): Promise<{ ms: number; sinceLoadMs: number }> {
  const context = await studio.newContext();
  try {
    const page = await context.newPage();
    const loaded = performance.now();
    await openStudio(page);
    await uploadFiles(page, [{ name: 'bench-hinted.jsonl', content: cortLine('Bench: the coefficient of x^5 in (1 + x + x^2)^8', '504', [HINTED], 'bench') }]);
    await page.getByTestId('import-imported').waitFor();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-dialog').getByTestId('endpoint-add').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.getByTestId('endpoint-url').fill(server.url);
    await dialog.getByTestId('endpoint-model').fill('scripted-cort');
    await dialog.getByTestId('settings-save').click();
    await page.getByTestId('library-row').filter({ hasText: 'Bench: the coefficient' }).focus();
    const t = performance.now();
    await page.keyboard.press('Enter');
    await page.getByTestId('sample-view').waitFor();
    await page.keyboard.press('c');
    const output = page.getByTestId('output-step').first();
    await output.waitFor({ timeout: 600_000 });
    const ms = performance.now() - t;
    const text = await output.innerText();
    if (!text.includes('504')) throw new Error(`continuation: unexpected output ${text}`);
    return { ms, sinceLoadMs: t - loaded };
  } finally {
    await context.close();
  }
}

export async function pythonReadyFigures(studio: Studio): Promise<void> {
  let server: ModelServer | undefined;
  try {
    const sampleId = await sympyDemoSample(studio);
    const floors: number[] = [];
    const restored: number[] = [];
    const firstSympy: number[] = [];
    const continuation: number[] = [];
    const sinceLoad: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      server = await startModelServer({
        model: 'scripted-cort',
        turns: [
          { text: 'import sympy as sp\nx = sp.symbols("x")\nprint(sp.Poly((1 + x + x**2)**8, x).coeff_monomial(x**5))\n```\n' },
          { text: 'So the coefficient is $504$.\n</think>\n\nThe coefficient is $\\boxed{504}$.' },
        ],
      });
      floors.push(await harnessSympy(studio, false));
      restored.push(await harnessSympy(studio, true));
      firstSympy.push(await studioFirstSympy(studio, sampleId));
      const c = await studioFirstContinuationOutput(studio, server);
      continuation.push(c.ms);
      sinceLoad.push(c.sinceLoadMs);
      await server.close();
      server = undefined;
    }
    const floor = median(floors);
    versusRuns(FIGURES.restored, restored, floor, FLOOR);
    versusRuns(FIGURES.firstSympy, firstSympy, floor, FLOOR, {
      target_ratio: 0.4,
      floor_runs: floors.map(round),
      build: studio.build,
    });
    versusRuns(FIGURES.continuation, continuation, floor, FLOOR, {
      target_ratio: 0.4,
      opened_ms_after_page_load: round(median(sinceLoad)),
    });
  } catch (error) {
    for (const figure of Object.values(FIGURES)) skip(figure, error);
  } finally {
    await server?.close();
  }
}
