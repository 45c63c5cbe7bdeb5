/**
 * Looking profiles up by id, and the profile a sample follows (CoRT unless it says otherwise).
 * Every lookup takes the project's registry (built-ins + its own profiles), defaulting to the
 * built-ins, so the CLI and the studio resolve ids with the same function. An id the registry
 * does not know is an error naming it — never quietly CoRT's.
 */
import type { Sample } from '../sample/types';
import type { ProfileRegistry, TraceProfileId, TraceProfile } from './types';
import { BUILTIN_PROFILES, CORT_PROFILE } from './builtin';
import { traceProfileProblems } from './validate';

export const BUILTIN_REGISTRY: ProfileRegistry = BUILTIN_PROFILES;

export function isBuiltinProfileId(value: unknown): boolean {
  return BUILTIN_PROFILES.some((p) => p.id === value);
}

export function isTraceProfileId(value: unknown, registry: ProfileRegistry = BUILTIN_REGISTRY): value is TraceProfileId {
  return typeof value === 'string' && registry.some((p) => p.id === value);
}

export function unknownProfileMessage(id: string, registry: ProfileRegistry = BUILTIN_REGISTRY): string {
  return `Unknown trace profile "${id}" (known: ${registry.map((p) => p.id).join(', ')}). A project's own profile must be added to it (Settings → Trace profiles, or hint-studio --profiles FILE).`;
}

export function getProfile(id: TraceProfileId, registry: ProfileRegistry = BUILTIN_REGISTRY): TraceProfile {
  const profile = registry.find((p) => p.id === id);
  if (!profile) throw new Error(unknownProfileMessage(id, registry));
  return profile;
}

/** The profile a sample follows: its `profile` field, CoRT when absent. */
export function profileOfSample(sample: Pick<Sample, 'profile'>, registry: ProfileRegistry = BUILTIN_REGISTRY): TraceProfile {
  return sample.profile === undefined ? CORT_PROFILE : getProfile(sample.profile, registry);
}

/** The custom profiles of a registry (those that are not built in), in order. */
export function customProfilesOf(registry: ProfileRegistry): TraceProfile[] {
  return registry.filter((p) => !BUILTIN_PROFILES.includes(p));
}

/**
 * Problems of a project's own profiles, each "where: field message" (`where` names the file or
 * the list; a profile is named by its index and id): the schema's, an id a built-in has, an id
 * given twice. Empty when all are valid.
 */
export function customProfilesProblems(custom: unknown, where = 'profiles'): string[] {
  if (!Array.isArray(custom)) return [`${where}: must be a JSON array of trace profiles`];
  const problems: string[] = [];
  const seen = new Set<string>();
  custom.forEach((profile: unknown, i) => {
    const id = typeof profile === 'object' && profile !== null && typeof (profile as { id?: unknown }).id === 'string' ? (profile as { id: string }).id : undefined;
    const at = `${where}[${i}]${id !== undefined ? ` (${id})` : ''}`;
    for (const p of traceProfileProblems(profile)) problems.push(`${at}: ${p}`);
    if (id === undefined) return;
    if (isBuiltinProfileId(id)) problems.push(`${at}: /id "${id}" is a built-in profile's id; a copy needs its own`);
    else if (seen.has(id)) problems.push(`${at}: /id "${id}" is given twice`);
    seen.add(id);
  });
  return problems;
}

/** The registry of a project with these (validated) profiles of its own; throws with every problem otherwise. */
export function profileRegistry(custom: readonly unknown[] = [], where = 'profiles'): ProfileRegistry {
  const problems = customProfilesProblems(custom, where);
  if (problems.length) throw new Error(`Invalid trace profiles:\n  ${problems.join('\n  ')}`);
  return [...BUILTIN_PROFILES, ...(custom as TraceProfile[])];
}

/** A custom profile to start from: a deep copy of `base` under a new id and name, its sources kept. */
export function copyProfile(base: TraceProfile, id: string, name: string): TraceProfile {
  return { ...(JSON.parse(JSON.stringify(base)) as TraceProfile), id, name };
}
