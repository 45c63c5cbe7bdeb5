/** `hint-studio import FILE... --out PROJECT.json`: import data files into a project file. */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeReject } from '../../core/import';
import { mergeSamples, serializeProject } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import { readProjectFile } from '../inputs';
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

export async function runImport(files: string[], options: ImportOptions, io: CliIO): Promise<void> {
  const existing = await readExistingProject(options.out);
  const incoming: Sample[] = [];
  const failures: string[] = [];
  for (const file of files) {
    try {
      const result = await loadFile(file);
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
  await writeFile(temporary, serializeProject(merged.samples, existing.extras));
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
