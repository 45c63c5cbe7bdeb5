/**
 * A CPU profile of one import of the bench's library (developer tool, not a figure):
 * `BENCH_PORT=... npx tsx bench/profile-import.ts [records] [generations]` prints the functions
 * with the most self time during the import and the reload, so a long task can be traced.
 */
import { writeFileSync } from 'node:fs';
import { openStudio } from '../e2e/helpers';
import { spawn } from 'node:child_process';
import playwrightConfig from '../playwright.config';
import { startStudio, type Studio } from './preview';

async function servedDist(dir: string): Promise<Studio> {
  const port = Number(process.env.BENCH_PORT ?? 4198);
  const server = spawn('npx', ['vite', 'preview', '--outDir', dir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(baseUrl).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200));
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  return {
    baseUrl,
    browser,
    build: dir,
    outDir: dir,
    newContext: () => browser.newContext({ baseURL: baseUrl, viewport: playwrightConfig.use?.viewport ?? null }),
    close: async () => {
      await browser.close();
      process.kill(-server.pid!);
    },
  };
}
import { cortInferenceJsonl } from './trace-fixture';
import { longTasksFromTrace, TIMELINE_CATEGORIES } from './long-task-trace';
import { inclusive, longestStretch, selfTimes, stretches, type Profile } from './cpu-profile';

/** TRACE=1: a Chrome trace of the import and the reload too, with what runs in each long task. */
const tracing = !!process.env.TRACE;
/** CPU_PROFILE=0: the trace alone (starting the CPU profiler itself holds the page for hundreds of ms). */
const profiling = process.env.CPU_PROFILE !== '0';
const emptyProfile: Profile = { nodes: [], samples: [], timeDeltas: [], startTime: 0 };

const records = Number(process.argv[2] ?? 500);
const generations = Number(process.argv[3] ?? 16);
const path = '/tmp/hint-studio-profile-import.jsonl';
writeFileSync(path, cortInferenceJsonl(records, generations, 2_500));


/** The page's long tasks (Long Tasks API), installed before any page script. */
function recordLongTasks(): void {
  const w = window as unknown as { longTasks: { start: number; duration: number }[] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Where the longest long task after `t0` (page time at profile start) spent its time, inclusive. */
async function longestTask(page: import('@playwright/test').Page, profile: Profile, t0: number, n = 30): Promise<string[]> {
  const tasks = (await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks)).filter((t) => t.start >= t0);
  const task = tasks.sort((a, b) => b.duration - a.duration)[0];
  if (!task) return ['no long task'];
  const inTask = (_i: number, at: number) => t0 + at >= task.start && t0 + at <= task.start + task.duration;
  return [`longest task: ${task.duration.toFixed(0)} ms at ${(task.start - t0).toFixed(0)} ms`, ...inclusive(profile, inTask, n)];
}

// PROFILE_DIST: a build of your own (e.g. `npx vite build --minify false --outDir DIR`) for readable names.
const studio = process.env.PROFILE_DIST ? await servedDist(process.env.PROFILE_DIST) : await startStudio();
try {
  const context = await studio.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordLongTasks);
  await openStudio(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  if (profiling) await cdp.send('Profiler.start');
  const t0 = await page.evaluate(() => performance.now());
  if (tracing) await studio.browser.startTracing(page, { categories: TIMELINE_CATEGORIES });
  const start = Date.now();
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('import-imported').waitFor({ timeout: 900_000 });
  console.log(`import: ${Date.now() - start} ms`);
  const { profile } = profiling ? ((await cdp.send('Profiler.stop')) as { profile: Profile }) : { profile: emptyProfile };
  console.log(selfTimes(profile).join('\n'));
  console.log(longestStretch(profile).join('\n'));
  console.log((await longestTask(page, profile, t0)).join('\n'));
  console.log(['the longest stretches of work during the import:', ...stretches(profile, 6)].join('\n'));
  if (tracing) console.log(['trace of the import:', ...longTasksFromTrace((await studio.browser.stopTracing()).toString('utf8'))].join('\n'));
  if (tracing) await studio.browser.startTracing(page, { categories: TIMELINE_CATEGORIES });
  if (profiling) await cdp.send('Profiler.start');
  const reload = Date.now();
  await page.reload();
  const t1 = 0;
  await page.getByTestId('library-row').first().waitFor({ timeout: 600_000 });
  await page.waitForTimeout(3000);
  console.log(`reload: ${Date.now() - reload} ms (incl. 3 s)`);
  const second = profiling ? ((await cdp.send('Profiler.stop')) as { profile: Profile }) : { profile: emptyProfile };
  console.log(selfTimes(second.profile).join('\n'));
  console.log(longestStretch(second.profile).join('\n'));
  console.log((await longestTask(page, second.profile, t1)).join('\n'));
  if (tracing) console.log(['trace of the reload:', ...longTasksFromTrace((await studio.browser.stopTracing()).toString('utf8'))].join('\n'));
  await context.close();
} finally {
  await studio.close();
}
