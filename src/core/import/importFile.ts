/** One entry point for every file a user brings: the format is recognised from the content. */
import { isProjectDocument, parseProject } from '../project/projectFile';
import type { Sample } from '../sample/types';
import { CortLineImporter } from './cortLines';
import { decodeText } from './jsonl';
import { importPastedTrace } from './pasted';
import type { ImportResult } from './types';

export interface ImportOptions {
  /** Timestamp for createdAt/updatedAt of the new samples; defaults to now. */
  now?: string;
}

/** Parquet files start and end with the magic bytes "PAR1". */
function looksLikeParquet(bytes: Uint8Array): boolean {
  const magic = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  return bytes.length >= 12 && magic(0) === 'PAR1' && magic(bytes.length - 4) === 'PAR1';
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

/** Whether one of the first lines is a JSON object — a trace's prose or `{...}` math is not. */
function startsWithJsonRecord(text: string): boolean {
  return text
    .split('\n', 50)
    .filter((line) => line.trimStart().startsWith('{'))
    .some((line) => parseWhole(line) !== undefined);
}

/** A whole JSONL file through the line-at-a-time importer the team server streams with. */
function importCortJsonl(file: string, text: string, now: string): ImportResult {
  const importer = new CortLineImporter(file, now);
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
  if (looksLikeParquet(bytes)) {
    // The parquet reader and its decompressors load only when a parquet file arrives.
    const { importVerlParquet } = await import('./verl');
    return importVerlParquet(fileName, bytes, now);
  }

  const text = decodeText(bytes);
  const whole = parseWhole(text);
  if (isProjectDocument(whole)) {
    const project = parseProject(text, fileName);
    return { format: 'project', samples: project.samples, rejects: project.rejects };
  }
  if (!DATA_EXTENSIONS.test(fileName) && !startsWithJsonRecord(text)) {
    const sample = importPastedTrace(text, { name: fileName, now });
    return { format: 'pasted', samples: [sample], rejects: [] };
  }
  return importCortJsonl(fileName, text, now);
}
