/**
 * Files given to a command where it expects one kind (a project or backup, a --profiles file,
 * a tokenizer, a tokenizer_config.json): a file of another kind is refused with one line that
 * names the file, what was expected, what the file is, and the command that reads it.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isGzip } from '../core/import/decode';
import { ImportFormatError } from '../core/import/types';
import { isProjectDocument, parseProject, PROJECT_FORMAT, type ParsedProject } from '../core/project/projectFile';
import { CliError } from './io';

/** What a file is, read from its content (never from its name). */
export type FileKind = 'project' | 'profiles' | 'tokenizer' | 'tokenizer-config' | 'json-object' | 'json-array' | 'jsonl' | 'parquet' | 'gzip' | 'binary' | 'text' | 'empty';

/** The kinds a command can expect. */
export type ExpectedKind = 'project' | 'profiles' | 'tokenizer' | 'tokenizer-config';

const FOUND: Record<FileKind, string> = {
  project: 'a Hint Studio project or backup',
  profiles: 'a JSON array of trace profiles (a --profiles file)',
  tokenizer: "a model's tokenizer.json",
  'tokenizer-config': 'a tokenizer_config.json',
  'json-object': 'a JSON object of another kind',
  'json-array': 'a JSON array',
  jsonl: 'JSON lines (CoRT JSONL, a CoRT export or chat records)',
  parquet: 'a parquet file',
  gzip: 'a gzip file',
  binary: 'a binary file',
  text: 'a text file',
  empty: 'an empty file',
};

const EXPECTED: Record<ExpectedKind, string> = {
  project: 'a Hint Studio project or backup (a .json file from `hint-studio import --out` or the studio\'s Back up project)',
  profiles: 'a JSON array of trace profiles (as in Settings → Trace profiles)',
  tokenizer: "a model's tokenizer.json",
  'tokenizer-config': 'a tokenizer_config.json with a chat_template',
};

const DATA_KINDS: FileKind[] = ['jsonl', 'parquet', 'gzip', 'text'];

const PROJECT_HEAD = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${PROJECT_FORMAT}"`);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kind of a file's content. */
export function fileKindOf(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (isGzip(bytes)) return 'gzip';
  if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1') return 'parquet';
  if (bytes.includes(0)) return 'binary';
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  if (!text.trim()) return 'empty';
  // A project names its format first (serializeProject): a large backup is not parsed twice.
  if (PROJECT_HEAD.test(text.slice(0, 200))) return 'project';
  const whole = parseJson(text);
  if (isProjectDocument(whole)) return 'project';
  if (Array.isArray(whole)) return whole.length > 0 && whole.every((p) => isObject(p) && typeof p.id === 'string') ? 'profiles' : 'json-array';
  if (isObject(whole)) {
    if (isObject(whole.model) && ('added_tokens' in whole || 'pre_tokenizer' in whole || 'normalizer' in whole)) return 'tokenizer';
    if ('chat_template' in whole || 'tokenizer_class' in whole) return 'tokenizer-config';
    // One record on one line is a JSONL file of one sample (a CoRT line), not a document.
    return text.trim().includes('\n') ? 'json-object' : 'jsonl';
  }
  const first = text.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && isObject(parseJson(first)) ? 'jsonl' : 'text';
}

/** Where a file of `found` kind goes instead, as a command. */
function whatWorks(path: string, expected: ExpectedKind, found: FileKind): string {
  if (found === 'project' && expected === 'profiles') return `a project carries its own profiles (settings.customProfiles): give it as the command's file (\`hint-studio export|verify|stats ${path}\`), not with --profiles`;
  if (found === 'project') return `give it as the command's file (\`hint-studio export|verify|stats ${path}\`)`;
  if (found === 'profiles') return `give it with \`--profiles ${path}\``;
  if (found === 'tokenizer') return `give it with \`--tokenizer ${path}\``;
  if (found === 'tokenizer-config') return `give it with \`--template ${path}\``;
  if (expected === 'project' && DATA_KINDS.includes(found)) return `import it into a project first: \`hint-studio import ${path} --out project.json\`, then use project.json`;
  return '';
}

/** The one-line refusal of a file of the wrong kind; `instead` replaces the command that would work. */
export function wrongKindMessage(path: string, expected: ExpectedKind, found: FileKind, instead = whatWorks(path, expected, found)): string {
  return `${path}: expected ${EXPECTED[expected]}, but the file is ${FOUND[found]}${instead ? `; ${instead}` : ''}`;
}

/** A data file (stats, verify, render, import) that is one of the kinds given with an option: what works instead, or ''. */
export function dataFileHint(path: string, bytes: Uint8Array): string {
  const found = fileKindOf(bytes);
  if (found !== 'profiles' && found !== 'tokenizer' && found !== 'tokenizer-config') return '';
  return `the file is ${FOUND[found]}, not data; ${whatWorks(path, 'project', found)}`;
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/**
 * The text of a file that must be of `expected` kind. A file of another kind is refused
 * (wrongKindMessage); `accepts` widens what passes (e.g. a tokenizer_config.json without the
 * usual keys is still tried, and its reader says what is missing).
 */
export async function readInput(path: string, expected: ExpectedKind, accepts: FileKind[] = [], instead?: string): Promise<string> {
  const bytes = await readBytes(path);
  const found = fileKindOf(bytes);
  if (found !== expected && !accepts.includes(found)) throw new CliError(wrongKindMessage(path, expected, found, instead));
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * A project or backup file, read and validated; any other kind of file is refused with what
 * works. `instead`: what to say in place of the usual advice (import's --out is not read but
 * rewritten, so it says it is left alone).
 */
export async function readProjectFile(path: string, instead?: string): Promise<ParsedProject> {
  const text = await readInput(path, 'project', [], instead);
  try {
    return parseProject(text, basename(path));
  } catch (err) {
    if (err instanceof ImportFormatError) throw new CliError(err.message);
    throw err;
  }
}
