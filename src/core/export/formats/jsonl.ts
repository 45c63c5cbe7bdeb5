/** Shared by the JSONL training formats: records built per sample, held back with a reason when they cannot be. */
import type { HeldBackSample } from '../types';
import type { PreparedSample } from '../prepared';
import { jsonlBytes } from '../canonical-json';
import type { ExportFile } from '../types';
import { assertTrainingRecord, type TrainingSchema } from './validate';
import { heldBackEntry } from '../gate';

export type RecordResult = { ok: true; records: unknown[] } | { ok: false; reason: string };

/** Builds each sample's records, validates them against `schema` and writes one JSONL file. */
export function jsonlFormat(
  name: string,
  schema: TrainingSchema,
  samples: readonly PreparedSample[],
  build: (p: PreparedSample) => RecordResult,
): { file: ExportFile; heldBack: HeldBackSample[]; recordsOf: Map<string, unknown[]> } {
  const heldBack: HeldBackSample[] = [];
  const all: unknown[] = [];
  const recordsOf = new Map<string, unknown[]>();
  for (const p of samples) {
    const result = build(p);
    if (!result.ok) {
      heldBack.push(heldBackEntry(p.sample, 'format', [result.reason]));
      continue;
    }
    for (const record of result.records) assertTrainingRecord(schema, record, p.sample.id);
    recordsOf.set(p.sample.id, result.records);
    all.push(...result.records);
  }
  return { file: { name, bytes: jsonlBytes(all), mediaType: 'application/jsonl' }, heldBack, recordsOf };
}
