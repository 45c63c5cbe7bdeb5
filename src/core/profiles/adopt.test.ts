import { describe, expect, it } from 'vitest';
import { adoptCustomProfiles, adoptionNotes } from './adopt';
import { RETOOL_PROFILE } from './builtin';
import { CORT_512 } from './testing/custom';
import { copyProfile } from './registry';
import type { TraceProfile } from './types';

const RETOOL_COPY = copyProfile(RETOOL_PROFILE, 'retool-copy', 'ReTool copy');

describe("adopting a file's own profiles", () => {
  it('adds new ids after the project\'s own, and an identical profile (keys in another order) changes nothing', () => {
    const reordered = Object.fromEntries(Object.entries(CORT_512).reverse()) as unknown as TraceProfile;
    const a = adoptCustomProfiles([CORT_512], [reordered, RETOOL_COPY], 'manifest.json customProfiles');
    expect(a.profiles.map((p) => p.id)).toEqual(['cort-512', 'retool-copy']);
    expect(a.profiles[0]).toBe(CORT_512);
    expect(a.added).toEqual(['retool-copy']);
    expect(a.conflicts).toEqual([]);
    expect(adoptionNotes(a)).toEqual(['Added trace profiles to this project: retool-copy.']);
  });

  it("reports a profile whose id the project has with other fields, and keeps the project's", () => {
    const other = { ...CORT_512, name: 'CoRT 512 (theirs)' };
    const a = adoptCustomProfiles([CORT_512], [other], 'b.json settings.customProfiles');
    expect(a.profiles).toEqual([CORT_512]);
    expect(a.added).toEqual([]);
    expect(a.conflicts).toEqual([expect.stringMatching(/^b\.json settings\.customProfiles\[0\] \(cort-512\): this project already has a profile "cort-512" with other fields; kept the project's/)]);
  });

  it('refuses invalid profiles as Settings does, naming the file, the profile and the field, and still takes the valid ones', () => {
    const broken = { ...RETOOL_COPY, id: 'broken', continuation: { ...RETOOL_COPY.continuation, stop: '</code>' } };
    const builtin = copyProfile(RETOOL_PROFILE, 'retool', 'ReTool again');
    const a = adoptCustomProfiles([], [broken, builtin, CORT_512], 'manifest.json customProfiles');
    expect(a.added).toEqual(['cort-512']);
    expect(a.problems).toEqual([
      'manifest.json customProfiles[0] (broken): /continuation/stop must be array',
      `manifest.json customProfiles[1] (retool): /id "retool" is a built-in profile's id; a copy needs its own`,
    ]);
    expect(adoptCustomProfiles([], { id: 'x' }, 'm.json customProfiles').problems).toEqual(['m.json customProfiles: must be a JSON array of trace profiles']);
    expect(adoptCustomProfiles([CORT_512], undefined, 'm')).toEqual({ profiles: [CORT_512], added: [], conflicts: [], problems: [] });
  });
});
