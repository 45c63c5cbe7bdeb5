/** Projects: a name, the studio settings recorded in export manifests, and review rules. */
import { asc, count, eq } from 'drizzle-orm';
import { redactSettings } from '../../core/export';
import type { ProjectInfo } from '../../core/sync';
import type { Db } from '../db/open';
import { projects, samples } from '../db/schema';
import { ApiFailure, invalid, notFound } from '../errors';
import { audit } from './audit';
import { customProfilesProblems } from '../../core/profiles/registry';
import type { TraceProfile } from '../../core/profiles/types';
import { rederiveCustomProfileSamples } from './sampleWrites';

export type ProjectRow = typeof projects.$inferSelect;

export function projectInfo(row: ProjectRow, sampleCount: number): ProjectInfo {
  return {
    id: row.id,
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    requireIndependentApproval: row.requireIndependentApproval,
    createdAt: row.createdAt.toISOString(),
    sampleCount,
  };
}

function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) return 'a project name is 1–200 characters';
  if (/[\u0000-\u001f]/.test(trimmed)) return 'a project name cannot hold control characters';
  return undefined;
}

/** Settings as a project keeps them: a plain object, with API keys and other secrets removed. */
export function settingsForStorage(settings: unknown): string {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw invalid('settings must be a JSON object');
  return JSON.stringify(redactSettings(settings as Record<string, unknown>));
}

async function sampleCount(db: Db, projectId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(samples).where(eq(samples.projectId, projectId));
  return n;
}

export async function listProjects(db: Db): Promise<ProjectInfo[]> {
  const rows = await db
    .select({ project: projects, n: count(samples.id) })
    .from(projects)
    .leftJoin(samples, eq(samples.projectId, projects.id))
    .groupBy(projects.id)
    .orderBy(asc(projects.name));
  return rows.map(({ project, n }) => projectInfo(project, n));
}

export async function requireProject(db: Db, id: number): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row) throw notFound(`project ${id}`);
  return row;
}

export async function getProject(db: Db, id: number): Promise<ProjectInfo> {
  return projectInfo(await requireProject(db, id), await sampleCount(db, id));
}

export async function findProjectByName(db: Db, name: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.name, name.trim()));
  return row;
}

export interface ProjectChange {
  name?: string;
  settings?: Record<string, unknown>;
  requireIndependentApproval?: boolean;
}

export async function createProject(db: Db, change: ProjectChange & { name: string }, by: number | null): Promise<ProjectInfo> {
  const problem = nameProblem(change.name);
  if (problem) throw invalid(problem);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        name: change.name.trim(),
        settings: settingsForStorage(change.settings ?? {}),
        requireIndependentApproval: change.requireIndependentApproval ?? false,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiFailure(409, 'conflict', `a project named "${change.name.trim()}" already exists`);
    await audit(tx, { userId: by, projectId: row.id, action: 'project.create', detail: { name: row.name } });
    return projectInfo(row, 0);
  });
}

export async function updateProject(db: Db, id: number, change: ProjectChange, by: number | null): Promise<ProjectInfo> {
  if (change.name !== undefined) {
    const problem = nameProblem(change.name);
    if (problem) throw invalid(problem);
  }
  return db.transaction(async (tx) => {
    await requireProject(tx, id);
    const set: Partial<ProjectRow> = {};
    if (change.name !== undefined) set.name = change.name.trim();
    if (change.settings !== undefined) set.settings = settingsForStorage(change.settings);
    if (change.requireIndependentApproval !== undefined) set.requireIndependentApproval = change.requireIndependentApproval;
    if (Object.keys(set).length === 0) return getProject(tx, id);
    const [row] = await tx.update(projects).set(set).where(eq(projects.id, id)).returning();
    await audit(tx, { userId: by, projectId: id, action: 'project.update', detail: { ...change, settings: change.settings ? 'changed' : undefined } });
    // Samples of the project's own profiles are summarized again under the profiles now defined.
    if (set.settings !== undefined) await rederiveCustomProfileSamples(tx, id);
    return projectInfo(row, await sampleCount(tx, id));
  });
}

/**
 * Adds trace profiles of the studio's own to the project (any member who edits may: a sample
 * of such a profile is written only once the server knows it, and each browser's Settings
 * hold them). One already there under the same id must be the same definition.
 */
export async function addProjectProfiles(db: Db, id: number, profiles: unknown, by: number): Promise<{ added: string[] }> {
  const problems = customProfilesProblems(profiles, 'profiles');
  if (problems.length) throw invalid(problems.join('; '));
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
    if (!row) throw notFound(`project ${id}`);
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    const known = Array.isArray(settings.customProfiles) ? (settings.customProfiles as TraceProfile[]) : [];
    const added: TraceProfile[] = [];
    for (const profile of profiles as TraceProfile[]) {
      const same = known.find((p) => p?.id === profile.id);
      if (!same) added.push(profile);
      else if (JSON.stringify(same) !== JSON.stringify(profile)) {
        throw new ApiFailure(409, 'conflict', `profiles: this project defines "${profile.id}" differently; an admin can change it in the project's settings`);
      }
    }
    if (added.length === 0) return { added: [] };
    await tx.update(projects).set({ settings: settingsForStorage({ ...settings, customProfiles: [...known, ...added] }) }).where(eq(projects.id, id));
    await audit(tx, { userId: by, projectId: id, action: 'project.profiles', detail: { added: added.map((p) => p.id) } });
    return { added: added.map((p) => p.id) };
  });
}
