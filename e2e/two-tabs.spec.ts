/**
 * Two tabs of one browser on one sample (issue 13 item 5): a save never overwrites a newer
 * version unseen. An untouched tab takes the other's edit in place; two edits of one sample
 * conflict, the conflict shows both, and each way out does what it says and survives a reload.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSample, openStudio, screenshot } from './helpers';

const trace = (page: Page) => page.getByTestId('trace-list');

/** Opens the prose editor on the paragraph under the cursor (the first one) and writes `text` in it. */
async function startRewrite(page: Page, text: string): Promise<void> {
  await page.keyboard.press('e');
  const editor = page.getByTestId('prose-editor');
  await expect(editor).toBeFocused();
  await editor.fill(text);
}

async function commitRewrite(page: Page): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('prose-editor')).toBeHidden();
}

async function rewriteFirstParagraph(page: Page, text: string): Promise<void> {
  await startRewrite(page, text);
  await commitRewrite(page);
}

/** Two tabs with the same sample open. */
async function twoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  await openStudio(a);
  await openSample(a);
  const b = await context.newPage();
  // A's address (#/sample/<id>) opens the same sample.
  expect(a.url()).toContain('#/sample/');
  await b.goto(a.url());
  await expect(b.getByTestId('sample-view')).toBeVisible();
  return [a, b];
}

/** The version the studio's database holds for a sample (as any tab reads it). */
function storedVersion(page: Page, id: string): Promise<number | null> {
  return page.evaluate(
    (sampleId) =>
      new Promise<number | null>((resolve, reject) => {
        const open = indexedDB.open('hint-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('versions').objectStore('versions').get(sampleId);
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { version: number } | undefined)?.version ?? null);
          };
        };
      }),
    id,
  );
}

const EDIT_A = 'Tab A rewrote this opening paragraph.';
const EDIT_B = 'Tab B rewrote the same paragraph differently.';

/**
 * Both tabs rewrite one paragraph: B is still writing when A's edit is saved, so B's edit,
 * committed after, started from the older version and conflicts.
 */
async function conflictingEdits(context: BrowserContext) {
  const [a, b] = await twoTabs(context);
  await startRewrite(b, EDIT_B);
  await rewriteFirstParagraph(a, EDIT_A);
  // A's edit is stored (version 2); B's open editor keeps its text, its sample waiting for the commit.
  const id = decodeURIComponent(a.url().split('#/sample/')[1]!);
  await expect.poll(() => storedVersion(a, id)).toBe(2);
  await expect(b.getByTestId('prose-editor')).toHaveValue(EDIT_B);
  await commitRewrite(b);
  await expect(b.getByTestId('conflict-banner')).toBeVisible();
  await expect(a.getByTestId('conflict-banner')).toHaveCount(0);
  const [mine, theirs, myEdit, theirEdit] = [b, a, EDIT_B, EDIT_A];
  // Neither edit is lost: each tab still shows its own, the loser's not written over.
  await expect(trace(mine)).toContainText(myEdit);
  await expect(trace(theirs)).toContainText(theirEdit);
  await mine.getByTestId('conflict-open').click();
  const dialog = mine.getByTestId('conflict-dialog');
  await expect(dialog.getByTestId('conflict-theirs')).toContainText(theirEdit);
  await expect(dialog.getByTestId('conflict-mine')).toContainText(myEdit);
  await expect(dialog.getByTestId('conflict-theirs')).not.toContainText(myEdit);
  await expect(dialog.getByTestId('conflict-mine')).not.toContainText(theirEdit);
  return { mine, theirs, myEdit, theirEdit, dialog };
}

test('an untouched sample in another tab takes the edit at once', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await rewriteFirstParagraph(a, EDIT_A);
  await expect(trace(b)).toContainText(EDIT_A);
  await expect(b.getByTestId('conflict-banner')).toHaveCount(0);
});

test('two tabs edit one sample: the conflict shows both; keep mine wins everywhere, theirs one undo away', async ({ context }) => {
  const { mine, theirs, myEdit, theirEdit, dialog } = await conflictingEdits(context);
  await screenshot(mine, 'two-tabs-conflict');
  await mine.getByTestId('conflict-keep-mine').click();
  await expect(dialog).toBeHidden();
  await expect(mine.getByTestId('conflict-banner')).toHaveCount(0);
  await expect(trace(mine)).toContainText(myEdit);
  // The other tab had not touched it since: it takes the choice in place.
  await expect(trace(theirs)).toContainText(myEdit);
  await mine.reload();
  await expect(trace(mine)).toContainText(myEdit);
  await expect(trace(mine)).not.toContainText(theirEdit);
  await mine.keyboard.press('Control+z');
  await expect(trace(mine)).toContainText(theirEdit);
});

test('keep theirs: their version stays, mine one undo away', async ({ context }) => {
  const { mine, myEdit, theirEdit, dialog } = await conflictingEdits(context);
  await mine.getByTestId('conflict-keep-theirs').click();
  await expect(dialog).toBeHidden();
  await expect(trace(mine)).toContainText(theirEdit);
  await expect(trace(mine)).not.toContainText(myEdit);
  await mine.reload();
  await expect(trace(mine)).toContainText(theirEdit);
  await mine.keyboard.press('Control+z');
  await expect(trace(mine)).toContainText(myEdit);
});

test('keep both: mine is the trace, theirs a branch that restores', async ({ context }) => {
  const { mine, theirs, myEdit, theirEdit, dialog } = await conflictingEdits(context);
  await mine.getByTestId('conflict-keep-both').click();
  await expect(dialog).toBeHidden();
  await mine.reload();
  await expect(trace(mine)).toContainText(myEdit);
  const branch = mine.getByTestId('branch').filter({ hasText: 'Version of another tab' });
  await expect(branch).toHaveCount(1);
  await expect(branch).toContainText(theirEdit);
  await screenshot(mine, 'two-tabs-keep-both');
  await expect(theirs.getByTestId('branch').filter({ hasText: 'Version of another tab' })).toHaveCount(1);
  await branch.getByTestId('branch-restore').click();
  await expect(trace(mine)).toContainText(theirEdit);
});

test('merge by hand: the text written is kept', async ({ context }) => {
  const { mine, myEdit, theirEdit, dialog } = await conflictingEdits(context);
  await dialog.getByTestId('conflict-merge').click();
  const text = dialog.getByTestId('conflict-merge-text');
  await expect(text).toBeFocused();
  const draft = await text.inputValue();
  expect(draft).toContain(myEdit);
  await text.fill(draft.replace(myEdit, `${myEdit} ${theirEdit}`));
  await screenshot(mine, 'two-tabs-merge');
  await dialog.getByTestId('conflict-merge-save').click();
  await expect(dialog).toBeHidden();
  await mine.reload();
  await expect(trace(mine)).toContainText(`${myEdit} ${theirEdit}`);
});
