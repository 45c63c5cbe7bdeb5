/**
 * Re-importing an export whose manifest carries the project's own profiles, and restoring a
 * backup whose settings carry them: the profiles come into this project's settings, validated,
 * and a profile whose id this project has with other fields is reported, never overwritten.
 */
import { describe, expect, it } from 'vitest';
import { exportSamples } from '../../core/export';
import { RETOOL_PROFILE, copyProfile, profileRegistry, type TraceProfile } from '../../core/profiles';
import { CORT_512, CORT_512_SAMPLE, CORT_512_TEXT } from '../../core/profiles/testing/custom';
import { memoryPersistence } from '../session/persistence';
import { createStudio } from '../studio';
import { backupDocument } from './backup';

const RETOOL_COPY = copyProfile(RETOOL_PROFILE, 'retool-copy', 'ReTool copy');
const SAMPLE = CORT_512_SAMPLE;
const TEXT = CORT_512_TEXT;

async function studioWith(customProfiles?: TraceProfile[], reviewerName = '') {
  const studio = createStudio({ persistence: memoryPersistence(), loadDemo: async () => [], saveDebounceMs: 5 });
  await studio.init();
  await studio.services.settings.save({ ...studio.store.getState().settings, reviewerName, ...(customProfiles ? { customProfiles } : {}) });
  return studio;
}

async function exportFiles() {
  const result = await exportSamples([SAMPLE], { format: 'cort', include: 'all', studioVersion: 'test', exportedAt: '2025-06-01T12:00:00.000Z', profiles: profileRegistry([CORT_512]) });
  return result.files.map((f) => ({ name: f.name, bytes: f.bytes }));
}

describe('an export re-imported with its manifest', () => {
  it("adds the manifest's profiles to the project, and its records are read with them", async () => {
    const studio = await studioWith();
    const files = await exportFiles();
    expect(files.map((f) => f.name)).toEqual(['cort.jsonl', 'manifest.json']);
    const report = await studio.actions.importFiles.perform(files);
    expect(report?.rejects).toEqual([]);
    expect(report?.imported).toBe(1);
    expect(report?.notes).toEqual([{ file: 'manifest.json', kind: 'profile-added', message: 'trace profiles added to this project: cort-512' }]);
    const state = studio.store.getState();
    expect(state.settings.customProfiles).toEqual([CORT_512]);
    const imported = Object.values(state.samples);
    expect(imported.map((s) => [s.profile, s.original])).toEqual([['cort-512', TEXT]]);
  });

  it("reports a profile of the same id with other fields, and keeps the project's", async () => {
    const ours = { ...CORT_512, name: 'Our CoRT 512' };
    const studio = await studioWith([ours]);
    const report = await studio.actions.importFiles.perform(await exportFiles());
    expect(report?.notes).toEqual([{ file: 'manifest.json', kind: 'profile-refused', message: expect.stringMatching(/^manifest\.json customProfiles\[0\] \(cort-512\): this project already has a profile "cort-512" with other fields; kept the project's/) }]);
    expect(studio.store.getState().settings.customProfiles).toEqual([ours]);
  });
});

describe('a backup restored into a working studio', () => {
  const backup = (customProfiles: unknown) => backupDocument({ [SAMPLE.id]: SAMPLE }, { settings: { reviewerName: 'Theirs', customProfiles } }, '2025-06-01T12:00:00.000Z');

  it("keeps this studio's settings but adds the backup's profiles its samples follow", async () => {
    const studio = await studioWith([RETOOL_COPY], 'Me');
    const report = await studio.actions.restoreBackup.perform(backup([CORT_512]), 'b.json');
    expect(report?.extras.notes).toEqual(["Kept this studio's settings (the backup's were not applied).", 'Added trace profiles to this project: cort-512.']);
    const { settings, samples } = studio.store.getState();
    expect(settings.reviewerName).toBe('Me');
    expect(settings.customProfiles).toEqual([RETOOL_COPY, CORT_512]);
    expect(samples['custom-1'].profile).toBe('cort-512');
  });

  it('refuses an invalid profile naming the field, reports a conflict, and a fresh studio keeps its own profiles too', async () => {
    const ours = { ...CORT_512, name: 'Our CoRT 512' };
    const studio = await studioWith([ours]);
    const broken = { ...RETOOL_COPY, continuation: { ...RETOOL_COPY.continuation, stop: '</code>' } };
    const report = await studio.actions.restoreBackup.perform(backup([CORT_512, broken]), 'b.json');
    expect(report?.extras.notes).toEqual([
      'Settings restored from the backup. Backups never hold API keys: enter them again in Settings.',
      expect.stringMatching(/^Profile conflict: b\.json settings\.customProfiles\[0\] \(cort-512\): this project already has a profile "cort-512" with other fields; kept the project's/),
      'Profile not added: b.json settings.customProfiles[1] (retool-copy): /continuation/stop must be array.',
    ]);
    const { settings } = studio.store.getState();
    expect(settings.reviewerName).toBe('Theirs');
    expect(settings.customProfiles).toEqual([ours]);
  });
});
