/**
 * `--profiles FILE`: a project's own trace profiles (a JSON array of profiles, as Settings
 * writes them), validated with the core's schema check; every problem names the file, the
 * profile and the field. Without it, `export`, `verify` and `stats` read them from the project
 * or backup file's settings (customProfiles).
 */
import { basename } from 'node:path';
import { Option } from 'commander';
import { BUILTIN_REGISTRY, customProfilesProblems, profileRegistry, unknownProfileMessage } from '../core/profiles/registry';
import type { Sample } from '../core/sample/types';
import type { ProfileRegistry } from '../core/profiles/types';
import { readInput } from './inputs';
import { CliError } from './io';

export const profilesOption = () =>
  new Option('--profiles <file>', "a JSON file of the project's own trace profiles (an array of profiles as in Settings → Trace profiles); sample ids resolve against the built-ins and these. Default: those a project or backup file carries");

/** The registry of the built-ins plus the profiles in `path` (none: the built-ins, or `fallback`'s). */
export async function loadProfiles(path: string | undefined, fallback?: { custom: unknown; where: string }): Promise<ProfileRegistry> {
  if (path === undefined) {
    if (fallback === undefined || fallback.custom === undefined) return BUILTIN_REGISTRY;
    return registryOf(fallback.custom, fallback.where);
  }
  // Any JSON array passes here: the schema check names what is wrong in each profile.
  const text = await readInput(path, 'profiles', ['json-array']);
  return registryOf(JSON.parse(text), basename(path));
}

function registryOf(custom: unknown, where: string): ProfileRegistry {
  const problems = customProfilesProblems(custom, where);
  if (problems.length) throw new CliError(`invalid trace profiles:\n  ${problems.join('\n  ')}`);
  return profileRegistry(custom as unknown[], where);
}

/** Every sample's profile must be in the registry: otherwise one clear error naming the id, the samples and the file. */
export function requireKnownProfiles(samples: readonly Sample[], profiles: ProfileRegistry, file: string): void {
  const unknown = samples.filter((s) => s.profile !== undefined && !profiles.some((p) => p.id === s.profile));
  if (unknown.length) throw new CliError(`${file}: ${unknownProfileMessage(unknown[0].profile!, profiles)} Samples: ${unknown.map((s) => s.id).join(', ')}`);
}
