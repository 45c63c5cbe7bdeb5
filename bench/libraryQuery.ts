/**
 * The library's query where the data is (issue 11): on a 13,000-sample server project, the
 * search and filter answers of GET …/sample-ids (the whole match's ids in order) against a
 * bare `SELECT 1` round trip and an HTTP round trip to /api/health in the same run, on PGlite
 * and PostgreSQL; and in the browser's store, a search over 13,000 entries with the index
 * (a lower-cased search text cached per entry) against the plain scan it replaced
 * (concatenating and lower-casing every entry on every search).
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchMatcher } from '../src/core/library/query';
import type { SampleSummary } from '../src/core/sample/summary';
import { startServer } from '../src/server';
import { ping, type StorageOptions } from '../src/server/db/open';
import { Client, seededDataFolder } from '../src/server/testing/harness';
import { postgresAvailable, startPostgres } from '../src/server/testing/postgres';
import { createNodeStudio } from '../src/cli/compose';
import { checksDefinition } from '../src/store/checks/definition';
import type { ChecksCache } from '../src/store/checks/state';
import { libraryItems } from '../src/store/library/entries';
import { rowChecksFailing } from '../src/store/library/checksFilter';
import { itemRow, rowSearchText, sortRows } from '../src/store/library/rows';
import type { LibraryEntry } from '../src/store/library/state';
import { skip, timeAsync, timeCalls, versus } from './figures';
import { upload, writeInferenceFile } from './server';

const SAMPLES = 13_000;
const GENS = 5;
const RUNS = 30;

/** The queries a user types or picks: a search for one problem, a filter and a sort, a search matching everything. */
const QUERIES: [string, string][] = [
  ['search "problem 1234:"', 'q=problem%201234%3A&sort=problem&order=asc'],
  ['filter draft + answer matches, sorted by answer', 'status=draft&verdict=match&sort=answer&order=desc'],
  ['search matching all 13,000, sorted by code blocks', 'q=admissible%20sequences&sort=codeBlocks&order=desc'],
];

async function serverQuery(label: string, storage: StorageOptions, dir: string): Promise<void> {
  const server = await startServer({ storage, port: 0, distDir: '/nonexistent' });
  try {
    const admin = new Client(server.url);
    await admin.login(server.firstAdmin!.username, server.firstAdmin!.password);
    const projectId = (await admin.get('/api/projects')).body[0].id as number;
    const file = join(dir, 'project-13000.jsonl');
    await writeInferenceFile(file, SAMPLES / GENS, GENS, 300);
    const imported = await upload(admin, projectId, file);
    if (imported.body.added !== SAMPLES) throw new Error(`import gave ${JSON.stringify(imported.body).slice(0, 200)}`);
    const floor = await timeAsync(() => ping(server.database.db), 300);
    const http = await timeAsync(() => admin.get('/api/health'), 100);
    for (const [name, params] of QUERIES) {
      let ids = 0;
      const ms = await timeAsync(async () => {
        const reply = await admin.get(`/api/projects/${projectId}/sample-ids?${params}`);
        if (reply.status !== 200) throw new Error(`sample-ids ${params}: ${reply.status}`);
        ids = reply.body.ids.length;
      }, RUNS);
      versus(`library ${name} on the server, ${SAMPLES} samples (${label})`, ms, floor, 'SELECT 1 round trip', { ids, http_health_ms: Math.round(http * 100) / 100, http_ratio: Math.round((ms / http) * 100) / 100 });
    }
  } finally {
    await server.close();
  }
}

/** 13,000 entries as the studio holds them (no traces), with the facts the search reads. */
function entries(): { entry: LibraryEntry; summary: SampleSummary }[] {
  return Array.from({ length: SAMPLES }, (_, i) => {
    const r = Math.floor(i / GENS);
    const entry: LibraryEntry = {
      id: `bench.jsonl:${r + 1}:${i % GENS}`,
      problem: `Problem ${r + 1}: count the admissible sequences of length $n$ described below. Each term is a Positive INTEGER.`,
      gtAnswer: String(125 + r),
      source: 'bench',
      status: 'draft',
      origin: { format: 'cort-inference', file: 'bench.jsonl', line: r + 1, genIndex: i % GENS },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const summary = { answer: String(125 + r) } as SampleSummary;
    return { entry, summary };
  });
}

function localSearch(): void {
  const list = entries();
  const query = 'problem 1234: integer';
  // The rule before the index: every entry's text concatenated and lower-cased on every search.
  const scan = () =>
    list.filter(({ entry, summary }) => {
      const haystack = `${entry.problem}\n${entry.source ?? ''}\n${summary.answer ?? ''}\n${entry.gtAnswer ?? ''}\n${entry.origin.file}`;
      return query
        .trim()
        .toLowerCase()
        .split(/\s+/)
        .every((word) => haystack.toLowerCase().includes(word));
    }).length;
  const indexed = () => {
    const matches = searchMatcher(query)!;
    return list.filter(({ entry, summary }) => matches(rowSearchText(entry, summary), entry.id)).length;
  };
  if (scan() !== indexed() || indexed() !== GENS) throw new Error(`the index finds ${indexed()}, the scan ${scan()}`);
  const t = performance.now();
  for (const { entry, summary } of list) rowSearchText(entry, summary);
  const build = performance.now() - t;
  const floor = timeCalls(scan, RUNS);
  versus(`library search over ${SAMPLES} entries in the browser's store, with the index`, timeCalls(indexed, RUNS), floor, 'plain scan (concatenate and lower-case every entry per search)', { index_build_ms: Math.round(build * 100) / 100 });
}

const SORTED = 8_000;
/** Rows on screen: the traces a peek reads, and the checks then run for them. */
const SCREEN = 12;

/**
 * The library sorted by checks over 8,000 entries (a third failing, a third passing, a third not
 * known), as the checks of the rows on screen arrive (a peek): the service's rows() against a
 * whole sort of the same rows by the same rank, which is what each such arrival cost before.
 */
export function checksSortPerPeek(): void {
  const { store, services } = createNodeStudio();
  const definition = checksDefinition(undefined, null);
  const list = entries().slice(0, SORTED).map(({ entry }, i) => ({ ...entry, revision: `r${i}`, ...(i % 3 === 2 ? {} : { checks: { revision: `r${i}`, definition, failing: i % 3 ? [] : ['answer'] } }) }));
  store.setState({ ready: true, entries: Object.fromEntries(list.map((e) => [e.id, e])), sort: { column: 'checks', direction: 'asc' } });
  if (services.library.rows().length !== SORTED) throw new Error('the library does not show every entry');
  const quick = store.getState().checks;
  let peek = 0;
  const arrive = () => {
    const checks: ChecksCache = { ...store.getState().checks };
    // A screen further down each time: pending answers, then decided ones.
    for (let k = 0; k < SCREEN; k++) {
      const at = (peek * SCREEN + k) % SORTED;
      const pending = peek % 2 === 0;
      checks[list[at]!.id] = {
        revision: `r${at}`,
        level: 'quick',
        counted: false,
        checking: false,
        result: { ok: true, checks: [{ id: 'answer', label: 'Answer', status: pending ? 'skipped' : 'pass', detail: '' }], answer: { verdict: pending ? 'pending' : 'equal', method: 'bench', detail: '' }, efficiency: { codeCalls: 0, calculationCells: 0, verificationCells: 0, untaggedCells: 0 } },
      };
    }
    peek++;
    store.setState({ checks });
    return services.library.rows().length;
  };
  const s = () => store.getState();
  const whole = () => {
    const checks = s().checks;
    const rows = libraryItems(s()).map((item) => itemRow(item));
    return sortRows(rows, s().sort, undefined, (row) => rowChecksFailing(row, checks, (r) => services.library.keptFailing(r.entry, r.sample))).length;
  };
  const merged = timeCalls(arrive, RUNS);
  store.setState({ checks: quick });
  versus(`library sorted by checks, ${SORTED} entries: the checks of ${SCREEN} rows on screen arrive (a peek)`, merged, timeCalls(whole, RUNS), 'a whole sort of the same rows by the same rank (what each arrival cost before)');
}

export async function libraryQueryFigures(): Promise<void> {
  try {
    localSearch();
  } catch (error) {
    skip('library search in the store (index against plain scan)', error);
  }
  try {
    checksSortPerPeek();
  } catch (error) {
    skip('library sorted by checks as checks arrive', error);
  }
  const dir = await mkdtemp(join(tmpdir(), 'hs-bench-libquery-'));
  try {
    const folder = await seededDataFolder();
    try {
      await serverQuery('PGlite', { kind: 'pglite', dataDir: folder }, dir);
    } catch (error) {
      skip('library query on the server (PGlite)', error);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    if (postgresAvailable) {
      const cluster = startPostgres({ durable: true });
      try {
        await serverQuery('PostgreSQL', { kind: 'postgres', url: await cluster.createDatabase() }, dir);
      } catch (error) {
        skip('library query on the server (PostgreSQL)', error);
      } finally {
        await cluster.stop();
      }
    } else {
      skip('library query on the server (PostgreSQL)', 'PostgreSQL is not installed');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
