/**
 * No data URL fetched (issue 13, item 8): whatever a dataset names — images, links, autolinks,
 * raw HTML, KaTeX \includegraphics/\href/\url — the studio requests nothing from it while the
 * library and the sample render, and the page's CSP is never even tested by an attempt. Only
 * a click on the image placeholder (the user asking) opens the image, in a new tab.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { cortLine, cursorIndex, libraryRowsWith, openSample, openStudio, screenshot, uploadFiles } from './helpers';

let server: Server;
let origin: string;
const requests: string[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/plain', 'cross-origin-resource-policy': 'cross-origin' });
    response.end('tracked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Every way a reasoning trace could name a URL. */
function beaconText(where: string): string {
  return [
    `Beacon ${where}: ![the plot](${origin}/${where}/image.png "Plot. Of data!")`,
    `and a reference image ![ref][img-${where}] and raw <img src="${origin}/${where}/raw.png"> and <style>@import url(${origin}/${where}/style.css)</style>.`,
    `See [the docs](${origin}/${where}/link "Title. It has sentences! Does it?") now. Also <${origin}/${where}/autolink>.`,
    `Math: $\\includegraphics{${origin}/${where}/katex.png}$ $\\href{${origin}/${where}/href}{x}$ $\\url{${origin}/${where}/url}$ $x^2$.`,
    `<svg><image href="${origin}/${where}/svg.png"/></svg> <link rel="prefetch" href="${origin}/${where}/prefetch">`,
    '',
    `[img-${where}]: ${origin}/${where}/reference.png`,
  ].join('\n');
}

test('no data URL fetched while the library and a sample render; the image placeholder opens only on click', async ({ page, context }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openStudio(page);
  const trace = `Okay, let's try to solve this problem step by step using multiple python code calls.\n\n${beaconText('trace')}\n</think>\n\nThe answer is $\\boxed{1}$.`;
  await uploadFiles(page, [{ name: 'beacons.jsonl', content: cortLine(`Beacon problem. ${beaconText('problem')}`, '1', [trace]) }]);
  await expect(libraryRowsWith(page, 'Beacon problem')).toHaveCount(1);

  const view = await openSample(page, 'Beacon problem');
  await expect(view.getByTestId('step').first()).toBeVisible();
  // Walk the cursor over every step: the cursor row renders its sentence slots too.
  const steps = await view.getByTestId('step').count();
  for (let i = 0; i < steps; i++) await page.keyboard.press('j');
  // Back to the beacon paragraph: it stays under the cursor.
  while ((await cursorIndex(page)) > 1) await page.keyboard.press('k');
  await page.waitForTimeout(1500); // anything lazy (fonts, idle rendering) has had its chance
  expect(requests).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(view.getByTestId('data-image').first()).toBeVisible();

  // A link title with sentence marks stays one attribute, on the cursor row with its slots as well.
  const docs = view.locator('[data-testid="step"][data-cursor="true"] a.data-link', { hasText: 'the docs' });
  await expect(view.locator('[data-testid="step"][data-cursor="true"] .cut-slot').first()).toBeAttached();
  await expect(docs).toHaveAttribute('title', `Title. It has sentences! Does it? — ${origin}/trace/link`);
  await expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
  await screenshot(page, 'data-image-placeholder');

  // The user asks: the placeholder opens the image in a new tab, and only now is it fetched.
  const placeholder = view.getByRole('complementary', { name: 'Problem' }).getByTestId('data-image').first();
  await expect(placeholder).toContainText('Image: the plot');
  await expect(placeholder).toContainText(new URL(origin).host);
  const popup = context.waitForEvent('page');
  await placeholder.click();
  await (await popup).waitForLoadState();
  // (The new tab, a page of its own, also asks that host for its favicon.)
  expect(requests.filter((r) => r !== 'GET /favicon.ico')).toEqual(['GET /problem/image.png']);
});

test('the studio works under its CSP: KaTeX fonts, Monaco, the Python sandbox; nothing of its own is blocked', async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openStudio(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("img-src 'self' data: blob:");
  expect(policy).toContain("script-src 'self'");
  await openSample(page, 'coefficient of');
  // The sympy cell under the cursor: Monaco mounts; Shift+Enter runs it in the sandbox frame.
  const code = page.getByTestId('code-step').first();
  const target = Number(await code.locator('xpath=ancestor::div[@data-testid="step"]').getAttribute('data-step-index'));
  while ((await cursorIndex(page)) < target) await page.keyboard.press('j');
  await expect(code.locator('.monaco-editor .view-lines')).toContainText('import sympy as sp');
  await page.keyboard.press('Shift+Enter');
  await expect(code.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 90_000 });
  // KaTeX's own fonts loaded (from the studio's origin).
  await expect.poll(() => page.evaluate(() => [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
