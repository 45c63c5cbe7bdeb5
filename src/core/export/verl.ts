/**
 * verl parquet files, written with hyparquet-writer so the browser can produce them too.
 * - SFT: `prompt` (the user prompt; verl's SFTDataset applies the chat template itself with
 *   add_generation_prompt) and `response` (the text after it).
 * - RL: the layout of CoRT's/verl's RL data, as the importer reads it back.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet-writer';
import type { FormatOutput } from './format-result';
import type { PreparedSample } from './prepared';
import { heldBackEntry } from './gate';
import type { HeldBackSample } from './types';

const PARQUET = 'application/vnd.apache.parquet';

/** REQUIRED as the exporter writes; OPTIONAL as pandas/pyarrow write (every column nullable). */
type Repetition = 'REQUIRED' | 'OPTIONAL';

const utf8Column = (name: string, repetition: Repetition = 'REQUIRED'): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: repetition,
});

function parquetBytes(columnData: { name: string; data: unknown[] }[], schema: SchemaElement[], createdBy: string): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, createdBy }));
}

export function verlSftFiles(samples: readonly PreparedSample[], createdBy: string): FormatOutput {
  const bytes = parquetBytes(
    [
      { name: 'prompt', data: samples.map((p) => p.sample.prompt) },
      { name: 'response', data: samples.map((p) => p.response) },
    ],
    [{ name: 'root', num_children: 2 }, utf8Column('prompt'), utf8Column('response')],
    createdBy,
  );
  return { files: [{ name: 'verl-sft.parquet', bytes, mediaType: PARQUET }] };
}

/**
 * verl's RL layout: `prompt` a list of {role, content} structs, `reward_model` and
 * `extra_info` structs, `index` INT64. The importer's fixtures write it OPTIONAL, as verl's
 * preprocessing does, so both ends are tested against one schema.
 */
export function verlRlSchema(repetition: Repetition = 'REQUIRED'): SchemaElement[] {
  const utf8 = (name: string) => utf8Column(name, repetition);
  return [
    { name: 'root', num_children: 5 },
    utf8('data_source'),
    { name: 'prompt', repetition_type: repetition, converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: repetition, num_children: 2 },
    utf8('role'),
    utf8('content'),
    utf8('ability'),
    { name: 'reward_model', repetition_type: repetition, num_children: 2 },
    utf8('style'),
    utf8('ground_truth'),
    { name: 'extra_info', repetition_type: repetition, num_children: 2 },
    utf8('split'),
    { name: 'index', type: 'INT64', repetition_type: repetition },
  ];
}

/** A field of the imported record when it is a non-empty string (verl-imported samples carry them). */
function recordString(record: Record<string, unknown>, ...path: string[]): string | undefined {
  let value: unknown = record;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function groundTruth(p: PreparedSample): string | undefined {
  const { sample } = p;
  if (sample.gtAnswer !== undefined && sample.gtAnswer !== '') return sample.gtAnswer;
  const fromRecord = sample.record.gt_answer;
  if (typeof fromRecord === 'number') return String(fromRecord);
  return recordString(sample.record, 'gt_answer') ?? recordString(sample.record, 'reward_model', 'ground_truth');
}

/** RL data is problems plus answers: a sample without a ground truth cannot be rewarded, so it stays out. */
export function verlRlFiles(samples: readonly PreparedSample[], createdBy: string, split: string): FormatOutput {
  const rows: { p: PreparedSample; truth: string }[] = [];
  const heldBack: HeldBackSample[] = [];
  for (const p of samples) {
    const truth = groundTruth(p);
    if (truth === undefined) heldBack.push(heldBackEntry(p.sample, 'format', ['no ground-truth answer: verl RL needs reward_model.ground_truth']));
    else rows.push({ p, truth });
  }
  const bytes = parquetBytes(
    [
      { name: 'data_source', data: rows.map(({ p }) => p.sample.source ?? recordString(p.sample.record, 'data_source') ?? 'hint-studio') },
      { name: 'prompt', data: rows.map(({ p }) => [{ role: 'user', content: p.sample.prompt }]) },
      { name: 'ability', data: rows.map(({ p }) => recordString(p.sample.record, 'ability') ?? 'math') },
      {
        name: 'reward_model',
        data: rows.map(({ p, truth }) => ({ style: recordString(p.sample.record, 'reward_model', 'style') ?? 'rule', ground_truth: truth })),
      },
      { name: 'extra_info', data: rows.map((_, i) => ({ split, index: BigInt(i) })) },
    ],
    verlRlSchema(),
    createdBy,
  );
  return { files: [{ name: 'verl-rl.parquet', bytes, mediaType: PARQUET }], heldBack };
}
