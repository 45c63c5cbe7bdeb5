/**
 * What each long task of a reload of the bench's 8,000-sample library runs (developer tool, not
 * a figure): `BENCH_PORT=... PROFILE_DIST=DIR npx tsx bench/profile-reload.ts [reloads]`. The
 * library is imported once into a browser profile kept in /tmp (a second run reloads at once);
 * each reload is CPU-profiled and every task over 50 ms is listed with the functions inside it
 * (inclusive), the phase it started in, and the page's phase marks.
 * PROFILE_DIST: a build of your own (`npx vite build --minify false --outDir DIR`) for readable names.
 */
import { probes } from './library';
import { openLibraryProfile, reloadLibrary, servePreview } from './devLibrary';
import { stretches, type Profile } from './cpu-profile';

const dist = process.env.PROFILE_DIST;
if (!dist) throw new Error('PROFILE_DIST=<a build of the studio> is needed');
const port = Number(process.env.BENCH_PORT ?? 4198);
const reloads = Number(process.argv[2] ?? 2);
/** `demo` as the second argument: the 6-sample demo library only (the floor of the bench's reload figure). */
const demo = process.argv[3] === 'demo';
/** PROFILE_USER_DIR: a browser profile of your own (a new one imports the library first, as the bench does before its reload). */
const userDir = process.env.PROFILE_USER_DIR ?? `/tmp/hint-studio-profile-reload-${port}${demo ? '-demo' : ''}`;
const preview = await servePreview(dist, port);
const { context, page } = await openLibraryProfile(preview.baseURL, userDir, { demo });
try {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  for (let r = 0; r < reloads; r++) {
    await cdp.send('Profiler.start');
    await reloadLibrary(page, demo);
    // PROFILE_AFTER_MS: how long to keep profiling once every entry is read (the bench counts 3 s).
    await page.waitForTimeout(Number(process.env.PROFILE_AFTER_MS ?? 1_000));
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const { longTasks, ready, rowsPainted } = await probes(page);
    const read = await page.evaluate(() => performance.getEntriesByName('hint-studio:library-read')[0]?.startTime ?? 0);
    console.log(`\nreload ${r + 1}: ready ${ready.toFixed(0)} ms, first rows ${rowsPainted.toFixed(0)} ms, library read ${read.toFixed(0)} ms; tasks over 50 ms (duration@start): ${longTasks.map((t) => `${t.duration.toFixed(0)}@${t.start.toFixed(0)}`).join(' ')}`);
    console.log(stretches(profile).join('\n'));
  }
} finally {
  await context.close();
  preview.stop();
}
