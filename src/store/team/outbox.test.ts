/**
 * The outbox on a real `hint-studio serve` (PGlite and PostgreSQL): review moves made one
 * right after another reach the server each on its own, in order (a refused one does not take
 * the allowed one before it down); an edit after a reload builds on the edit still waiting
 * from before it (no conflict with oneself); two tabs of one user editing one sample at once
 * still meet as a real conflict, with nothing lost.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { backends, startTestServer, stopPostgres } from '../../server/testing/harness';
import { note, until } from '../sync/testing/edits';
import { addSample, copyName, open, type Page } from './testing';

afterAll(stopPostgres);

const moveTo = (status: string) => (s: Sample) => ({ ...s, status }) as Sample;
const waiting = (p: Page) => p.studio.store.getState().sync.server?.waiting;
const textOf = (sample: Sample) => renderTrace(sample.trace);

describe.each(backends())('the outbox on a real server (%s)', (backend) => {
  it('an annotator\'s "ready" and a refused "approve" right after it: the server keeps "ready", and says why "approve" was refused', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-moves`;
      await addSample(t, ana, id);
      const a = await open(t, ana);
      // A last touch to the text, then both moves, within one save window (and before the first can reach the server).
      a.studio.services.writeSample(id, note('\nChecked.'));
      a.studio.services.writeSample(id, moveTo('ready'), { undo: 'Status: ready' });
      a.studio.services.writeSample(id, moveTo('approved'), { undo: 'Status: approved' });
      await a.studio.flush();
      await until(() => !!a.studio.store.getState().sync.server?.refusal && waiting(a) === 0, 'the refusal, nothing waiting');
      const stored = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(stored.sample.status).toBe('ready');
      expect(textOf(stored.sample)).toMatch(/Checked\.$/);
      expect(a.studio.store.getState().sync.server!.refusal).toMatch(/review|permission|may not|cannot|not allowed/i);
      await until(() => a.studio.store.getState().samples[id]?.status === 'ready', "the server's 'ready' in the studio");
      expect(a.studio.store.getState().sync.conflicts).toEqual({});
      a.sync.stop();
    } finally {
      await t.close();
    }
  }, 180_000); // the first test of a file starts the PostgreSQL cluster

  it('an edit after a reload builds on the edit still waiting from before it: both arrive, no conflict with oneself', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-reload`;
      await addSample(t, ana, id);
      const copy = copyName();
      const block = { saves: true };
      const first = await open(t, ana, { copy, block });
      first.studio.services.writeSample(id, note('\nBefore the reload.'));
      await first.studio.flush();
      await until(() => waiting(first) === 1 && first.studio.store.getState().sync.server?.online === false, 'the edit waiting');
      first.sync.stop();
      first.studio.dispose();

      // The reload, still unable to save: a second edit on top of the first.
      const second = await open(t, ana, { copy, block });
      expect(textOf(second.studio.store.getState().samples[id]!)).toMatch(/Before the reload\.$/);
      second.studio.services.writeSample(id, note('\nAfter the reload.'));
      await second.studio.flush();
      block.saves = false;
      await until(() => waiting(second) === 0 && second.studio.store.getState().sync.server?.online === true, 'both edits sent');
      expect(second.studio.store.getState().sync.conflicts).toEqual({});
      expect((await second.sync.pending()).conflicts).toBe(0);
      const stored = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(textOf(stored.sample)).toMatch(/Before the reload\.\nAfter the reload\.$/);
      second.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it.each(['one', 'two'] as const)('two tabs of one user edit one sample at once (the second opened on the first one\'s waiting edit): a real conflict, nothing lost (tab %s sends)', async (sender) => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-tabs`;
      await addSample(t, ana, id);
      const copy = copyName();
      const block = { saves: true };
      const one = await open(t, ana, { copy, block });
      one.studio.services.writeSample(id, note('\nTab one, first.'));
      await one.studio.flush();
      await until(() => waiting(one) === 1, "tab one's edit waiting");
      // Tab two opens on tab one's waiting edit; then both go on editing, each on its own.
      const two = await open(t, ana, { copy, block });
      one.studio.services.writeSample(id, note('\nTab one, second.'));
      await one.studio.flush();
      two.studio.services.writeSample(id, note('\nTab two.'));
      await two.studio.flush();
      // One tab sends both edits (the other is closed): the conflict shows there.
      const shows = sender === 'one' ? one : two;
      (sender === 'one' ? two : one).sync.stop();
      block.saves = false;
      await until(async () => (await shows.sync.pending()).waiting === 0 && (await shows.sync.pending()).conflicts === 1, 'one conflict, nothing else waiting');
      const stored = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(textOf(stored.sample)).toMatch(/Tab one, first\.\nTab one, second\.$/);
      // Tab two's edit is "mine" (also in tab one, which did not write it), tab one's second edit "theirs".
      await until(() => !!shows.studio.store.getState().sync.conflicts[id], 'the conflict shown');
      const conflict = shows.studio.store.getState().sync.conflicts[id]!;
      expect(textOf(conflict.theirs)).toMatch(/Tab one, second\.$/);
      expect(textOf(shows.studio.store.getState().samples[id]!)).toMatch(/Tab one, first\.\nTab two\.$/);
      // Keeping both: the conflict goes, nothing is left in the outbox, both edits are on the server.
      shows.studio.actions.showConflict.perform(id);
      shows.studio.actions.keepBothVersions.perform();
      await shows.studio.flush();
      await until(async () => (await shows.sync.pending()).waiting === 0 && (await shows.sync.pending()).conflicts === 0, 'the resolution sent, the outbox empty');
      const resolved = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample as Sample;
      expect(textOf(resolved)).toMatch(/Tab two\.$/);
      expect(resolved.branches.some((b) => textOf({ ...resolved, trace: { segments: b.segments } }).includes('Tab one, second.'))).toBe(true);
      one.sync.stop();
      two.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);
});
