/** Reading input files for the commands: every format the studio imports, project files included. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeNote, describeReject, importFile, ImportFormatError, type ImportResult } from '../core/import';
import type { Sample } from '../core/sample/types';
import type { ProfileRegistry } from '../core/profiles/types';
import { dataFileHint, readInput } from './inputs';
import { CliError, type CliIO } from './io';
import { escapeControls } from './terminal';

/** Import a file from disk; unreadable or unrecognised files become a CliError. */
export async function loadFile(path: string, profiles?: ProfileRegistry): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
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
