/** verl RL parquet: one problem per row, the chat prompt as a list of {role, content}. */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Sample } from '../sample/types';
import { problemFromCortPrompt } from './cortPrompt';
import { RecordError, isPlainObject, optionalAnswer, optionalString, typeName, type JsonRecord } from './fields';
import { makeImportedSample } from './makeSample';
import { ImportFormatError, type ImportResult } from './types';
import { boundUnknownFields, VERL_COLUMNS } from './bounds';

/** The verl RL columns the importer reads; other columns are kept within the limits of bounds.ts. */
const READ_COLUMNS: ReadonlySet<string> = new Set(VERL_COLUMNS);

/**
 * Parquet values as plain JSON: INT64 columns arrive as BigInt (not serialisable), so they
 * become numbers when exact and decimal strings otherwise; dates become ISO strings.
 */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}

/** The user turn the model answers: the last message with role "user". */
function userContent(row: JsonRecord): string {
  const messages = row.prompt;
  if (messages === undefined || messages === null) throw new RecordError('prompt', 'missing');
  if (!Array.isArray(messages)) throw new RecordError('prompt', `expected a list of {role, content} messages, got ${typeName(messages)}`);
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!isPlainObject(message) || message.role !== 'user') continue;
    if (typeof message.content !== 'string') {
      throw new RecordError(`prompt[${i}].content`, `expected a string, got ${typeName(message.content)}`);
    }
    return message.content;
  }
  throw new RecordError('prompt', 'has no message with role "user"');
}

function sampleFromRow(row: JsonRecord, file: string, index: number, now: string): Sample {
  const prompt = userContent(row);
  const reward = row.reward_model;
  if (reward !== undefined && reward !== null && !isPlainObject(reward)) {
    throw new RecordError('reward_model', `expected {style, ground_truth}, got ${typeName(reward)}`);
  }
  return makeImportedSample(
    {
      // CoRT's verl data puts the instruction into the user turn; the problem is the part before it.
      problem: problemFromCortPrompt(prompt) ?? prompt,
      gtAnswer: reward ? optionalAnswer(reward, 'ground_truth', 'reward_model.ground_truth') : undefined,
      source: optionalString(row, 'data_source'),
      prompt,
      record: row,
      origin: { format: 'verl-parquet', file, line: index },
      original: '',
    },
    now,
  );
}

export async function importVerlParquet(file: string, bytes: Uint8Array, now: string): Promise<ImportResult> {
  // hyparquet reads from an ArrayBuffer; copy out exactly this view (Node buffers may be pooled).
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(buffer);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    if (!columns.includes('prompt')) {
      throw new ImportFormatError(file, `not a verl RL parquet: no "prompt" column (columns: ${columns.join(', ')})`);
    }
    rows = await parquetReadObjects({ file: buffer, metadata, compressors });
  } catch (err) {
    if (err instanceof ImportFormatError) throw err;
    throw new ImportFormatError(file, `truncated or invalid parquet: ${(err as Error).message}`);
  }
  const result: ImportResult = { format: 'verl-parquet', samples: [], rejects: [], notes: [] };
  rows.forEach((raw, index) => {
    try {
      const bounded = boundUnknownFields(raw, READ_COLUMNS, { file, line: index, unit: 'row' });
      result.notes.push(...bounded.notes);
      result.samples.push(sampleFromRow(toJsonSafe(bounded.record) as JsonRecord, file, index, now));
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      result.rejects.push({ file, line: index, unit: 'row', field: err.field, reason: err.message });
    }
  });
  return result;
}
