/** One entry point for every file a user brings: the format is recognised from the content. */
import { isCortExportRecord, parseCortExportRecord } from '../export/roundtrip';
import { isProjectDocument, parseProject } from '../project/projectFile';
import type { Sample, SourceFormat } from '../sample/types';
import { cortFormatOf, samplesFromCortRecord } from './cort';
import { RecordError } from './fields';
import { readJsonl, type JsonlRecord } from './jsonl';
import { decodeFileText, gunzip, innerName, isGzip } from './decode';
import { contentKey } from './makeSample';
import { importPastedTrace } from './pasted';
import { ImportFormatError, type ImportNote, type ImportResult } from './types';

export interface ImportOptions {
  /** Timestamp for createdAt/updatedAt of the new samples; defaults to now. */
  now?: string;
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

/** `gen[1]` for a generation, nothing for a problem or an exported record. */
const generationField = (sample: Sample) => (sample.origin.genIndex === undefined ? undefined : `gen[${sample.origin.genIndex}]`);

/**
 * The samples of every record, each record read on its own terms: a Hint Studio export line, a
 * CoRT inference record (one sample per generation) or a CoRT problem. Identical (prompt,
 * response) pairs are one sample: later copies are merged into the first and noted.
 */
function samplesOfRecords(file: string, records: JsonlRecord[], now: string, result: ImportResult): Set<SourceFormat> {
  const formats = new Set<SourceFormat>();
  const firstPlace = new Map<string, string>();
  const keep = (sample: Sample, line: number) => {
    const key = contentKey(sample);
    const field = generationField(sample);
    const seen = firstPlace.get(key);
    if (seen !== undefined) {
      result.notes.push({ file, line, unit: 'line', field, kind: 'duplicate', message: `identical prompt and response to ${seen}; merged` });
      return;
    }
    firstPlace.set(key, `line ${line}${field ? ` ${field}` : ''}`);
    result.samples.push(sample);
  };
  for (const { line, value } of records) {
    if (isCortExportRecord(value)) {
      const parsed = parseCortExportRecord(value, file, line);
      if (parsed.ok) keep(parsed.sample, line);
      else result.rejects.push(parsed.reject);
      formats.add('cort-export');
      continue;
    }
    try {
      for (const sample of samplesFromCortRecord(value, { file, line }, now)) keep(sample, line);
      formats.add(cortFormatOf(value)!);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      result.rejects.push({ file, line, unit: 'line', field: err.field, reason: err.message });
    }
  }
  return formats;
}

function importJsonl(file: string, text: string, now: string): ImportResult {
  const { records, rejects, notes } = readJsonl(text, file);
  const recognised = records.filter(({ value }) => isCortExportRecord(value) || cortFormatOf(value));
  if (!recognised.length) {
    const first = records[0];
    throw new ImportFormatError(
      file,
      first
        ? `not a CoRT file: line ${first.line} has neither "problem" nor "gen" (keys: ${Object.keys(first.value).join(', ')})`
        : `no JSON records found${rejects[0] ? ` (line ${rejects[0].line}: ${rejects[0].reason})` : ''}`,
    );
  }
  const result: ImportResult = { format: 'cort-problems', samples: [], rejects, notes };
  const formats = samplesOfRecords(file, records, now, result);
  // One name for the file: inference output as soon as one record has generations.
  result.format = formats.has('cort-inference') ? 'cort-inference' : formats.has('cort-export') ? 'cort-export' : 'cort-problems';
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  rejects.sort(byLine);
  notes.sort(byLine);
  return result;
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
  if (isGzip(bytes)) return importBytes(fileName, innerName(fileName), await gunzip(fileName, bytes), now);
  return importBytes(fileName, fileName, bytes, now);
}

/** `fileName` names the samples' origin; `innerName` (without .gz) decides how the content is read. */
async function importBytes(fileName: string, innerName: string, bytes: Uint8Array, now: string): Promise<ImportResult> {
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
  return importJsonl(fileName, text, now);
}

export type { ImportNote };
