/**
 * The library on a team server at scale (issue 11): a reload of an 8,000-sample server project
 * in Chromium against the same reload of the 6-sample demo project in the same run — time to
 * the first library row painted, the longest main-thread task, the JS heap, and the requests
 * the page made to the API (rows pages, samples read, per-sample GETs). The page holds entries
 * and reads a trace when a sample is opened, so neither the time nor the requests should grow
 * with the traces.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startServer } from '../src/server';
import { Client, seededDataFolder } from '../src/server/testing/harness';
import { usedHeap } from './browser';
import { emit, round, skip } from './figures';
import { GENERATIONS, installProbes, longestTask, probes, RECORDS, TRACE_TOKENS } from './library';
import type { Studio } from './preview';
import { cortInferenceJsonl } from './trace-fixture';

const SAMPLES = RECORDS * GENERATIONS;
const DEMO = new URL('../public/demo/cort-demo.jsonl', import.meta.url);

interface ApiRequests {
  rows: number;
  oneSample: number;
  read: number;
  other: number;
}

interface ServerRun {
  /** The first sign-in on this browser (no copy yet): project chosen to the first row visible, and the requests until every row is in. */
  firstLookMs: number;
  firstLookRequests: ApiRequests;
  firstRowMs: number;
  longestTaskMs: number;
  heapBytes: number;
  rowsShown: number;
  requests: ApiRequests;
}

async function upload(client: Client, projectId: number, file: string, body: string): Promise<void> {
  const response = await fetch(`${client.url}/api/projects/${projectId}/import?file=${encodeURIComponent(file)}`, {
    method: 'POST',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, origin: client.url, 'content-type': 'application/x-ndjson' },
    body,
  });
  if (response.status !== 200) throw new Error(`import of ${file}: HTTP ${response.status} ${await response.text()}`);
}

function countRequests(page: Page): ApiRequests {
  const counts: ApiRequests = { rows: 0, oneSample: 0, read: 0, other: 0 };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith('/api/projects/')) return;
    if (request.method() === 'GET' && /\/samples$/.test(pathname)) counts.rows++;
    else if (request.method() === 'POST' && pathname.endsWith('/samples/read')) counts.read++;
    else if (request.method() === 'GET' && /\/samples\/[^/]+$/.test(pathname)) counts.oneSample++;
    else counts.other++;
  });
  return counts;
}

/** Signs in, picks `project`, lets the first look finish, then reloads and measures the reload. */
async function measure(studio: Studio, url: string, user: { username: string; password: string }, project: string, expected: number): Promise<ServerRun> {
  const context = await studio.browser.newContext({ baseURL: url, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(installProbes);
    await page.goto(url);
    await page.getByTestId('login-username').fill(user.username);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    const firstLookRequests = countRequests(page);
    const chosen = Date.now();
    await page.getByTestId('project-choice').and(page.locator(`[data-project-name="${project}"]`)).click();
    await page.getByTestId('library-row').first().waitFor({ timeout: 600_000 });
    const firstLookMs = Date.now() - chosen;
    // The first look (every row into the browser's copy) done: the count of rows shown is the project's.
    await page.waitForFunction((n) => document.querySelector('[data-testid="library-count"]')?.textContent?.includes(`${n} samples`) ?? true, expected, { timeout: 600_000 });
    await page.waitForTimeout(1_000);
    const firstLook = { ...firstLookRequests };
    page.removeAllListeners('request');
    const requests = countRequests(page);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { bench: { rowsPainted: number } }).bench.rowsPainted > 0, null, { timeout: 600_000 });
    await page.waitForTimeout(3_000);
    const { rowsPainted } = await probes(page);
    return {
      firstLookMs,
      firstLookRequests: firstLook,
      firstRowMs: rowsPainted,
      longestTaskMs: await longestTask(page, 0, rowsPainted + 3_000),
      heapBytes: await usedHeap(page),
      rowsShown: await page.getByTestId('library-row').count(),
      requests: { ...requests },
    };
  } finally {
    await context.close();
  }
}

export async function serverLibraryFigures(studio: Studio): Promise<void> {
  if (!studio.outDir) return skip(`team server library reload, ${SAMPLES} samples`, new Error('no build folder to serve'));
  const dataDir = await seededDataFolder();
  const path = '/tmp/hint-studio-bench-server-library.jsonl';
  writeFileSync(path, cortInferenceJsonl(RECORDS, GENERATIONS, TRACE_TOKENS));
  const server = await startServer({ storage: { kind: 'pglite', dataDir }, port: 0, distDir: studio.outDir! });
  let small: ServerRun;
  let big: ServerRun;
  try {
    const admin = new Client(server.url);
    const user = server.firstAdmin!;
    await admin.login(user.username, user.password);
    const demo = (await admin.post('/api/projects', { name: 'demo' })).body.id as number;
    const large = (await admin.post('/api/projects', { name: 'large' })).body.id as number;
    await upload(admin, demo, 'cort-demo.jsonl', readFileSync(DEMO, 'utf8'));
    await upload(admin, large, 'large.jsonl', readFileSync(path, 'utf8'));
    small = await measure(studio, server.url, user, 'demo', 6);
    big = await measure(studio, server.url, user, 'large', SAMPLES);
  } catch (error) {
    skip(`team server library reload, ${SAMPLES} samples`, error);
    return;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path, { force: true });
  }
  const floor = 'the same reload of the 6-sample demo project on the same server, same run';
  emit({
    figure: `team server: browser reload to the first library row painted, ${SAMPLES} samples`,
    ms: round(big.firstRowMs),
    floor_ms: round(small.firstRowMs),
    ratio: round(big.firstRowMs / small.firstRowMs),
    floor,
    longest_task_ms: round(big.longestTaskMs),
    floor_longest_task_ms: round(small.longestTaskMs),
    requests: big.requests,
    floor_requests: small.requests,
    rows_in_dom: big.rowsShown,
    first_look_ms: round(big.firstLookMs),
    floor_first_look_ms: round(small.firstLookMs),
    first_look_requests: big.firstLookRequests,
    floor_first_look_requests: small.firstLookRequests,
    note: 'reload (the browser holds a copy): navigation start to the first row painted, longest task up to 3 s after, requests to /api/projects/… (rows: pages of rows, read: POST samples/read — the rows on screen, oneSample: GET of one sample, other: change feed, project); first look (first sign-in, no copy): project chosen to the first row visible (Node clock), requests until every row is in',
  });
  emit({
    figure: `team server: browser JS heap after the reload, ${SAMPLES} samples`,
    heap_mib: round(big.heapBytes / 2 ** 20),
    floor_mib: round(small.heapBytes / 2 ** 20),
    ratio: round(big.heapBytes / small.heapBytes),
    floor: `${floor} (after GC)`,
    trace_tokens: TRACE_TOKENS,
  });
}
