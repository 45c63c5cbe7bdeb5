/**
 * Editing a project's own trace profiles (Settings → Trace profiles): add a copy of a profile
 * under a new id, replace one with edited JSON. Each gives the list afterwards, or the problems
 * (naming the profile and the field, as customProfilesProblems does) and no list.
 */
import { copyProfile, customProfilesProblems } from './registry';
import type { TraceProfile } from './types';

export type ProfilesEdit = { profiles: TraceProfile[]; problems: [] } | { profiles: null; problems: string[] };

const WHERE = 'custom profiles';

function checked(next: TraceProfile[]): ProfilesEdit {
  const problems = customProfilesProblems(next, WHERE);
  return problems.length ? { profiles: null, problems } : { profiles: next, problems: [] };
}

/** The project's profiles with a copy of `base` added as `id` (named `name`, else "<base> (copy)"). */
export function addProfileCopy(custom: readonly TraceProfile[], base: TraceProfile, id: string, name: string): ProfilesEdit {
  return checked([...custom, copyProfile(base, id.trim(), name.trim() || `${base.name} (copy)`)]);
}

/** The project's profiles with the one at `index` replaced by `json` (the profile as JSON text). */
export function replaceProfile(custom: readonly TraceProfile[], index: number, json: string): ProfilesEdit {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { profiles: null, problems: [`${WHERE}[${index}]: not valid JSON (${(err as Error).message})`] };
  }
  return checked(custom.map((p, i) => (i === index ? (value as TraceProfile) : p)));
}
