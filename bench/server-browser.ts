/**
 * A 250 MB CoRT inference file imported through the studio of a team server's project (issue
 * 11): `hint-studio serve` on PGlite serving the bench's build, the admin signed in through
 * the sign-in page, the file chosen in the import input as a user does: it streams to the
 * server's import endpoint. The figures: time to the import report and the library painted,
 * against reading and parsing the same file in Node; the server's peak memory (VmHWM) against
 * its own after signing in; and the longest main-thread task meanwhile (Long Tasks API, as
 * bench/library.ts records it) against the longest while signing in to the empty project,
 * same run. bench/server.ts has the Node-side import of such a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seededDataFolder } from '../src/server/testing/harness';
import { stretches, type Profile } from './cpu-profile';
import { emit, round, skip } from './figures';
import type { Studio } from './preview';
import { parseFloor, writeInferenceFile } from './server';

const PROBLEMS = 820;
const GENERATIONS = 16;
const TOKENS = 5_100;

interface Probe {
  longTasks: { start: number; duration: number }[];
  importStart: number;
}

/** Installed before any page script: long tasks, and the moment a file is chosen. */
function installProbes(): void {
  const w = window as unknown as { bench: Probe };
  w.bench = { longTasks: [], importStart: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', (e) => ((e.target as HTMLInputElement).type === 'file' ? (w.bench.importStart = performance.now()) : undefined), true);
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as { bench: Probe }).bench);
const now = (page: Page) => page.evaluate(() => performance.now());
/** A process's resident memory now and at its peak (Linux /proc), in MiB. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
const longest = (tasks: Probe['longTasks'], from: number, to: number) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration));

function serve(data: string, dist: string): Promise<{ child: ChildProcess; url: string; password: string }> {
  const child = spawn(process.execPath, ['bin/hint-studio.mjs', 'serve', '--port', '0', '--data', data, '--dist', dist], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /server at (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      const password = /password:\s+(\S+)/.exec(out)?.[1];
      if (url && password && /--host/.test(out)) resolve({ child, url, password });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

export async function serverBrowserFigures(studio: Studio): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-bench-server-browser-'));
  const data = await seededDataFolder();
  let child: ChildProcess | undefined;
  try {
    const file = join(dir, 'cort-inference-250mb.jsonl');
    const bytes = await writeInferenceFile(file, PROBLEMS, GENERATIONS, TOKENS);
    const samples = PROBLEMS * GENERATIONS;
    const served = await serve(data, studio.outDir);
    child = served.child;
    const context = await studio.browser.newContext({ baseURL: served.url, viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(installProbes);
      await page.goto(served.url);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(served.password);
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid="app"][data-ready="true"]').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(3_000);
      const signedIn = await now(page);
      const serverBefore = rssOf(child.pid!);

      // Chosen by its path, as the file picker hands it over: the browser reads it from disk
      // (Playwright's setInputFiles sent 300 MB through the protocol and stalled for 30 min).
      const cdp = await context.newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-testid="import-file-input"]' });
      // PROFILE=1: what the longest stretches of main-thread work during the import run (stderr; not a figure).
      if (process.env.PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
        await cdp.send('Profiler.start');
      }
      await cdp.send('DOM.setFileInputFiles', { nodeId, files: [file] });
      await page.getByTestId('import-imported').filter({ hasText: `${samples} imported` }).waitFor({ timeout: 1_800_000 });
      const reported = await now(page);
      const serverAfter = rssOf(child.pid!);
      await page.getByTestId('library-row').first().waitFor({ timeout: 600_000 });
      const painted = await now(page);
      await page.getByTestId('sync-connection').filter({ hasText: 'all edits on the server' }).waitFor({ timeout: 3_600_000 });
      const onServer = await now(page);
      if (process.env.PROFILE) console.error(stretches(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile, 6).join('\n'));
      const { longTasks, importStart } = await probe(page);
      const floor = await parseFloor(file);
      emit({
        figure: 'browser import of a 250 MB CoRT inference file into a team server project (PGlite), library painted',
        ms: round(painted - importStart),
        floor_ms: round(floor),
        ratio: round((painted - importStart) / floor),
        floor: 'read + JSON.parse every line of the same file in Node, same run',
        report_ms: round(reported - importStart),
        all_on_server_ms: round(onServer - importStart),
        mb: round(bytes / 2 ** 20),
        samples,
      });
      emit({
        figure: 'team server memory during that import (peak RSS of `hint-studio serve`, PGlite)',
        mb: round(serverAfter.peak),
        floor_mb: round(serverBefore.peak),
        ratio: round(serverAfter.peak / serverBefore.peak),
        floor: 'the same server after the sign-in, before the import',
        rss_after_mb: round(serverAfter.rss),
      });
      emit({
        figure: 'longest main-thread task during that import, until every edit is on the server',
        ms: round(longest(longTasks, importStart, onServer)),
        floor_ms: round(longest(longTasks, 0, signedIn)),
        ratio: round(longest(longTasks, importStart, onServer) / Math.max(1, longest(longTasks, 0, signedIn))),
        floor: 'the longest task from opening the sign-in page to the empty project ready, same page',
        until_painted_ms: round(longest(longTasks, importStart, painted)),
        tasks_over_100_ms: longTasks.filter((t) => t.start >= importStart && t.start <= onServer && t.duration > 100).length,
      });
    } finally {
      await context.close();
    }
  } catch (error) {
    skip('browser import of a 250 MB file into a team server project', error);
  } finally {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((done) => child!.once('exit', done));
    rmSync(data, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
