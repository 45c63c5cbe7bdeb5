/**
 * An edit the server refused because it did not know the sample's trace profile yet (the
 * studio's profiles had not reached it: the request failed) is kept aside, and goes through by
 * itself once the profiles reach the server from Settings — on PGlite and PostgreSQL.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import { CORT_PROFILE, copyProfile, type TraceProfile } from '../../core/profiles';
import { renderTrace } from '../../core/trace';
import { backends, type Client, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { note, until } from './testing/edits';
import { memoryLocalSettings } from '../settings/localSettings';
import { serverPage } from './testing/page';

afterAll(stopPostgres);

const MINE: TraceProfile = { ...copyProfile(CORT_PROFILE, 'cort-lab', 'CoRT of the lab'), answer: { ...CORT_PROFILE.answer, boundaryRequired: false } };
/** Another profile, for the reload (the server learns the first in the other test). */
const THEIRS: TraceProfile = copyProfile(CORT_PROFILE, 'cort-lab-reload', 'CoRT of the lab, reloaded');

describe.each(backends())('an edit refused for an unknown profile (%s)', (backend) => {
  let t: TestServer;
  let ana: Client;

  beforeAll(async () => {
    t = await startTestServer(backend);
    ana = await t.user('annotator');
  }, 120_000);
  afterAll(() => t?.close());

  it('kept aside across a reload, is sent when the reloaded studio gives the server its profiles at start', async () => {
    const id = `${hintedSample.id}-profile-reload`;
    expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
    const copy = `refused-profile-reload-${backend}`;
    const localSettings = memoryLocalSettings();
    const first = await serverPage(t, ana, copy, { team: true, localSettings, cut: (path) => path.endsWith('/profiles') });
    await first.studio.services.settings.save({ ...first.studio.store.getState().settings, customProfiles: [THEIRS] });
    await first.studio.services.loader.ensure([id]);
    first.studio.services.writeSample(id, (s) => ({ ...note('\nAfter a reload.')(s), profile: THEIRS.id }));
    await first.studio.flush();
    await until(() => !!first.studio.store.getState().sync.server?.refused[id]?.awaitsProfile, 'the edit kept aside');
    first.close();

    // The next page of this browser: its settings (with the profile) are shared at start, and the kept edit goes.
    const again = await serverPage(t, ana, copy, { team: true, localSettings });
    try {
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.profile === THEIRS.id, 'the edit on the server after the reload');
      expect(renderTrace((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace)).toMatch(/After a reload\.$/);
      await until(() => !again.studio.store.getState().sync.server?.refused[id], 'the kept edit let go');
    } finally {
      again.close();
    }
  });

  it('is kept aside, then sent again when the studio gives the server its profiles', async () => {
    const id = `${hintedSample.id}-profile`;
    expect((await ana.post(`/api/projects/${t.projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
    const cut = { profiles: true };
    const page = await serverPage(t, ana, `refused-profile-${backend}`, { team: true, cut: (path) => cut.profiles && path.endsWith('/profiles') });
    const { studio } = page;
    const sync = () => studio.store.getState().sync.server!;
    try {
      // Settings gain the profile, but it does not reach the server.
      await studio.services.settings.save({ ...studio.store.getState().settings, customProfiles: [MINE] });
      await until(() => !!studio.store.getState().saveError, 'the failed share said');
      await studio.services.loader.ensure([id]);
      studio.services.writeSample(id, (s) => ({ ...note('\nUnder the lab profile.')(s), profile: MINE.id }));
      await studio.flush();
      await until(() => !!sync().refused[id], 'the edit refused and kept aside');
      expect(sync().refused[id]!.reason).toMatch(/^sample\.profile: Unknown trace profile "cort-lab"/);
      expect(sync().refusal).toMatch(/cort-lab/);
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.profile).toBeUndefined();

      // The profiles reach the server (a Settings save): the kept edit goes, and the user sees it taken.
      cut.profiles = false;
      await studio.services.settings.save({ ...studio.store.getState().settings, customProfiles: [MINE, copyProfile(CORT_PROFILE, 'cort-lab-2', 'CoRT of the lab, second')] });
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.profile === MINE.id, 'the edit on the server');
      const stored = (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(renderTrace(stored.sample.trace)).toMatch(/Under the lab profile\.$/);
      expect(stored.version).toBe(2);
      await until(() => sync().waiting === 0 && !sync().refused[id], 'the edit taken here');
      expect(sync().refusal).toBeNull();
      expect(studio.store.getState().samples[id]?.profile).toBe(MINE.id);
      expect(renderTrace(studio.store.getState().samples[id]!.trace)).toMatch(/Under the lab profile\.$/);
    } finally {
      page.close();
    }
  });
});
