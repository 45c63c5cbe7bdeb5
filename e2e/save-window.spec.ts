/**
 * Issue 13 item 10, the save window: an edit is on disk as soon as it is on screen. A renderer
 * that crashes right after an edit (no pagehide, no visibilitychange: the process is gone) and
 * a tab closed right after an edit lose nothing; the next tab opens with the edit.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSample, openStudio } from './helpers';

async function appendProse(page: Page, text: string): Promise<void> {
  await openSample(page, 'coefficient');
  await page.keyboard.press('a');
  await page.getByTestId('composer-text').fill(text);
  await page.keyboard.press('Control+Enter');
}

async function reopenHas(context: BrowserContext, text: string): Promise<void> {
  const next = await context.newPage();
  await next.goto('/');
  await expect(next.getByTestId('app')).toHaveAttribute('data-ready', 'true');
  await openSample(next, 'coefficient');
  await expect(next.getByTestId('trace-list')).toContainText(text);
}

test('a renderer crash right after an edit loses no edit', async ({ page, context }) => {
  await openStudio(page);
  const cdp = await context.newCDPSession(page);
  const text = 'Edit made just before the renderer crashed: crash-window marker 51c2.';
  await appendProse(page, text);
  // No waiting for the trace to repaint: the crash comes within the old 400 ms debounce.
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await reopenHas(context, text);
});

test('a tab closed right after an edit loses no edit', async ({ page, context }) => {
  await openStudio(page);
  const text = 'Edit made just before the tab was closed: close-window marker 9d07.';
  await appendProse(page, text);
  await page.close();
  await reopenHas(context, text);
});
