/**
 * The project's trace profiles on the server: the built-ins and the project's own, from the
 * project's settings (`customProfiles`, as the studio keeps them: Settings → Trace profiles,
 * and every backup). A sample of a project's own profile then gets the same entry — code
 * blocks, answer — on the server as in the studio. A profile that fails validation is left
 * out, as the studio leaves it out (store/settings/profiles.ts, the one rule for both).
 */
import { eq } from 'drizzle-orm';
import type { ProfileRegistry } from '../../core/profiles/types';
import { projectProfiles } from '../../store/settings/profiles';
import type { StudioSettings } from '../../store/settings/state';
import type { Db } from '../db/open';
import { projects } from '../db/schema';

/** The registry of a project's settings text (one parse per distinct text). */
const bySettings = new Map<string, ProfileRegistry>();

export function registryOfSettings(settings: string): ProfileRegistry {
  let registry = bySettings.get(settings);
  if (!registry) {
    const parsed = JSON.parse(settings) as Partial<StudioSettings>;
    registry = projectProfiles(parsed && typeof parsed === 'object' ? (parsed as Pick<StudioSettings, 'customProfiles'>) : undefined);
    if (bySettings.size > 64) bySettings.clear();
    bySettings.set(settings, registry);
  }
  return registry;
}

/** The registry of a project, read from its settings now. */
export async function projectRegistry(db: Db, projectId: number): Promise<ProfileRegistry> {
  const [row] = await db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
  return registryOfSettings(row?.settings ?? '{}');
}
