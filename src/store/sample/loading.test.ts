/**
 * Samples read for whole-project work (the export dialog, a backup) leave memory when the work
 * is done — on real IndexedDB (fake-indexeddb), as a reload holds a project: library entries,
 * traces read on demand. What is in use stays: the open sample, an edit not yet stored.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hintedSample } from '../../core/export/testing/samples';
import type { Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { libraryEntry } from '../library/entries';
import { indexedDbPersistence } from '../session/persistence';
import { initialState } from '../state';
import { createStudio, type Studio } from '../studio';
import { note } from '../sync/testing/edits';
import { inUse } from './loading';

const SAMPLES = 2_000;
const idOf = (i: number) => `s-${String(i).padStart(4, '0')}`;

async function project(name: string): Promise<void> {
  const samples: Sample[] = Array.from({ length: SAMPLES }, (_, i) => ({ ...structuredClone(hintedSample), id: idOf(i), problem: `Problem ${i}` }));
  await indexedDbPersistence(name).save({ samples });
}

async function reload(name: string): Promise<Studio> {
  const studio = createStudio({ persistence: indexedDbPersistence(name), saveDebounceMs: 5 });
  await studio.init();
  return studio;
}

const inMemory = (studio: Studio) => Object.keys(studio.store.getState().samples).sort();

describe('samples read for whole-project work', () => {
  it('leave memory after an export of a 2,000-sample project, except the open sample and an edit made during it, which is not lost', async () => {
    const name = `loading-export-${Date.now()}`;
    await project(name);
    const studio = await reload(name);
    expect(inMemory(studio)).toEqual([]);
    const open = idOf(7);
    await studio.services.loader.ensure([open]);
    studio.store.setState({ view: 'sample', openSampleId: open });
    studio.store.setState({ view: 'library' });
    studio.store.setState({ openSampleId: open }); // still the sample the studio has open

    await studio.actions.openExportDialog.perform();
    expect(studio.store.getState().exportDialogOpen).toBe(true);
    expect(inMemory(studio)).toHaveLength(SAMPLES);
    // While the dialog is open, a backup's end lets nothing go: the export still needs every sample.
    await studio.actions.backUpProject.perform();
    expect(inMemory(studio)).toHaveLength(SAMPLES);

    // An edit during the export, not saved yet when the dialog closes.
    const edited = idOf(1234);
    studio.services.writeSample(edited, note('\nEdited during the export.'));
    const editedAt = studio.store.getState().samples[edited]!.updatedAt;
    studio.actions.closeExportDialog.perform();
    expect(inMemory(studio)).toEqual([open, edited].sort());

    // Once stored, the next whole-project work's end lets the edited sample go too; the library shows the edit.
    expect(await studio.flush()).toBe(true);
    await studio.actions.backUpProject.perform();
    expect(inMemory(studio)).toEqual([open]);
    expect(libraryEntry(studio.store.getState(), edited)?.updatedAt).toBe(editedAt);
    await studio.services.loader.ensure([edited]);
    expect(renderTrace(studio.store.getState().samples[edited]!.trace)).toMatch(/Edited during the export\.$/);
    studio.dispose();

    // Nothing lost across a reload either.
    const again = await reload(name);
    await again.services.loader.ensure([edited]);
    expect(renderTrace(again.store.getState().samples[edited]!.trace)).toMatch(/Edited during the export\.$/);
    again.dispose();
  }, 120_000);

  it('the dashboard holds every sample while shown and lets them go when left', async () => {
    const name = `loading-dashboard-${Date.now()}`;
    await project(name);
    const studio = await reload(name);
    await studio.actions.openDashboard.perform();
    expect(studio.store.getState().view).toBe('dashboard');
    expect(inMemory(studio)).toHaveLength(SAMPLES);
    studio.store.setState({ view: 'library' });
    expect(inMemory(studio)).toEqual([]);
    studio.dispose();
  }, 120_000);

  it('keeps a sample in use: open, edited, running, generating, being checked, or in a conflict', () => {
    const s = initialState();
    const sample = { ...hintedSample, id: 'x' } as Sample;
    expect(inUse(s, sample, true)).toBe(false);
    expect(inUse(s, sample, false)).toBe(true); // edited, not stored yet
    expect(inUse({ ...s, openSampleId: 'x' }, sample, true)).toBe(true);
    expect(inUse({ ...s, python: { ...s.python, kernels: { x: { phase: 'running', packages: [], queued: 0, notices: [] } as never } } }, sample, true)).toBe(true);
    expect(inUse({ ...s, python: { ...s.python, runAll: { x: { phase: 'running', total: 1, ran: 0, blocks: [], decisions: {} } } } }, sample, true)).toBe(true);
    expect(inUse({ ...s, generation: { id: 'g', sampleId: 'x', mode: 'continue', base: sample.trace, status: 'running', endpointName: 'e', continuations: [] } }, sample, true)).toBe(true);
    expect(inUse({ ...s, checks: { x: { revision: 'r', level: 'quick', result: { checks: [] } as never, counted: false, checking: true } } }, sample, true)).toBe(true);
    expect(inUse({ ...s, sync: { ...s.sync, conflicts: { x: { theirs: sample, theirVersion: 2, baseVersion: 1, theirAuthor: 'another tab' } } } }, sample, true)).toBe(true);
  });
});
