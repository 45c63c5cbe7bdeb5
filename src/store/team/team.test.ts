/**
 * The team commands on a real `hint-studio serve` (PGlite and PostgreSQL), over HTTP as the
 * page calls it: a reviewer assigns a sample and the annotator's studio sees it through the
 * change feed (and in their queue); signing out with an edit the server has not taken warns,
 * ends the session, and the same user's next sign-in sends the edit; the project choice is
 * remembered and switching with an edit waiting asks first; an admin creates a project; a
 * text edit the server refuses is kept aside (across a reload) to copy, not dropped.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { SessionInfo } from '../../core/sync';
import { renderTrace } from '../../core/trace';
import { backends, Client, PASSWORD, startTestServer, stopPostgres, type TestServer } from '../../server/testing/harness';
import { createStudio, type Studio } from '../studio';
import { createServerApi } from '../sync/api';
import { serverPersistence, type ServerPersistence } from '../sync/serverSync';
import { serverCopy } from '../sync/serverStore';
import { teamConnection } from './connection';
import { projectToOpen, rememberedProject } from './projectChoice';
import { note, until } from '../sync/testing/edits';

afterAll(stopPostgres);

let dbs = 0;

/** How saves (PUT of a sample) fare: failing as a broken network does, or with something happening while one travels. */
interface SaveLine {
  saves: boolean;
  whileSaving?: () => Promise<void>;
}

/** A browser for `client`'s session: its cookie and Origin on every request. */
function browserFetch(client: Client, line: SaveLine = { saves: false }): typeof fetch {
  return async (input, init = {}) => {
    const save = init.method === 'PUT' && /\/samples\/[^/]+$/.test(String(input));
    if (save && line.saves) throw new TypeError('fetch failed');
    const headers = new Headers(init.headers);
    if (client.cookie) headers.set('cookie', client.cookie);
    headers.set('origin', client.url);
    const response = await fetch(input, { ...init, headers });
    const during = save ? line.whileSaving : undefined;
    if (during) {
      line.whileSaving = undefined;
      await during();
    }
    return response;
  };
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

interface Page {
  studio: Studio;
  sync: ServerPersistence;
  restarts: number;
  copied: string[];
  choices: Storage;
}

async function open(t: TestServer, client: Client, o: { copy?: string; project?: { id: number; name: string }; block?: SaveLine; choices?: Storage; clipboard?: boolean } = {}): Promise<Page> {
  const api = createServerApi(client.url, browserFetch(client, o.block));
  const session = (await api.session()) as SessionInfo;
  const project = o.project ?? { id: t.projectId, name: 'main' };
  const sync = serverPersistence({ api, session, project, copy: serverCopy(o.copy ?? `team-copy-${++dbs}`), pollMs: 50, retryMs: 50 });
  const page: Page = { studio: undefined!, sync, restarts: 0, copied: [], choices: o.choices ?? memoryStorage() };
  const team = teamConnection({
    api,
    user: session.user,
    project,
    projects: await api.projects(),
    sync,
    choices: page.choices,
    restart: () => void page.restarts++,
    clipboard: o.clipboard === false ? undefined : { writeText: async (text) => void page.copied.push(text) },
  });
  page.studio = createStudio({ persistence: sync, saveDebounceMs: 5, team });
  await page.studio.init();
  // The user has opened every sample of the project (a reload holds entries; traces are read when opened).
  await page.studio.services.loader.ensure(Object.keys(page.studio.store.getState().entries));
  return page;
}


const nameOf = async (c: Client) => (await c.get('/api/session')).body.user.username as string;

async function addSample(t: TestServer, by: Client, id: string, projectId = t.projectId): Promise<void> {
  expect((await by.post(`/api/projects/${projectId}/samples`, { sample: { ...hintedSample, id } })).status).toBe(201);
}

describe.each(backends())('team commands on a real server (%s)', (backend) => {
  it('a reviewer assigns a sample from the studio: the annotator sees it through the change feed, in "assigned to me" and in their queue', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const other = await t.user('annotator');
      const rita = await t.user('reviewer');
      const id = `${hintedSample.id}-assign`;
      await addSample(t, ana, id);
      const [anaName, ritaName] = [await nameOf(ana), await nameOf(rita)];
      const anaCopy = `team-copy-${++dbs}`;
      const a = await open(t, ana, { copy: anaCopy });
      const o = await open(t, other);
      const r = await open(t, rita);
      expect(a.studio.store.getState().sync.server!.assignment[id]).toEqual({ annotator: null, reviewer: null });

      // An annotator may not assign: the command is not offered, and the server would refuse it anyway.
      a.studio.store.setState({ view: 'sample', openSampleId: id });
      expect(a.studio.commands.palette().some((c) => c.command.id === 'openAssignment')).toBe(false);

      r.studio.store.setState({ view: 'sample', openSampleId: id });
      await r.studio.actions.openAssignment.run('key');
      const team = r.studio.store.getState().sync.team;
      expect(team.dialog).toBe('assign');
      expect(team.users!.map((u) => u.username)).toEqual(expect.arrayContaining([anaName, ritaName]));
      expect(await r.studio.actions.assignSample.run('button', id, { annotator: anaName, reviewer: ritaName })).toBe(true);
      expect(r.studio.store.getState().sync.server!.assignment[id]).toEqual({ annotator: anaName, reviewer: ritaName });
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body).toMatchObject({ annotator: anaName, reviewer: ritaName });

      // The others' studios learn it from the change feed (the version did not move).
      await until(() => a.studio.store.getState().sync.server!.assignment[id]?.annotator === anaName, "the assignment at Ana's");
      await until(() => o.studio.store.getState().sync.server!.assignment[id]?.reviewer === ritaName, "the assignment at the other annotator's");
      // A reload (or a second tab on the same copy) knows it at once: the feed only names what changes after.
      await new Promise((r) => setTimeout(r, 200));
      const reloaded = await open(t, ana, { copy: anaCopy });
      expect(reloaded.studio.store.getState().sync.server!.assignment[id]).toEqual({ annotator: anaName, reviewer: ritaName });
      reloaded.sync.stop();

      const shown = (p: Page, assigned: 'mine' | 'queue') => {
        p.studio.store.setState({ view: 'library', filters: { ...p.studio.store.getState().filters, assigned } });
        return p.studio.services.library.rows().map((row) => row.id);
      };
      expect(shown(a, 'mine')).toEqual([id]);
      expect(shown(a, 'queue')).toEqual([id]); // a draft given to her
      expect(shown(o, 'mine')).toEqual([]);
      expect(shown(r, 'queue')).toEqual([]); // not ready yet
      await r.studio.actions.showMyQueue.run('palette');
      expect(r.studio.store.getState().filters.assigned).toBe('queue');

      // Ready for review: it leaves her queue and enters the reviewer's.
      expect((await ana.post(`/api/projects/${t.projectId}/samples/${id}/status`, { to: 'ready', version: 1 })).status).toBe(200);
      await until(() => a.studio.store.getState().samples[id]?.status === 'ready', 'the ready status at Ana');
      expect(shown(a, 'queue')).toEqual([]);
      await until(() => r.studio.store.getState().samples[id]?.status === 'ready', 'the ready status at Rita');
      expect(shown(r, 'queue')).toEqual([id]);

      // Nobody again: the column clears everywhere.
      expect(await r.studio.actions.assignSample.run('button', id, { annotator: null })).toBe(true);
      await until(() => a.studio.store.getState().sync.server!.assignment[id]?.annotator === null, 'the cleared annotator at Ana');
      for (const p of [a, o, r]) p.sync.stop();
    } finally {
      await t.close();
    }
  }, 180_000); // the first test of a file starts the PostgreSQL cluster

  it('signing out with an edit the server has not taken warns, ends the session, and the same user’s next sign-in sends it', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const anaName = await nameOf(ana);
      const id = `${hintedSample.id}-signout`;
      await addSample(t, ana, id);
      const copy = `team-copy-${++dbs}`;
      const block = { saves: true };
      const a = await open(t, ana, { copy, block });
      a.studio.services.writeSample(id, note('\nWritten before signing out.'));

      await a.studio.actions.signOut.run('palette');
      const team = a.studio.store.getState().sync.team;
      expect(team.dialog).toBe('leave');
      expect(team.leave).toMatchObject({ kind: 'sign-out', waiting: 1, conflicts: 0 });
      expect(a.restarts).toBe(0);
      expect((await ana.get('/api/session')).status).toBe(200); // still signed in while asked

      // Stay: nothing happens.
      a.studio.actions.cancelLeave.run('button');
      expect(a.studio.store.getState().sync.team.dialog).toBeNull();
      expect((await ana.get('/api/session')).status).toBe(200);

      await a.studio.actions.signOut.run('button');
      await a.studio.actions.confirmLeave.run('button');
      expect(a.restarts).toBe(1);
      expect((await ana.get('/api/session')).status).toBe(401); // the session ended on the server
      expect((await t.admin.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version).toBe(1);

      // The next sign-in of the same user in this browser: the same copy, its outbox sent.
      const again = new Client(t.url);
      expect((await again.login(anaName, PASSWORD)).status).toBe(200);
      const b = await open(t, again, { copy });
      await until(async () => (await again.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version === 2, 'the edit on the server');
      const stored = (await again.get(`/api/projects/${t.projectId}/samples/${id}`)).body;
      expect(stored.sample.trace.segments.at(-1).text).toBe('\nWritten before signing out.');
      await until(() => b.studio.store.getState().sync.server?.waiting === 0, 'nothing waiting');

      // With everything on the server, signing out asks nothing.
      await b.studio.actions.signOut.run('button');
      expect(b.studio.store.getState().sync.team.dialog).toBeNull();
      expect(b.restarts).toBe(1);
      expect((await again.get('/api/session')).status).toBe(401);
      b.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('signed out in another tab: the others say so and keep their waiting edit, which goes up once the user signs in again', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const anaName = await nameOf(ana);
      const id = `${hintedSample.id}-othertab`;
      await addSample(t, ana, id);
      const block: SaveLine = { saves: true };
      const first = await open(t, ana);
      const second = await open(t, ana, { block });
      const third = await open(t, ana);
      second.studio.services.writeSample(id, note('\nIn the second tab.'));
      await second.studio.flush();
      await until(() => second.studio.store.getState().sync.server?.waiting === 1, 'the edit waiting in the second tab');

      await first.studio.actions.signOut.run('palette'); // nothing waits in the first tab: no question
      expect(first.restarts).toBe(1);
      await until(() => !!second.studio.store.getState().sync.server?.signedOut, 'the second tab to notice');
      await until(() => !!third.studio.store.getState().sync.server?.signedOut, 'the third tab to notice');
      expect(second.studio.store.getState().sync.server!.waiting).toBe(1);
      expect(third.studio.commands.palette().map((c) => c.command.id)).toContain('signInAgain');
      await third.studio.actions.signInAgain.run('button');
      expect(third.restarts).toBe(1);

      // The user signs in again (in any tab) just while the second tab's save travels without a
      // session: its 401 is no refusal, the edit stays, and goes up by itself once signed in.
      const sent = new Promise<void>((resolve) => {
        block.whileSaving = async () => {
          expect((await ana.login(anaName, PASSWORD)).status).toBe(200);
          resolve();
        };
      });
      block.saves = false;
      void second.sync.sendNow();
      await sent;
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version === 2, 'the edit on the server');
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text).toBe('\nIn the second tab.');
      expect(second.studio.store.getState().sync.server!.refused).toEqual({});
      await until(() => second.studio.store.getState().sync.server?.signedOut === false && second.studio.store.getState().sync.server?.waiting === 0, 'the second tab signed in and empty');
      expect(second.studio.commands.palette().map((c) => c.command.id)).not.toContain('signInAgain');
      for (const p of [first, second, third]) p.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('the project choice is remembered per user; switching with an edit waiting asks first; an admin creates a project, an annotator cannot', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const anaName = await nameOf(ana);
      const id = `${hintedSample.id}-switch`;
      await addSample(t, ana, id);
      const admin = await open(t, t.admin);

      await admin.studio.actions.openProjects.run('palette');
      expect(admin.studio.store.getState().sync.team.projects!.map((p) => p.name)).toEqual(['main']);
      expect(await admin.studio.actions.createProject.run('button', '  second  ')).toBe(true);
      expect(admin.studio.store.getState().sync.team.projects!.map((p) => p.name)).toEqual(['main', 'second']);
      expect(await admin.studio.actions.createProject.run('button', 'second')).toBe(false);
      expect(admin.studio.store.getState().sync.team.error).toMatch(/^Could not create “second”: .*already exists/);
      const projects = (await ana.get('/api/projects')).body as { id: number; name: string }[];
      const second = projects.find((p) => p.name === 'second')!;

      // Two projects and no choice yet: the picker asks (projectToOpen gives none).
      const choices = memoryStorage();
      expect(projectToOpen(projects as never, rememberedProject(choices, anaName))).toBeNull();
      const a = await open(t, ana, { choices, block: { saves: true } });
      expect(a.studio.store.getState().sync.server!.project).toBe('main');
      expect(a.studio.commands.palette().some((c) => c.command.id === 'createProject')).toBe(false);
      // The projects read at start are in the palette at once.
      expect(a.studio.commands.palette().map((c) => c.label)).toContain('Open project “second”');
      await a.studio.actions.openProjects.run('button');
      expect(a.studio.store.getState().sync.team.dialog).toBe('projects');
      expect(a.studio.keys.dispatch({ key: 'Escape', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBe(true);
      expect(a.studio.store.getState().sync.team.dialog).toBeNull();
      // Read once, the projects are in the palette too.
      expect(a.studio.commands.palette().map((c) => c.label)).toContain('Open project “second”');

      a.studio.services.writeSample(id, note('\nBefore switching.'));
      await a.studio.actions.chooseProject.run('button', second.id);
      expect(a.studio.store.getState().sync.team.leave).toMatchObject({ kind: 'project', projectId: second.id, name: 'second', waiting: 1 });
      expect(a.restarts).toBe(0);
      await a.studio.actions.confirmLeave.run('button');
      expect(a.restarts).toBe(1);
      expect(rememberedProject(choices, anaName)).toBe(second.id);
      expect(projectToOpen(projects as never, rememberedProject(choices, anaName))?.name).toBe('second');
      expect(rememberedProject(choices, 'someone-else')).toBeNull();

      // The other project's working copy is its own: nothing of "main" in it.
      await addSample(t, ana, `${id}-b`, second.id);
      const b = await open(t, ana, { choices, project: second });
      expect(Object.keys(b.studio.store.getState().samples)).toEqual([`${id}-b`]);
      // An annotator's own attempt at the API is refused by the server.
      const refused = await ana.post('/api/projects', { name: 'third' });
      expect(refused.status).toBe(403);
      for (const p of [admin, a, b]) p.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('a save met with a stale CSRF token (the user signed in again in another tab) is sent again with the new token, not set aside', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const id = `${hintedSample.id}-csrf`;
      await addSample(t, ana, id);
      const a = await open(t, ana);
      // Another tab signs in: the browser's cookie is now the new session's, this page's token the old one's.
      expect((await ana.login(await nameOf(ana), PASSWORD)).status).toBe(200);
      a.studio.services.writeSample(id, note('\nAfter signing in elsewhere.'));
      await a.studio.flush();
      await until(async () => (await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version === 2, 'the edit on the server');
      expect((await ana.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.trace.segments.at(-1).text).toBe('\nAfter signing in elsewhere.');
      await until(() => a.studio.store.getState().sync.server?.waiting === 0, 'nothing waiting');
      expect(a.studio.store.getState().sync.server!.refused).toEqual({});
      expect(a.studio.store.getState().sync.server!.refusal).toBeNull();
      expect(renderTrace(a.studio.store.getState().samples[id]!.trace)).toMatch(/After signing in elsewhere\.$/);
      a.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);

  it('a text edit the server refuses is kept aside — across a reload — to copy, and the sample shows the server’s copy', async () => {
    const t = await startTestServer(backend);
    try {
      const ana = await t.user('annotator');
      const rita = await t.user('reviewer');
      const id = `${hintedSample.id}-refused`;
      await addSample(t, ana, id);

      // A reviewer's edit of the text is not sent (reviewers cannot edit): kept aside, not dropped.
      const copy = `team-copy-${++dbs}`;
      const r = await open(t, rita, { copy });
      const before = renderTrace(r.studio.store.getState().samples[id]!.trace);
      r.studio.services.writeSample(id, note('\nThe reviewer rewrote this.'));
      await r.studio.flush();
      await until(() => !!r.studio.store.getState().sync.server?.refused[id], 'the refused edit kept');
      await until(() => renderTrace(r.studio.store.getState().samples[id]!.trace) === before, "the server's copy back in the sample");
      const kept = r.studio.store.getState().sync.server!.refused[id]!;
      expect(kept.reason).toMatch(/cannot change a sample's text/);
      expect(renderTrace(kept.mine.trace)).toMatch(/The reviewer rewrote this\.$/);
      expect((await rita.get(`/api/projects/${t.projectId}/samples/${id}`)).body.version).toBe(1);
      r.sync.stop();

      // A reload: still there; the palette offers it; copying puts the text on the clipboard.
      const r2 = await open(t, rita, { copy });
      expect(Object.keys(r2.studio.store.getState().sync.server!.refused)).toEqual([id]);
      expect(r2.studio.commands.palette().map((c) => c.key)).toContain(`copyRefusedEdit:${id}`);
      expect(await r2.studio.actions.copyRefusedEdit.run('palette', id)).toBe(true);
      expect(r2.copied).toEqual([renderTrace(kept.mine.trace)]);
      await r2.studio.actions.forgetRefusedEdit.run('button', id);
      expect(r2.studio.store.getState().sync.server!.refused[id]).toBeUndefined();
      r2.sync.stop();
      const r3 = await open(t, rita, { copy, clipboard: false });
      expect(r3.studio.store.getState().sync.server!.refused).toEqual({});
      r3.sync.stop();

      // A review move alone (the text untouched) keeps nothing aside.
      expect((await ana.post(`/api/projects/${t.projectId}/samples/${id}/status`, { to: 'ready', version: 1 })).status).toBe(200);
      const r4 = await open(t, rita, { copy });
      r4.studio.store.setState({ settings: { ...r4.studio.store.getState().settings, reviewerName: await nameOf(rita) } });
      await r4.studio.actions.requestChanges.run('button', id);
      await r4.studio.flush();
      await until(async () => (await rita.get(`/api/projects/${t.projectId}/samples/${id}`)).body.sample.status === 'changes-requested', 'the decision on the server');
      expect(r4.studio.store.getState().sync.server!.refused).toEqual({});
      r4.sync.stop();

      // An annotator who lost the right to edit mid-session: the server answers 403 and the text is kept aside.
      const a = await open(t, ana);
      expect((await t.admin.patch(`/api/users/${await nameOf(ana)}`, { role: 'reviewer' })).status).toBe(200);
      a.studio.services.writeSample(id, note('\nWritten after losing the right.'));
      await a.studio.flush();
      await until(() => !!a.studio.store.getState().sync.server?.refused[id], 'the refused save kept');
      expect(a.studio.store.getState().sync.server!.refusal).toBeTruthy();
      expect(renderTrace(a.studio.store.getState().sync.server!.refused[id]!.mine.trace)).toMatch(/Written after losing the right\.$/);
      await until(() => !renderTrace(a.studio.store.getState().samples[id]!.trace).includes('Written after losing the right.'), "the server's copy in the sample");
      a.sync.stop();
    } finally {
      await t.close();
    }
  }, 120_000);
});
