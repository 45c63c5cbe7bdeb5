/**
 * A project's own trace profile, end to end: in Settings the user adds a copy of ReTool, edits
 * its fields to other tags (<python> calls, <result> outputs), chooses it for the project;
 * a trace written with those tags is imported and read with it; the export names it in every
 * record and carries it in the manifest, and the download equals what `hint-studio export`
 * writes from a backup of the same studio (whose settings carry the profile) and from
 * `--profiles FILE` with the same profile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cortLine, DEMO_SAMPLES, openStudio, screenshot, uploadFiles } from './helpers';

/** A trace as a ReTool harness with <python>/<result> tags writes it (our own, by hand). */
const TURN_1 = 'Let me compute 3 factorial.\n\n<python>\n```python\nimport math\nprint(math.factorial(3))\n```\n</python>';
const RESULT = '\n\n<result>\n6\n</result>\n\n';
const TRACE = `${TURN_1}${RESULT}So it is 6.\n\n<answer>\n\\boxed{6}\n</answer>`;

async function download(page: Page, button: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test("a custom trace profile made in Settings reads the project's traces, and its export equals the CLI's", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'hs-custom-profile-'));
  await openStudio(page);

  // Settings: add a copy of ReTool, then edit its tags.
  await page.keyboard.press(',');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByTestId('settings-profiles').locator('summary').click();
  const custom = dialog.getByTestId('settings-custom-profiles');
  await custom.getByTestId('settings-custom-base').selectOption('retool');
  // A built-in's id is refused, naming the field.
  await custom.getByTestId('settings-custom-id').fill('retool');
  await custom.getByTestId('settings-custom-add').click();
  await expect(custom.getByTestId('settings-custom-add-problems')).toContainText('/id "retool" is a built-in profile\'s id');
  await custom.getByTestId('settings-custom-id').fill('retool-py');
  await custom.getByTestId('settings-custom-name').fill('ReTool with <python> tags');
  await custom.getByTestId('settings-custom-add').click();
  const card = custom.locator('[data-testid="settings-custom-profile"][data-profile="retool-py"]');
  await expect(card).toBeVisible();

  const json = card.getByTestId('settings-custom-json');
  const profile = JSON.parse(await json.inputValue());
  // A wrong field is named.
  await json.fill(JSON.stringify({ ...profile, continuation: { ...profile.continuation, stop: '</python>' } }, null, 2));
  await card.getByTestId('settings-custom-apply').click();
  await expect(card.getByTestId('settings-custom-problems')).toContainText('custom profiles[0] (retool-py): /continuation/stop must be array');
  const edited = {
    ...profile,
    syntax: { ...profile.syntax, code: { open: '<python>', close: '</python>' }, output: { ...profile.syntax.output, open: '<result>', close: '</result>' } },
    code: { ...profile.code, before: '<python>\n```python\n', after: '\n```\n</python>' },
    output: { before: '\n\n<result>\n', after: '\n</result>\n\n' },
    continuation: { ...profile.continuation, stop: ['</python>'] },
  };
  await json.fill(JSON.stringify(edited, null, 2));
  await card.getByTestId('settings-custom-apply').click();
  await expect(card.getByTestId('settings-custom-problems')).toHaveCount(0);
  await dialog.getByTestId('setting-trace-profile').selectOption('retool-py');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'formats-custom-profile-settings');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();

  // A trace written with the custom tags is read with the project's profile.
  await uploadFiles(page, [{ name: 'retool-py.jsonl', content: cortLine('What is $3!$?', '6', [TRACE]) }]);
  await expect(page.getByTestId('library-row')).toHaveCount(DEMO_SAMPLES + 1);
  await page.keyboard.press(',');
  await dialog.getByTestId('settings-profiles').locator('summary').click();
  await expect(card.getByTestId('settings-profile-count')).toHaveText('1 sample here');
  await expect(card.getByTestId('settings-profile-code')).toHaveText('<python>\\n```python\\nprint(1)\\n```\\n</python>');
  await expect(card.getByTestId('settings-profile-output')).toHaveText('\\n\\n<result>\\n1\\n</result>\\n\\n');
  await card.scrollIntoViewIfNeeded();
  await expect(dialog.getByTestId('settings-custom-delete')).toBeDisabled();
  await screenshot(page, 'formats-custom-profile-detected');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Export (CoRT JSONL): the record names the profile, its spans are the <result> block.
  await page.keyboard.press('e');
  const exporter = page.getByTestId('export-dialog');
  await exporter.getByTestId('export-include-all').check();
  await expect(exporter.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await expect(exporter.getByTestId('export-download-cort.jsonl')).toBeEnabled({ timeout: 60_000 });
  const studioDir = join(dir, 'studio');
  const names = await exporter.getByTestId('export-file').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')!));
  for (const name of names) await download(page, exporter.getByTestId(`export-download-${name}`), studioDir);
  await exporter.getByTestId('export-close').click();
  const manifest = JSON.parse(readFileSync(join(studioDir, 'manifest.json'), 'utf8'));
  expect(manifest.customProfiles).toEqual([edited]);
  const records = readFileSync(join(studioDir, 'cort.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const mine = records.find((r) => r.response === TRACE);
  expect(mine, 'the custom-profile sample is exported').toBeDefined();
  expect(mine.trace_profile).toBe('retool-py');
  expect(mine.output_spans).toEqual([{ start: TURN_1.length, end: TURN_1.length + RESULT.length }]);

  // The CLI, from a backup of this studio (its settings carry the profile), and with --profiles.
  const backup = await download(page, page.getByTestId('backup-download'), dir);
  const profilesFile = join(dir, 'profiles.json');
  writeFileSync(profilesFile, JSON.stringify([edited]));
  for (const [what, flags] of [
    ['backup settings', []],
    ['--profiles', ['--profiles', profilesFile]],
  ] as const) {
    const cliDir = join(dir, what.replace(/\W/g, ''));
    execFileSync('node', ['bin/hint-studio.mjs', 'export', backup, '--out', cliDir, '--include', 'all', '--exported-at', manifest.exportedAt, ...flags], { cwd: process.cwd(), stdio: 'pipe' });
    expect(readdirSync(cliDir).sort(), what).toEqual([...names].sort());
    for (const name of names) expect(readFileSync(join(studioDir, name)).equals(readFileSync(join(cliDir, name))), `${what}: ${name} differs from the CLI's`).toBe(true);
  }

  // "Convert to" lists the project's own profile; the converted download equals
  // `hint-studio export --convert-to retool-py --profiles FILE` with the same options.
  await page.keyboard.press('e');
  await exporter.getByTestId('export-include-all').check();
  const convertTo = exporter.getByTestId('export-convert-to');
  await expect(convertTo.locator('optgroup[label="This project\'s own profiles"] option[value="retool-py"]')).toHaveText('convert to ReTool with <python> tags (retool-py)');
  await convertTo.selectOption('retool-py');
  await expect(exporter.getByTestId('export-full-checks')).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await expect(exporter.getByTestId('export-download-cort.jsonl')).toBeEnabled({ timeout: 60_000 });
  await screenshot(page, 'formats-custom-profile-convert-to');
  const convertedDir = join(dir, 'studio-converted');
  const convertedNames = await exporter.getByTestId('export-file').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')!));
  for (const name of convertedNames) await download(page, exporter.getByTestId(`export-download-${name}`), convertedDir);
  await exporter.getByTestId('export-close').click();
  const converted = JSON.parse(readFileSync(join(convertedDir, 'manifest.json'), 'utf8'));
  const convertedRecords = readFileSync(join(convertedDir, 'cort.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  // Not vacuous: demo CoRT traces were re-written in the custom tags.
  expect(convertedRecords.filter((r) => r.trace_profile === 'retool-py' && r.response.includes('<python>\n```python\n')).length).toBeGreaterThan(1);
  const cliConverted = join(dir, 'cli-converted');
  execFileSync('node', ['bin/hint-studio.mjs', 'export', backup, '--out', cliConverted, '--include', 'all', '--exported-at', converted.exportedAt, '--convert-to', 'retool-py', '--profiles', profilesFile], { cwd: process.cwd(), stdio: 'pipe' });
  expect(readdirSync(cliConverted).sort()).toEqual([...convertedNames].sort());
  for (const name of convertedNames) expect(readFileSync(join(convertedDir, name)).equals(readFileSync(join(cliConverted, name))), `converted: ${name} differs from the CLI's`).toBe(true);

  // Another studio (a fresh browser profile) imports the export with its manifest: the profile
  // comes into its Settings, and the record naming it is read with it, not refused.
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await openStudio(other);
    await uploadFiles(other, ['cort.jsonl', 'manifest.json'].map((name) => ({ name, content: readFileSync(join(studioDir, name), 'utf8') })));
    const report = other.getByTestId('import-report');
    await expect(report.getByTestId('import-rejected')).toHaveText('0 rejected');
    await expect(report.getByTestId('import-notes')).toContainText('trace profiles added to this project: retool-py');
    await screenshot(other, 'formats-custom-profile-reimported');
    await other.keyboard.press(',');
    const otherSettings = other.getByTestId('settings-dialog');
    await otherSettings.getByTestId('settings-profiles').locator('summary').click();
    const adopted = otherSettings.locator('[data-testid="settings-custom-profile"][data-profile="retool-py"]');
    await expect(adopted.getByTestId('settings-profile-count')).toHaveText('1 sample here');
    expect(JSON.parse(await adopted.getByTestId('settings-custom-json').inputValue())).toEqual(edited);
  } finally {
    await elsewhere.close();
  }
});
