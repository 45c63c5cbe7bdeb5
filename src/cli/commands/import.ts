/** `hint-studio import FILE... --out PROJECT.json`: import data files into a project file. */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { basename } from 'node:path';
import { carriedProfiles, describeReject } from '../../core/import';
import { adoptCustomProfiles, adoptionNotes } from '../../core/profiles/adopt';
import type { TraceProfile } from '../../core/profiles/types';
import { mergeSamples, serializeProject } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import { readBytes, readProjectFile } from '../inputs';
import { loadProfiles } from '../profiles';
import { CliError, type CliCommand, type CliIO } from '../io';
import { loadFile, printNotes, printRejects } from '../load';
import { escapeControls } from '../terminal';

export interface ImportOptions {
  out: string;
}

/** The project the output already holds, refusing anything that rewriting would damage. */
async function readExistingProject(out: string): Promise<{ samples: Sample[]; extras: Record<string, unknown> }> {
  if (!existsSync(out)) return { samples: [], extras: {} };
  const project = await readProjectFile(out, 'refusing to overwrite it: --out names the project file to write (or merge into)');
  if (project.rejects.length) {
    const list = project.rejects.map((r) => `  ${describeReject(r)}`).join('\n');
    throw new CliError(`${out} has ${project.rejects.length} invalid samples that rewriting would drop; not written:\n${list}`);
  }
  return project;
}

/**
 * The profiles the files carry (an export's manifest.json, a backup's settings), adopted into
 * the project file's settings before any record is read, as the studio's import does; the
 * export manifests among the files (no data).
 */
async function adoptCarried(files: string[], settings: Record<string, unknown>, out: string, io: CliIO): Promise<{ custom: TraceProfile[]; added: string[]; manifests: Set<string> }> {
  // The project's own must be valid first (export refuses them otherwise, too).
  await loadProfiles(undefined, { custom: settings.customProfiles, where: `${out} settings.customProfiles` });
  let custom = (settings.customProfiles as TraceProfile[] | undefined) ?? [];
  const added: string[] = [];
  const manifests = new Set<string>();
  for (const file of files) {
    if (!/\.json$/i.test(file)) continue;
    const carried = carriedProfiles(basename(file), await readBytes(file));
    if (!carried) continue;
    if (carried.manifest) manifests.add(file);
    const adoption = adoptCustomProfiles(custom, carried.custom, carried.where);
    custom = adoption.profiles;
    added.push(...adoption.added);
    for (const note of adoptionNotes(adoption)) io.stderr(`${escapeControls(`${file}: ${note}`)}\n`);
  }
  return { custom, added, manifests };
}

export async function runImport(files: string[], options: ImportOptions, io: CliIO): Promise<void> {
  const existing = await readExistingProject(options.out);
  const settings = existing.extras.settings !== null && typeof existing.extras.settings === 'object' ? (existing.extras.settings as Record<string, unknown>) : {};
  const carried = await adoptCarried(files, settings, options.out, io);
  const profiles = await loadProfiles(undefined, { custom: carried.custom, where: 'profiles' });
  const extras = carried.added.length ? { ...existing.extras, settings: { ...settings, customProfiles: carried.custom } } : existing.extras;
  const incoming: Sample[] = [];
  const failures: string[] = [];
  for (const file of files) {
    // An export's manifest has no samples: only its profiles were read.
    if (carried.manifests.has(file)) continue;
    try {
      const result = await loadFile(file, profiles);
      const merged = result.notes.filter((n) => n.kind === 'duplicate').length;
      const noted = result.notes.length - merged;
      io.stdout(
        `${escapeControls(file)}: ${result.format}, ${result.samples.length} samples, ${result.rejects.length} rejected` +
          (merged ? `, ${merged} merged duplicates` : '') +
          (noted ? `, ${noted} notes` : '') +
          '\n',
      );
      printRejects(result, io);
      printNotes(result, io);
      incoming.push(...result.samples);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      io.stderr(`${escapeControls(err.message)}\n`);
      failures.push(file);
    }
  }
  // All or nothing: a half-applied import is harder to reason about than a re-run.
  if (failures.length) throw new CliError(`${failures.length} of ${files.length} files could not be imported; ${options.out} not written`);

  const merged = mergeSamples(existing.samples, incoming);
  const temporary = `${options.out}.tmp-${process.pid}`;
  await writeFile(temporary, serializeProject(merged.samples, extras));
  await rename(temporary, options.out);
  io.stdout(
    `${escapeControls(options.out)}: ${merged.samples.length} samples (${merged.added.length} added, ${merged.updated.length} updated, ` +
      `${merged.kept.length} already present${merged.duplicates.length ? `, ${merged.duplicates.length} merged duplicates` : ''})\n`,
  );
}

export const importCommand: CliCommand = {
  name: 'import',
  register(program: Command, io: CliIO) {
    program
      .command('import')
      .description('import CoRT JSONL, verl parquet, pasted traces or project files into a project file')
      .argument('<files...>', 'input files')
      .requiredOption('-o, --out <project>', 'project file to write (merged with it when it exists)')
      .action((files: string[], options: ImportOptions) => runImport(files, options, io));
  },
};
