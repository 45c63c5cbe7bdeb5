/**
 * Limits on the fields the studio keeps without using them. A dataset is hostile: one record
 * holding an array nested 10⁵ deep parses (JSON.parse is iterative) but then overflows the
 * stack of everything recursive that touches it — structured clone into IndexedDB,
 * JSON.stringify of a project file — and a failing save of one sample blocks every save.
 * So fields the importer does not interpret are measured without recursion and dropped, with
 * a note naming file, line and field, when they are nested too deep or too large. Fields the
 * importer interprets (problem, gen, ...) are type-checked instead and reject their record.
 */
import type { ImportNote, RecordUnit } from './types';

export interface FieldLimits {
  /** Deepest nesting kept (a scalar is 0, `[1]` is 1). */
  maxDepth: number;
  /** Largest size kept, counted roughly in characters (string lengths, keys, 8 per number). */
  maxChars: number;
}

export const FIELD_LIMITS: FieldLimits = { maxDepth: 64, maxChars: 1_000_000 };

/** CoRT's problem and inference fields, which the importers read and type-check. */
export const CORT_FIELDS: readonly string[] = ['problem', 'prompt', 'gt_answer', 'source', 'gen', 'gen_cumulative_logprob', 'gen_cumulative_seq_len'];
/** The verl RL columns the parquet importer reads. */
export const VERL_COLUMNS: readonly string[] = ['data_source', 'prompt', 'ability', 'reward_model', 'extra_info'];
/** Record fields an importer interprets, wherever the record came from (kept in full in a project file). */
export const INTERPRETED_RECORD_FIELDS: ReadonlySet<string> = new Set([...CORT_FIELDS, ...VERL_COLUMNS]);

export type LimitExceeded = { limit: 'depth'; depth: number } | { limit: 'size'; chars: number } | null;

/**
 * Which limit `value` passes, if any. Iterative, and stops as soon as a limit is passed, so
 * the work is bounded by the limits, not by the value.
 */
export function exceedsLimits(value: unknown, limits: FieldLimits = FIELD_LIMITS): LimitExceeded {
  const stack: [unknown, number][] = [[value, 0]];
  let chars = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') chars += v.length + 2;
    else if (v === null || typeof v !== 'object') chars += 8;
    else {
      if (depth + 1 > limits.maxDepth) return { limit: 'depth', depth: depth + 1 };
      if (Array.isArray(v)) {
        chars += 2 + v.length;
        for (const item of v) stack.push([item, depth + 1]);
      } else {
        const entries = Object.entries(v as Record<string, unknown>);
        chars += 2 + entries.length;
        for (const [key, item] of entries) {
          chars += key.length + 3;
          stack.push([item, depth + 1]);
        }
      }
    }
    if (chars > limits.maxChars) return { limit: 'size', chars };
  }
  return null;
}

export interface Place {
  file: string;
  line: number;
  unit: RecordUnit;
}

function describe(exceeded: NonNullable<LimitExceeded>, limits: FieldLimits): string {
  return exceeded.limit === 'depth'
    ? `dropped: nested more than ${limits.maxDepth} levels deep (the studio keeps unknown fields up to that depth)`
    : `dropped: larger than ${limits.maxChars.toLocaleString('en-US')} characters (the studio keeps unknown fields up to that size)`;
}

/**
 * `record` without the fields outside `known` that pass the limits, and a note for each one
 * dropped. `prefix` names where the record sits (`record.` inside a project sample).
 */
export function boundUnknownFields(
  record: Record<string, unknown>,
  known: ReadonlySet<string>,
  place: Place,
  prefix = '',
  limits: FieldLimits = FIELD_LIMITS,
): { record: Record<string, unknown>; notes: ImportNote[] } {
  let kept: Record<string, unknown> | null = null;
  const notes: ImportNote[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (known.has(key) || value === null) continue;
    // Scalars are small; a long string and any object or array are measured.
    if (typeof value !== 'object' && (typeof value !== 'string' || value.length <= limits.maxChars)) continue;
    const exceeded = exceedsLimits(value, limits);
    if (!exceeded) continue;
    kept ??= { ...record };
    delete kept[key];
    notes.push({ ...place, field: prefix + key, kind: 'field-dropped', message: describe(exceeded, limits) });
  }
  return { record: kept ?? record, notes };
}
