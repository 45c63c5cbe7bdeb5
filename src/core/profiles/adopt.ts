/**
 * Bringing a file's own trace profiles (an export manifest's `customProfiles`, a backup's
 * `settings.customProfiles`) into a project: each is validated as Settings validates them
 * (customProfilesProblems); a new id is added; an id the project already has with other
 * content is a conflict, reported, and the project's profile is kept.
 */
import { customProfilesProblems } from './registry';
import type { TraceProfile } from './types';

export interface ProfilesAdoption {
  /** The project's profiles afterwards: its own, then the added ones. */
  profiles: TraceProfile[];
  /** Ids added to the project. */
  added: string[];
  /** Incoming profiles whose id the project already has with other content (the project's is kept), in words. */
  conflicts: string[];
  /** Why incoming profiles were refused, each naming the file, the profile and the field. */
  problems: string[];
}

/** JSON with sorted keys: two profiles are the same when their fields are, whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameProfile(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The project's profiles with `incoming` adopted (`where` names the file and field, e.g.
 * "manifest.json customProfiles"). Nothing of the project's is ever replaced.
 */
export function adoptCustomProfiles(here: readonly TraceProfile[], incoming: unknown, where: string): ProfilesAdoption {
  const result: ProfilesAdoption = { profiles: [...here], added: [], conflicts: [], problems: [] };
  if (incoming === undefined) return result;
  const problems = customProfilesProblems(incoming, where);
  if (!Array.isArray(incoming)) return { ...result, problems };
  result.problems = problems;
  incoming.forEach((profile: unknown, i) => {
    // A profile with a problem of its own is refused; the others still come.
    const at = `${where}[${i}]`;
    if (problems.some((p) => p.startsWith(`${at}:`) || p.startsWith(`${at} (`))) return;
    const p = profile as TraceProfile;
    const existing = result.profiles.find((h) => h.id === p.id);
    if (!existing) {
      result.profiles.push(p);
      result.added.push(p.id);
    } else if (!sameProfile(existing, p)) {
      result.conflicts.push(`${at} (${p.id}): this project already has a profile "${p.id}" with other fields; kept the project's (rename one in Settings → Trace profiles to keep both)`);
    }
  });
  return result;
}

/** The adoption in words, for an import or restore report (empty when nothing happened). */
export function adoptionNotes(adoption: ProfilesAdoption): string[] {
  return [
    ...(adoption.added.length ? [`Added trace profiles to this project: ${adoption.added.join(', ')}.`] : []),
    ...adoption.conflicts.map((c) => `Profile conflict: ${c}.`),
    ...adoption.problems.map((p) => `Profile not added: ${p}.`),
  ];
}
