/**
 * The project's profile registry from its settings: the built-ins and the project's own
 * profiles (Settings → Trace profiles, saved with the settings and so in every backup). A
 * profile that fails validation (a hand-edited backup) is left out of the registry, never
 * trusted, and Settings lists its problems; one registry object per settings list, so
 * memoised views keep their identity.
 */
import { BUILTIN_REGISTRY, customProfilesProblems, isBuiltinProfileId } from '../../core/profiles/registry';
import { traceProfileProblems } from '../../core/profiles/validate';
import type { ProfileRegistry, TraceProfile } from '../../core/profiles/types';
import type { StudioSettings } from './state';

const registries = new WeakMap<readonly TraceProfile[], ProfileRegistry>();

export function projectProfiles(settings: Pick<StudioSettings, 'customProfiles'> | undefined): ProfileRegistry {
  const custom = settings?.customProfiles;
  if (!Array.isArray(custom) || custom.length === 0) return BUILTIN_REGISTRY;
  let registry = registries.get(custom);
  if (!registry) {
    const seen = new Set<string>();
    const valid = custom.filter((p) => {
      const ok = traceProfileProblems(p).length === 0 && !isBuiltinProfileId(p.id) && !seen.has(p.id);
      if (ok) seen.add(p.id);
      return ok;
    });
    registry = [...BUILTIN_REGISTRY, ...valid];
    registries.set(custom, registry);
  }
  return registry;
}

/** Problems of the project's own profiles, each naming the profile and the field (empty when valid). */
export function projectProfileProblems(settings: Pick<StudioSettings, 'customProfiles'>): string[] {
  return settings.customProfiles === undefined ? [] : customProfilesProblems(settings.customProfiles, 'custom profiles');
}
