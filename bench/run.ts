/**
 * `npm run bench`: one JSON line per figure — the Python runtime, then the trace core in
 * Node, the team server (bench/server.ts), then the studio in Chromium. Ratios are against floors measured in the same run.
 * A figure that cannot be measured prints a `skipped` line with the reason, and the rest go on.
 * Needs `npm run assets` first (public/pyodide); builds the app privately if dist/ is stale.
 * `BENCH_ONLY=<part of a stage name>` runs only matching stages (e.g. `BENCH_ONLY=library`).
 */
import { skip } from './figures';
import { pythonBrowserFigures, pythonNodeFigures } from './python';
import { profileFigures } from './profiles';
import { traceFigures } from './trace';
import { startStudio, type Studio } from './preview';
import { studioFigures } from './browser';
import { pythonReadyFigures } from './browser-python';
import { libraryFigures } from './library';
import { serverFigures } from './server';
import { serverBrowserFigures } from './server-browser';
import { serverLibraryFigures } from './serverLibrary';
import { libraryQueryFigures } from './libraryQuery';
import { renderingBrowserFigures, renderingNodeFigures } from './rendering';
import { tokenizedExportFigures } from './tokenizedExport';

/** `BENCH_ONLY=library npm run bench`: only the stages whose name contains it (the browser build still starts). */
const only = process.env.BENCH_ONLY;

async function stage(name: string, run: () => Promise<void>): Promise<void> {
  if (only && !name.includes(only)) return;
  try {
    await run();
  } catch (error) {
    skip(name, error);
  }
}

await stage('python runtime (node)', pythonNodeFigures);
await stage('execution profiles (node)', profileFigures);
await stage('trace core (node)', traceFigures);
await stage('team server (node)', serverFigures);
await stage('library query on the server and in the store (node)', libraryQueryFigures);
await stage('prose rendering (node)', renderingNodeFigures);

const BROWSER_STAGES = [
  'python runtime (browser)',
  'python ready before it is asked for (browser)',
  'studio trace view (browser)',
  'library at scale (browser)',
  'team server import through the studio (browser)',
  'library on a team server (browser)',
  'prose rendering (browser)',
  'tokenized export at scale (browser)',
];
let studio: Studio | undefined;
try {
  // BENCH_ONLY naming only Node stages builds and starts no browser.
  if (!only || BROWSER_STAGES.some((name) => name.includes(only))) studio = await startStudio();
} catch (error) {
  skip('browser figures (Python harness and studio trace view)', error);
}
if (studio) {
  await stage('python runtime (browser)', () => pythonBrowserFigures(studio));
  await stage('python ready before it is asked for (browser)', () => pythonReadyFigures(studio));
  await stage('studio trace view (browser)', () => studioFigures(studio));
  await stage('library at scale (browser)', () => libraryFigures(studio));
  await stage('team server import through the studio (browser)', () => serverBrowserFigures(studio));
  await stage('library on a team server (browser)', () => serverLibraryFigures(studio));
  await stage('prose rendering (browser)', () => renderingBrowserFigures(studio));
  await stage('tokenized export at scale (browser)', () => tokenizedExportFigures(studio));
  await studio.close();
}
