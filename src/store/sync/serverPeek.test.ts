/**
 * The library of a team server's project shows token counts for the rows on screen: their
 * traces are read for them (peeked, not kept in the state) and counted. Against a real server
 * (PGlite and PostgreSQL).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsOnThisThread, loadQwenEstimate, type TokenCounter } from '../../core/tokens';
import { backends, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { cortLine } from '../../../e2e/helpers';
import { renderTrace } from '../../core/trace';
import { serverPage } from './testing/page';
import { until } from './testing/edits';

afterAll(stopPostgres);

const trace = (i: number) => `We compute ${i} squared.\n\n\`\`\`python\nprint(${i} ** 2)\n\`\`\`\n\`\`\`output\n${i * i}\n\`\`\`\nSo the answer is \\boxed{${i * i}}.`;

describe.each(backends())('token counts of the rows on screen on a team server (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  }, 240_000);
  afterAll(() => t?.close());

  it('the rows on screen get their token counts, their traces read for them and not kept in the state', async () => {
    const { studio, api, close } = await serverPage(t, await t.user('annotator'), `peek-${backend}`);
    const lines = Array.from({ length: 30 }, (_, i) => cortLine(`Peek ${i}: what is ${i} squared?`, String(i * i), [trace(i)], 'peek'));
    await studio.actions.importFiles.run('palette', [new File([lines.join('\n')], 'peek.jsonl')]);
    const words: TokenCounter = { id: 'words', name: 'words', isEstimate: true, count: (text) => text.split(/\s+/).filter(Boolean).length };
    studio.store.setState({ tokenCounting: { ...studio.store.getState().tokenCounting, counter: words, counts: countsOnThisThread(words) } });

    const library = studio.services.library;
    const stop = library.subscribe(() => {});
    const onScreen = library.rows().slice(0, 12);
    expect(onScreen).toHaveLength(12);
    expect(onScreen.every((row) => row.tokens === undefined)).toBe(true);
    // The view tells the library which rows it shows, again whenever the rows change (as the table does).
    const shown = () => {
      const rows = library.rows().filter((row) => onScreen.some((r) => r.id === row.id));
      library.setVisible(rows);
      return rows;
    };
    await until(() => shown().every((row) => typeof row.tokens === 'number' && row.tokens > 0), 'token counts of the rows on screen', 10_000);
    // The count of each row's trace as the server holds it.
    for (const row of shown()) expect(row.tokens).toBe(words.count(renderTrace((await api.sample(t.projectId, row.id)).sample.trace)));
    expect(Object.keys(studio.store.getState().samples)).toEqual([]);
    stop();
    close();
  }, 120_000);
});

describe.each(backends())('token counts the server makes on a team server (%s)', (backend) => {
  it('reach the library of a page already open at its next look at the change feed, without a reload', async () => {
    // The server counts only once the test lets it: the page first sees the rows uncounted.
    let letCount = () => {};
    const counting = new Promise<void>((resolve) => (letCount = resolve));
    const t = await startTestServer(backend, { countTokens: { pollMs: 50, counter: () => counting.then(loadQwenEstimate) } });
    try {
      const ana = await t.user('annotator');
      const { studio, persistence, close } = await serverPage(t, ana, `counted-${backend}`);
      const lines = Array.from({ length: 6 }, (_, i) => cortLine(`Counted ${i}: what is ${i} squared?`, String(i * i), [trace(i)], 'counted'));
      await studio.actions.importFiles.run('palette', [new File([lines.join('\n')], 'counted.jsonl')]);
      const ids = () => Object.keys(studio.store.getState().entries);
      await until(() => ids().length === 6, 'the imported rows in the library');
      expect(ids().every((id) => studio.store.getState().entries[id]!.tokens === undefined)).toBe(true);

      letCount();
      await t.server.tokenCounting!.settled();
      await persistence.pollNow();
      const estimate = await loadQwenEstimate();
      for (const id of ids()) {
        const { sample } = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
        expect(studio.store.getState().entries[id]!.tokens).toMatchObject({ tokenizer: estimate.id, count: estimate.count(renderTrace(sample.trace)) });
      }
      close();
    } finally {
      await t.close();
    }
  }, 120_000);
});
