/**
 * Every CoRT record is checked against `schemas/cort-export.schema.json` (shipped for the
 * consumers too) plus what a schema cannot say: segments tile the response exactly and
 * every span lies inside it. The same check guards re-import (roundtrip.ts).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import cortExportSchema from '../../../schemas/cort-export.schema.json' with { type: 'json' };
import { codePointLength } from './offsets';

export { cortExportSchema };

/** One problem with one field of one record, phrased for a person. */
export interface RecordProblem {
  /** JSON pointer of the field, e.g. `/segments/2/end` ('' for the whole record). */
  field: string;
  message: string;
}

export class CortRecordInvalidError extends Error {
  constructor(
    readonly sampleId: string,
    readonly problems: RecordProblem[],
  ) {
    const first = problems[0];
    super(
      `CoRT export record for sample ${sampleId} is invalid: field ${first.field || '(record)'} ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''),
    );
    this.name = 'CortRecordInvalidError';
  }
}

// ajv compiles the schema to a function once; strict mode would reject the `description`-rich
// draft-07 schema's unknown formats, none of which are used. Compiled at first use, not when the
// module loads (the studio's start would pay for it).
let compiled: ValidateFunction | undefined;

function fromAjv(error: ErrorObject): RecordProblem {
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
  const allowed = error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
  return { field: error.instancePath + missing, message: `${error.message ?? 'is invalid'}${extra}${allowed}` };
}

interface Range {
  start: number;
  end: number;
}

/** Offsets that a schema cannot check: order, coverage, bounds. */
function offsetProblems(record: { response: string; segments: Range[]; output_spans: Range[]; hints: { offset: number }[] }): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const length = codePointLength(record.response);
  let expected = 0;
  record.segments.forEach((seg, i) => {
    if (seg.start !== expected) problems.push({ field: `/segments/${i}/start`, message: `must be ${expected} (segments tile the response)` });
    if (seg.end <= seg.start) problems.push({ field: `/segments/${i}/end`, message: `must be greater than start ${seg.start}` });
    expected = seg.end;
  });
  if (expected !== length) {
    problems.push({ field: '/segments', message: `cover ${expected} code points but the response has ${length}` });
  }
  record.output_spans.forEach((span, i) => {
    if (span.end < span.start || span.end > length) {
      problems.push({ field: `/output_spans/${i}`, message: `[${span.start}, ${span.end}) is outside the response (${length} code points)` });
    }
  });
  record.hints.forEach((hint, i) => {
    if (hint.offset > length) problems.push({ field: `/hints/${i}/offset`, message: `is past the end of the response (${length})` });
  });
  return problems;
}

/** All problems of a record; empty when it is valid. */
export function cortRecordProblems(record: unknown): RecordProblem[] {
  const validateSchema = (compiled ??= new Ajv({ allErrors: true }).compile(cortExportSchema));
  if (!validateSchema(record)) return (validateSchema.errors ?? []).map(fromAjv);
  return offsetProblems(record as Parameters<typeof offsetProblems>[0]);
}

/** Throws CortRecordInvalidError naming the sample and the field. */
export function assertValidCortRecord(record: unknown, sampleId: string): void {
  const problems = cortRecordProblems(record);
  if (problems.length > 0) throw new CortRecordInvalidError(sampleId, problems);
}
