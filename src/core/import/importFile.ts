/** One entry point for every file a user brings: the format is recognised from the content. */
import { isProjectDocument, parseProject } from '../project/projectFile';
import type { Sample } from '../sample/types';
import { CortLineImporter } from './cortLines';
import { decodeFileText, gunzip, innerName, isGzip } from './decode';
import { importPastedTrace } from './pasted';
import type { ProfileRegistry } from '../profiles/types';
import { ImportFormatError, type ImportNote, type ImportResult } from './types';

export interface ImportOptions {
  /** Timestamp for createdAt/updatedAt of the new samples; defaults to now. */
  now?: string;
  /** The profiles a Hint Studio export's trace_profile resolves against; the built-ins by default. */
  profiles?: ProfileRegistry;
}

const PARQUET_MAGIC = 'PAR1';
const magicAt = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * Parquet files start and end with the magic bytes "PAR1". A file that starts with them (or is
 * named .parquet) is parquet: when it does not end with them it was cut off, and saying
 * "not valid JSON" about it would send the user looking in the wrong place.
 */
function parquetProblem(bytes: Uint8Array, fileName: string): string | null | 'not-parquet' {
  const starts = bytes.length >= 4 && magicAt(bytes, 0) === PARQUET_MAGIC;
  if (!starts) return /\.parquet$/i.test(fileName) ? 'truncated or invalid parquet: the file does not start with the parquet marker PAR1' : 'not-parquet';
  if (bytes.length < 12 || magicAt(bytes, bytes.length - 4) !== PARQUET_MAGIC) {
    return `truncated or invalid parquet: the file (${bytes.length} bytes) does not end with the parquet marker PAR1 — was it cut off while copying?`;
  }
  return null;
}

/** Extensions that promise structured data: such a file is never read as a pasted trace. */
const DATA_EXTENSIONS = /\.(jsonl|ndjson|json|parquet)$/i;

/** The whole text as one JSON value, or undefined (JSONL with several lines is not one value). */
function parseWhole(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * Whether the text is JSON lines: its first non-blank line is a JSON object. A pasted trace
 * starts with prose; a JSON object further down is part of it (rStar2's and chat traces write
 * each tool call as a JSON line inside <tool_call>), as is `{...}` math.
 */
function startsWithJsonRecord(text: string): boolean {
  const first = text.split('\n', 50).find((line) => line.trim() !== '');
  return first !== undefined && first.trimStart().startsWith('{') && parseWhole(first) !== undefined;
}

/** A whole JSONL file through the line-at-a-time importer the team server streams with. */
function importJsonl(file: string, text: string, now: string, profiles?: ProfileRegistry): ImportResult {
  const importer = new CortLineImporter(file, now, profiles);
  const samples: Sample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) samples.push(...importer.line(lines[i], i + 1));
  return { ...importer.finish(), samples };
}

/**
 * Import one file: a CoRT problem or inference JSONL, a verl RL parquet, a Hint Studio
 * project file, or (for a non-data file such as .txt) a pasted trace. Malformed records
 * become rejects and every good record is still imported; a file that cannot be read at
 * all throws ImportFormatError.
 */
export async function importFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const now = options.now ?? new Date().toISOString();
  // Gzip is recognised by its magic bytes, whatever the name; what is inside is read as usual.
  if (isGzip(bytes)) return importBytes(fileName, innerName(fileName), await gunzip(fileName, bytes), now, options.profiles);
  return importBytes(fileName, fileName, bytes, now, options.profiles);
}

/** `fileName` names the samples' origin; `innerName` (without .gz) decides how the content is read. */
async function importBytes(fileName: string, innerName: string, bytes: Uint8Array, now: string, profiles?: ProfileRegistry): Promise<ImportResult> {
  const parquet = parquetProblem(bytes, innerName);
  if (parquet !== 'not-parquet') {
    if (parquet) throw new ImportFormatError(fileName, parquet);
    // The parquet reader and its decompressors load only when a parquet file arrives.
    const { importVerlParquet } = await import('./verl');
    return importVerlParquet(fileName, bytes, now);
  }

  const text = decodeFileText(fileName, bytes);
  const whole = parseWhole(text);
  if (isProjectDocument(whole)) {
    const project = parseProject(text, fileName);
    return { format: 'project', samples: project.samples, rejects: project.rejects, notes: project.notes };
  }
  if (!DATA_EXTENSIONS.test(innerName) && !startsWithJsonRecord(text)) {
    const sample = importPastedTrace(text, { name: fileName, now });
    return { format: 'pasted', samples: [sample], rejects: [], notes: [] };
  }
  return importJsonl(fileName, text, now, profiles);
}

export type { ImportNote };
