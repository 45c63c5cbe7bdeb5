/**
 * Project backup and restore: the whole studio in one file (core/project's format), and a
 * restore that merges it into whatever this studio already holds without clobbering a newer
 * edit, reporting what happened to every sample.
 */
import { ImportFormatError } from '../../core/import';
import { parseProject, serializeProject, type MergeResult } from '../../core/project';
import type { ServerImportReport } from '../../core/sync';
import type { Hint } from '../../core/hints';
import { adoptCustomProfiles, adoptionNotes } from '../../core/profiles/adopt';
import type { TraceProfile } from '../../core/profiles/types';
import type { Sample } from '../../core/sample/types';
import { recordedSettings, samplesInExportOrder } from './export';
import { mergeIntoStudio } from './importing';
import type { ExtrasPlan, RestoreReport, RestoreRow } from './state';

export type { ExtrasPlan, RestoreOutcome, RestoreReport, RestoreRow } from './state';

/** The studio-wide parts of a backup besides the samples (absent ones are simply not written). */
export interface BackupExtras {
  /** Studio settings without API keys. */
  settings?: unknown;
  /** The user's own hints. */
  hintLibrary?: unknown;
}

/** This studio's own settings and hints, to decide what a restore may change. */
export interface HereExtras {
  settings?: { endpoints?: unknown[]; reviewerName?: string; customProfiles?: readonly TraceProfile[] };
  hintLibrary?: readonly Hint[];
}

/**
 * Settings are adopted only by a studio that has none of its own yet (no endpoint, no
 * reviewer name): a restore on a new machine brings everything, a merge into a working
 * studio never changes how it is set up. Custom hints are added when their id is new. The
 * backup's own trace profiles are adopted either way (its samples follow them), validated
 * as Settings validates them; one whose id this project has with other fields is reported
 * and this project's is kept.
 */
export function planExtrasRestore(extras: BackupExtras, here: HereExtras, where = 'backup'): ExtrasPlan {
  const plan: ExtrasPlan = { hints: [], notes: [] };
  const backupSettings = extras.settings;
  if (backupSettings && typeof backupSettings === 'object' && !Array.isArray(backupSettings)) {
    const { customProfiles: backupProfiles, ...settings } = backupSettings as Record<string, unknown>;
    const { customProfiles: hereProfiles, ...hereSettings } = recordedSettings(here.settings);
    const fresh = !here.settings || (!here.settings.endpoints?.length && !here.settings.reviewerName);
    // Key order aside, equal settings need no decision and no note.
    const same = JSON.stringify(hereSettings) === JSON.stringify(settings);
    if (!same && fresh) {
      plan.settings = settings;
      plan.notes.push('Settings restored from the backup. Backups never hold API keys: enter them again in Settings.');
    } else if (!same) {
      plan.notes.push("Kept this studio's settings (the backup's were not applied).");
    }
    const adoption = adoptCustomProfiles(Array.isArray(hereProfiles) ? (hereProfiles as TraceProfile[]) : [], backupProfiles, `${where} settings.customProfiles`);
    if (adoption.added.length) plan.profiles = adoption.profiles;
    plan.notes.push(...adoptionNotes(adoption));
  }
  if (Array.isArray(extras.hintLibrary)) {
    const known = new Set((here.hintLibrary ?? []).map((h) => h.id));
    plan.hints = (extras.hintLibrary as Hint[]).filter((h) => h && h.type === 'custom' && typeof h.id === 'string' && !known.has(h.id));
    if (plan.hints.length) plan.notes.push(`Added custom hints: ${plan.hints.map((h) => h.name).join(', ')}.`);
  }
  return plan;
}

/** `hint-studio-backup-2025-06-01T12-00-00Z.json`: sortable, and safe on every file system. */
export function backupFileName(takenAt: string): string {
  return `hint-studio-backup-${takenAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.json`;
}

/** The backup document: every sample (branches, review, comments, history included) plus extras. */
export function backupDocument(samples: Record<string, Sample>, extras: BackupExtras, takenAt: string): string {
  const written: Record<string, unknown> = {};
  if (extras.settings !== undefined) written.settings = recordedSettings(extras.settings);
  if (extras.hintLibrary !== undefined) written.hintLibrary = extras.hintLibrary;
  return serializeProject(samplesInExportOrder(samples), written, takenAt);
}

const UP_TO_DATE = 'already up to date';

/** What the restore knows of a sample held before it: its problem and when it was last edited. */
type HeldBefore = Pick<Sample, 'problem' | 'updatedAt'>;

function describeKept(here: HeldBefore | undefined, backup: Sample): string {
  // Not held before, yet kept: someone added it to the server's project meanwhile.
  if (!here) return "kept the server's copy";
  if (here.updatedAt === backup.updatedAt) return UP_TO_DATE;
  if (backup.updatedAt === backup.createdAt) return `kept this studio's copy: the backup's was never edited`;
  return `kept this studio's newer edit (here ${here.updatedAt}, backup ${backup.updatedAt})`;
}

/** The restore's outcome per sample (a local merge's, or the team server's). */
type RestoreOutcomes = Pick<MergeResult, 'added' | 'updated' | 'kept' | 'duplicates'>;

/** One row per sample of the backup, in the report's order: added, updated, kept (differing first), merged twins. */
function restoreRows(outcomes: RestoreOutcomes, incoming: Map<string, Sample>, before: (id: string) => HeldBefore | undefined): RestoreRow[] {
  const rows: RestoreRow[] = [];
  for (const id of outcomes.added) rows.push({ sampleId: id, problem: incoming.get(id)!.problem, outcome: 'added', detail: 'new to this studio' });
  for (const id of outcomes.updated) {
    rows.push({
      sampleId: id,
      problem: incoming.get(id)!.problem,
      outcome: 'updated',
      detail: `took the backup's newer edit (backup ${incoming.get(id)!.updatedAt}, here ${before(id)?.updatedAt ?? 'unknown'})`,
    });
  }
  // Kept copies that differ from the backup's come before the ones already up to date.
  const kept = outcomes.kept.map((id) => ({ sampleId: id, problem: (before(id) ?? incoming.get(id)!).problem, outcome: 'kept' as const, detail: describeKept(before(id), incoming.get(id)!) }));
  rows.push(...kept.filter((r) => r.detail !== UP_TO_DATE), ...kept.filter((r) => r.detail === UP_TO_DATE));
  // An unedited copy of a sample held here under another id (same prompt and response) is merged into it.
  for (const { id, of } of outcomes.duplicates) {
    rows.push({ sampleId: id, problem: incoming.get(id)!.problem, outcome: 'kept', detail: `identical prompt and response to ${of} here; merged` });
  }
  return rows;
}

/**
 * Merges a backup into the samples held now. Throws ImportFormatError (with the file name and
 * the broken field) when the file is not a project backup at all.
 */
export function restoreFromBackup(
  text: string,
  fileName: string,
  existing: Record<string, Sample>,
  here: HereExtras = {},
): { samples: Record<string, Sample>; changedIds: string[]; report: RestoreReport } {
  const project = parseProject(text, fileName);
  const { merged, samples, changedIds } = mergeIntoStudio(existing, project.samples);
  const incoming = new Map(project.samples.map((s) => [s.id, s]));
  const rows = restoreRows(merged, incoming, (id) => existing[id]);
  const extras = planExtrasRestore({ settings: project.extras.settings, hintLibrary: project.extras.hintLibrary }, here, fileName);
  return {
    samples,
    changedIds,
    report: { file: fileName, backupTakenAt: project.exportedAt, rows, rejects: project.rejects, extras },
  };
}

/** A file that is not a backup, as the restore reports it (nothing changed). */
function notABackup(err: unknown, fileName: string): RestoreReport {
  if (!(err instanceof ImportFormatError)) throw err;
  // Most often a data file picked by mistake: say where those go.
  const error = `${err.message}. This is not a Hint Studio backup; to add samples from a data file use Import files.`;
  return { file: fileName, backupTakenAt: '', rows: [], rejects: [], error, extras: { hints: [], notes: [] } };
}

/**
 * A backup restored into a team server's project (the server's import merged it, by core's
 * rule): the same report as a restore here, one row per sample of the backup, from the
 * server's answer and what this browser held before (`before`: entries, no traces). The
 * server's remarks (its project's settings, approvals that wait for a reviewer) are notes.
 */
export function serverRestoreReport(
  project: ParsedProject,
  fileName: string,
  server: ServerImportReport,
  before: (id: string) => HeldBefore | undefined,
  here: HereExtras,
): RestoreReport {
  const incoming = new Map(project.samples.map((s) => [s.id, s]));
  const added = server.restored?.added ?? [];
  const updated = server.restored?.updated ?? [];
  const changed = new Set([...added, ...updated]);
  const kept = [...incoming.keys()].filter((id) => !changed.has(id));
  const rows = restoreRows({ added, updated, kept, duplicates: [] }, incoming, before);
  const extras = planExtrasRestore({ settings: project.extras.settings, hintLibrary: project.extras.hintLibrary }, here, fileName);
  extras.notes.push(...server.notes.map((note) => `On the server: ${note}`));
  const rejects = server.rejects.map((r) => ({ file: r.file, line: r.line, unit: r.unit, field: r.field, reason: r.reason }));
  return { file: fileName, backupTakenAt: project.exportedAt, rows, rejects, extras };
}

export type ParsedProject = ReturnType<typeof parseProject>;

/** The backup read (before anything is sent), or the report saying why the file is not one. */
export function readBackup(text: string, fileName: string): { project: ParsedProject } | { report: RestoreReport } {
  try {
    return { project: parseProject(text, fileName) };
  } catch (err) {
    return { report: notABackup(err, fileName) };
  }
}

/**
 * Restores a backup's text into `existing`; a file that is not a backup becomes a report with
 * the reason (nothing changed), as the restore command shows it.
 */
export function restoreOrExplain(
  text: string,
  fileName: string,
  existing: Record<string, Sample>,
  here: HereExtras,
): { samples?: Record<string, Sample>; changedIds: string[]; report: RestoreReport } {
  try {
    return restoreFromBackup(text, fileName, existing, here);
  } catch (err) {
    return { changedIds: [], report: notABackup(err, fileName) };
  }
}
