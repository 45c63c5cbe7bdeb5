/**
 * The tokenized export of a big project with the user's own tokenizer.json (the Qwen3 files
 * stand in for the model's): from choosing the files in the export dialog to its download
 * enabled — the tokenizer built (several MB of JSON) and every sample encoded — against the
 * same with the demo project in the same run. "Longest task" (Long Tasks API) is how long the
 * page was frozen at a stretch, by phase: building the tokenizer (to "Loaded …"), then
 * encoding and writing the files (to the download enabled).
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_SAMPLES, openStudio, QWEN3_TOKENIZER } from '../e2e/helpers';
import { emit, round, skip } from './figures';
import { installProbes, longestByPhase, longestTask } from './library';
import type { Studio } from './preview';
import { stretches, type Profile } from './cpu-profile';
import { realisticTrace } from './trace-fixture';
import { cortLine } from '../e2e/helpers';

/** 300 long samples of ~4,000 tokens, each a problem of its own whose boxed answer is right (so the checks export it). */
const SAMPLES = 300;
const TRACE_TOKENS = 4_000;

function exportedProject(): string {
  const lines = Array.from({ length: SAMPLES }, (_, i) =>
    cortLine(`Problem ${i + 1}: count the admissible sequences of length $n$ described below.`, String(125 + i), [realisticTrace(TRACE_TOKENS, i)], 'bench'),
  );
  return `${lines.join('\n')}\n`;
}

interface ExportRun {
  /** From choosing the tokenizer files to the download enabled. */
  ms: number;
  /** To the dialog's "Loaded tokenizer.json + tokenizer_config.json". */
  tokenizerMs: number;
  longestTaskMs: number;
  phases: Record<string, number>;
  /** "Tokenizing n / m" texts seen while it ran (none where the page itself encodes). */
  progressTexts: number;
  /** The dialog's "n of m samples will be exported …". */
  summary: string;
  /** Times the progress went back: the export ran anew (newer choices or checks). */
  restarts: number;
}

const progressDone = (text: string) => Number(/Tokenizing ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);

interface Marks {
  start: number;
  loaded: number;
  done: number;
  progress: string[];
  summary: string;
}

/** Watches the dialog in the page: when the tokenizer says loaded, when the download enables, every progress text. */
function watchDialog(): void {
  const w = window as unknown as { exportMarks: Marks };
  w.exportMarks = { start: 0, loaded: 0, done: 0, progress: [], summary: '' };
  const dialog = document.querySelector('[data-testid="export-dialog"]')!;
  dialog.querySelector('[data-testid="export-tokenizer-input"]')!.addEventListener('change', () => (w.exportMarks.start = performance.now()), true);
  new MutationObserver(() => {
    const m = w.exportMarks;
    if (!m.start) return;
    const progress = dialog.querySelector('[data-testid="export-progress-text"]')?.textContent;
    if (progress && progress !== m.progress.at(-1)) m.progress.push(progress);
    if (!m.loaded && dialog.querySelector('[data-testid="export-tokenizer-status"]')?.textContent?.startsWith('Loaded')) m.loaded = performance.now();
    const download = dialog.querySelector<HTMLButtonElement>('[data-testid="export-download-tokenized.jsonl"]');
    if (m.loaded && !m.done && download && !download.disabled) {
      m.done = performance.now();
      m.summary = dialog.querySelector('[data-testid="export-summary"]')?.textContent ?? '';
    }
  }).observe(dialog, { subtree: true, childList: true, attributes: true, characterData: true });
}

async function measureExport(studio: Studio, file: string | null, samples: number): Promise<ExportRun> {
  const context = await studio.newContext();
  try {
    const page: Page = await context.newPage();
    await page.addInitScript(installProbes);
    await openStudio(page);
    if (file) {
      await page.getByTestId('import-file-input').setInputFiles(file);
      await page.getByTestId('import-imported').filter({ hasText: `${samples} imported` }).waitFor({ timeout: 600_000 });
    }
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-include-all').check();
    // The interpreter's checks of hundreds of samples are another figure: the gate uses the quick ones.
    // (The demo's may be done before the button shows: then there is nothing to skip.)
    await dialog.getByTestId('export-quick-only').click({ timeout: 20_000 }).catch(() => undefined);
    await dialog.getByTestId('export-format').selectOption('tokenized');
    await dialog.getByTestId('export-error').waitFor();
    // The dialog's own quick checks of every sample, and the library's counting, come first:
    // the files are chosen once the page has had no long task for 3 s (at most 2 min).
    await page
      .waitForFunction(
        () => {
          const tasks = (window as unknown as { bench: { longTasks: { start: number; duration: number }[] } }).bench.longTasks;
          const last = tasks.at(-1);
          return !last || performance.now() - (last.start + last.duration) > 3_000;
        },
        null,
        { timeout: 120_000, polling: 250 },
      )
      .catch(() => undefined);
    await page.evaluate(watchDialog);
    // BENCH_PROFILE=1: the page's longest stretches of work during the export, printed (for finding them, not a figure).
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    await dialog.getByTestId('export-tokenizer-input').setInputFiles([QWEN3_TOKENIZER.json, QWEN3_TOKENIZER.config]);
    await page.waitForFunction(() => (window as unknown as { exportMarks: Marks }).exportMarks.done > 0, null, { timeout: 900_000, polling: 200 });
    const marks = await page.evaluate(() => (window as unknown as { exportMarks: Marks }).exportMarks);
    if (cdp) console.error(['the page\'s longest stretches of work during the export:', ...stretches(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile, 3)].join('\n'));
    // Long tasks are reported a little after they end.
    await page.waitForTimeout(500);
    return {
      ms: marks.done - marks.start,
      tokenizerMs: marks.loaded - marks.start,
      longestTaskMs: await longestTask(page, marks.start, marks.done),
      phases: await longestByPhase(page, marks.start, [
        ['tokenizer', marks.loaded],
        ['encode_and_write', marks.done + 1],
      ]),
      progressTexts: marks.progress.length,
      summary: marks.summary,
      restarts: marks.progress.filter((text, i) => i > 0 && progressDone(text) < progressDone(marks.progress[i - 1]!)).length,
    };
  } finally {
    await context.close();
  }
}

export async function tokenizedExportFigures(studio: Studio): Promise<void> {
  const path = '/tmp/hint-studio-bench-tokenized.jsonl';
  writeFileSync(path, exportedProject());
  let demo: ExportRun;
  let big: ExportRun;
  try {
    demo = await measureExport(studio, null, 0);
    big = await measureExport(studio, path, SAMPLES);
  } catch (error) {
    skip(`browser tokenized export, ${SAMPLES} samples`, error);
    return;
  }
  emit({
    figure: `browser tokenized export of ${SAMPLES} long samples with a tokenizer.json, files chosen to download enabled`,
    ms: round(big.ms),
    floor_ms: round(demo.ms),
    ratio: round(big.ms / demo.ms),
    floor: `the same with the ${DEMO_SAMPLES}-sample demo project, same run`,
    tokenizer_loaded_ms: round(big.tokenizerMs),
    longest_task_ms: round(big.longestTaskMs),
    longest_task_ms_by_phase: big.phases,
    floor_longest_task_ms: round(demo.longestTaskMs),
    floor_longest_task_ms_by_phase: demo.phases,
    progress_texts_seen: big.progressTexts,
    exported: big.summary,
    restarts: big.restarts,
    trace_tokens: TRACE_TOKENS,
    build: studio.build,
    note: 'tokenizer: files chosen to "Loaded …" (the tokenizer built); encode_and_write: to the download of tokenized.jsonl enabled; a task counts in the phase it started in',
  });
}
