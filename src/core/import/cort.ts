/** CoRT's JSONL formats: problem files and inference output (problem record + generations). */
import type { Sample } from '../sample/types';
import { cortPrompt } from './cortPrompt';
import { RecordError, optionalAnswer, optionalString, requireString, typeName, type JsonRecord } from './fields';
import { makeImportedSample } from './makeSample';

export type CortFormat = 'cort-problems' | 'cort-inference';

/** Arrays with one entry per generation; a sample keeps only its own entry of each. */
const PER_GENERATION_STATS = ['gen_cumulative_logprob', 'gen_cumulative_seq_len'] as const;

/**
 * Which CoRT format a record looks like, or null when it is neither. Decided per record: an
 * inference file may hold a problem without generations, which must not turn the whole file
 * into a problem file (nor the other way round).
 */
export function cortFormatOf(record: JsonRecord): CortFormat | null {
  if ('gen' in record) return 'cort-inference';
  if ('problem' in record) return 'cort-problems';
  return null;
}

interface RecordPlace {
  file: string;
  line: number;
}

/** The problem-side fields every CoRT record has. */
function problemFields(record: JsonRecord) {
  const problem = requireString(record, 'problem');
  return {
    problem,
    gtAnswer: optionalAnswer(record, 'gt_answer'),
    source: optionalString(record, 'source'),
    // Records without a prompt get the one CoRT would have built.
    prompt: optionalString(record, 'prompt') ?? cortPrompt(problem),
  };
}

function readGenerations(record: JsonRecord): string[] {
  const gen = record.gen;
  if (!Array.isArray(gen)) throw new RecordError('gen', `expected an array of strings, got ${typeName(gen)}`);
  const bad = gen.findIndex((g) => typeof g !== 'string');
  if (bad >= 0) throw new RecordError(`gen[${bad}]`, `expected a string, got ${typeName(gen[bad])}`);
  if (gen.length === 0) throw new RecordError('gen', 'empty: the record has no generations');
  return gen as string[];
}

function checkStats(record: JsonRecord, count: number): void {
  for (const key of PER_GENERATION_STATS) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw new RecordError(key, `expected an array, got ${typeName(value)}`);
    if (value.length !== count) {
      throw new RecordError(key, `has ${value.length} entries but gen has ${count}`);
    }
    const bad = value.findIndex((v) => typeof v !== 'number' && v !== null);
    if (bad >= 0) throw new RecordError(`${key}[${bad}]`, `expected a number, got ${typeName(value[bad])}`);
  }
}

/**
 * The record as kept on one generation's sample: every field except `gen`, with the
 * per-generation stat arrays narrowed to this generation's number.
 */
function recordForGeneration(record: JsonRecord, index: number): JsonRecord {
  const kept: JsonRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'gen') continue;
    kept[key] = (PER_GENERATION_STATS as readonly string[]).includes(key) && Array.isArray(value) ? value[index] : value;
  }
  return kept;
}

/**
 * The samples of one CoRT record: one per generation for inference output, one draft without
 * a trace for a problem. Throws RecordError when the record is malformed.
 */
export function samplesFromCortRecord(record: JsonRecord, place: RecordPlace, now: string): Sample[] {
  const format = cortFormatOf(record);
  if (!format) throw new RecordError(undefined, `neither "problem" nor "gen" (keys: ${Object.keys(record).join(', ')})`);
  const fields = problemFields(record);
  if (format === 'cort-problems') {
    return [
      makeImportedSample(
        { ...fields, record: { ...record }, origin: { format, file: place.file, line: place.line }, original: '' },
        now,
      ),
    ];
  }
  const generations = readGenerations(record);
  checkStats(record, generations.length);
  return generations.map((original, genIndex) =>
    makeImportedSample(
      {
        ...fields,
        record: recordForGeneration(record, genIndex),
        origin: { format, file: place.file, line: place.line, genIndex },
        original,
      },
      now,
    ),
  );
}
