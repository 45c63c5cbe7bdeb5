/** Reading input files for the commands: every format the studio imports, project files included. */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { carriedProfiles, describeNote, describeReject, importFile, ImportFormatError, type ImportResult } from '../core/import';
import type { Sample } from '../core/sample/types';
import type { ProfileRegistry } from '../core/profiles/types';
import { dataFileHint, readBytes, readInput } from './inputs';
import { loadProfiles } from './profiles';
import { CliError, type CliIO } from './io';
import { escapeControls } from './terminal';

/** Import a file from disk; unreadable or unrecognised files become a CliError. */
export async function loadFile(path: string, profiles?: ProfileRegistry): Promise<ImportResult> {
  return importRead(path, await readBytes(path), profiles);
}

/**
 * A data file and the registry its samples resolve against: `--profiles FILE` when given, else
 * the profiles the file itself carries (a project or backup's settings.customProfiles, as
 * `export` reads them), else the built-ins.
 */
export async function loadFileWithProfiles(path: string, profilesPath: string | undefined): Promise<{ result: ImportResult; profiles: ProfileRegistry }> {
  const bytes = await readBytes(path);
  const carried = profilesPath === undefined ? carriedProfiles(basename(path), bytes) : null;
  const profiles = await loadProfiles(profilesPath, carried && !carried.manifest ? { custom: carried.custom, where: carried.where } : undefined);
  return { result: await importRead(path, bytes, profiles), profiles };
}

async function importRead(path: string, bytes: Uint8Array, profiles?: ProfileRegistry): Promise<ImportResult> {
  try {
    // Name the origin like the browser does: the file name without directories.
    return await importFile(basename(path), bytes, { profiles });
  } catch (err) {
    if (err instanceof ImportFormatError) {
      const hint = dataFileHint(path, bytes);
      throw new CliError(hint ? `${path}: ${hint}` : err.message);
    }
    throw err;
  }
}

export function printRejects(result: ImportResult, io: CliIO): void {
  for (const reject of result.rejects) io.stderr(`rejected ${escapeControls(describeReject(reject))}\n`);
}

/** Records imported with a remark: merged duplicates, dropped oversized fields, numbers kept as text. */
export function printNotes(result: ImportResult, io: CliIO): void {
  for (const note of result.notes) io.stderr(`${note.kind === 'duplicate' ? 'merged' : 'note'} ${describeNote(note)}\n`);
}

/**
 * A sample by its position in the file's import order (0-based, the `#` column of
 * `hint-studio stats`) or by its id.
 */
export function selectSample(samples: Sample[], which: string, file: string): Sample {
  if (/^\d+$/.test(which)) {
    const sample = samples[Number(which)];
    if (sample) return sample;
    const range = samples.length ? ` (0–${samples.length - 1})` : '';
    throw new CliError(`${file}: no sample ${which}; the file has ${samples.length} samples${range}`);
  }
  const sample = samples.find((s) => s.id === which);
  if (!sample) throw new CliError(`${file}: no sample with id ${which}`);
  return sample;
}

async function readJsonFile(path: string, kind: 'tokenizer' | 'tokenizer-config'): Promise<object> {
  // A tokenizer_config.json need not have a chat template (its tokenizer_class is enough).
  const text = await readInput(path, kind, kind === 'tokenizer-config' ? ['json-object'] : []);
  return JSON.parse(text) as object;
}

/**
 * A model's tokenizer.json and the tokenizer_config.json beside it (which names the class,
 * the special tokens and EOS; `{}` when absent), for the loaders in core/tokens.
 */
export async function readTokenizerFiles(path: string): Promise<{ tokenizerJson: object; tokenizerConfig: object }> {
  const configPath = join(dirname(path), 'tokenizer_config.json');
  const tokenizerConfig = existsSync(configPath) ? await readJsonFile(configPath, 'tokenizer-config') : {};
  return { tokenizerJson: await readJsonFile(path, 'tokenizer'), tokenizerConfig };
}
