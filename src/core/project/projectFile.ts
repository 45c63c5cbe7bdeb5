/**
 * The studio's backup format: one JSON document holding every sample (trace, branches,
 * review status) so a project can move between browsers, machines and the CLI.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ImportNote, ImportReject } from '../import/types';
import { boundUnknownFields, exceedsLimits, INTERPRETED_RECORD_FIELDS } from '../import/bounds';
import { ImportFormatError } from '../import/types';
import type { Sample } from '../sample/types';
import { sampleSchema } from './schema';

export const PROJECT_FORMAT = 'hint-studio-project';
export const PROJECT_VERSION = 1;

const ENVELOPE_KEYS = new Set(['format', 'version', 'exportedAt', 'samples']);

export interface ParsedProject {
  exportedAt: string;
  samples: Sample[];
  /** Samples that failed validation (unit 'sample', 1-based), each naming the field. */
  rejects: ImportReject[];
  /** Fields dropped from samples that were kept (nested too deep, too large), each named. */
  notes: ImportNote[];
  /** Top-level fields other than the envelope (settings and the like), kept on re-save. */
  extras: Record<string, unknown>;
}

/** True when a parsed JSON value is a project file (used by format detection). */
export function isProjectDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === PROJECT_FORMAT;
}

export function serializeProject(
  samples: Sample[],
  extras: Record<string, unknown> = {},
  exportedAt: string = new Date().toISOString(),
): string {
  const document: Record<string, unknown> = { format: PROJECT_FORMAT, version: PROJECT_VERSION, exportedAt };
  for (const [key, value] of Object.entries(extras)) if (!ENVELOPE_KEYS.has(key)) document[key] = value;
  // Samples last, so the header is readable at the top of a large file.
  document.samples = samples;
  return JSON.stringify(document, null, 2) + '\n';
}

let validateSample: ValidateFunction | undefined;

function sampleValidator(): ValidateFunction {
  validateSample ??= new Ajv({ allErrors: false }).compile(sampleSchema);
  return validateSample;
}

/**
 * The sample fields the studio itself writes: the schema's, and the review's (core/review:
 * review, comments, history, approval — whose approved content is as large as the trace) and
 * the dismissed suggestions. Only the whole sample's depth limits them; any other field is
 * bounded like an unknown import field.
 */
const STUDIO_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(sampleSchema.properties),
  'review',
  'comments',
  'history',
  'approval',
  'dismissedSuggestions',
]);
/** Whole samples nested deeper than this cannot be saved or written back (stack overflow). */
const MAX_SAMPLE_DEPTH = 128;

/**
 * A candidate sample with its imported record's and its extra fields' oversized values
 * dropped (noted), or the reason it cannot be kept at all (nested too deep inside the trace).
 */
function boundSample(candidate: unknown, index: number, place: Omit<ImportNote, 'kind' | 'message' | 'field'>): { sample: unknown; notes: ImportNote[] } | { field: string; reason: string } {
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) return { sample: candidate, notes: [] };
  const prefix = `samples[${index}].`;
  const outer = boundUnknownFields(candidate as Record<string, unknown>, STUDIO_FIELDS, place, prefix);
  let sample = outer.record;
  const notes = [...outer.notes];
  const record = sample.record;
  if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
    const inner = boundUnknownFields(record as Record<string, unknown>, INTERPRETED_RECORD_FIELDS, place, `${prefix}record.`);
    if (inner.record !== record) sample = { ...sample, record: inner.record };
    notes.push(...inner.notes);
  }
  const deep = exceedsLimits(sample, { maxDepth: MAX_SAMPLE_DEPTH, maxChars: Infinity });
  if (deep) return { field: `samples[${index}]`, reason: `nested more than ${MAX_SAMPLE_DEPTH} levels deep` };
  return { sample, notes };
}

/** `/trace/segments/2/kind` → `trace.segments[2].kind`. */
function fieldPath(pointer: string, missing?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missing) parts.push(missing);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describeError(error: ErrorObject): { field: string; reason: string } {
  if (error.keyword === 'required') {
    return { field: fieldPath(error.instancePath, String(error.params.missingProperty)), reason: 'missing' };
  }
  const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
  return { field: fieldPath(error.instancePath), reason: `${error.message ?? 'invalid'}${allowed}` };
}

/** Why a value is not a valid sample (the first problem, naming its field), or undefined when it is one. */
export function sampleProblem(candidate: unknown): { field: string; reason: string } | undefined {
  const validate = sampleValidator();
  return validate(candidate) ? undefined : describeError(validate.errors![0]);
}

/**
 * Read a project file. A broken envelope (not JSON, wrong format or version, no samples
 * array) throws ImportFormatError; a broken sample is rejected alone, naming its field.
 */
export function parseProject(text: string, fileName: string): ParsedProject {
  let document: unknown;
  try {
    document = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    throw new ImportFormatError(fileName, `not valid JSON (${(err as Error).message})`);
  }
  if (!isProjectDocument(document)) {
    throw new ImportFormatError(fileName, `format: expected "${PROJECT_FORMAT}"`);
  }
  const envelope = document as Record<string, unknown>;
  if (envelope.version !== PROJECT_VERSION) {
    const newer = typeof envelope.version === 'number' && envelope.version > PROJECT_VERSION;
    throw new ImportFormatError(
      fileName,
      `version: expected ${PROJECT_VERSION}, got ${JSON.stringify(envelope.version)}${newer ? ' (written by a newer Hint Studio)' : ''}`,
    );
  }
  if (!Array.isArray(envelope.samples)) throw new ImportFormatError(fileName, 'samples: expected an array');

  const validate = sampleValidator();
  const samples: Sample[] = [];
  const rejects: ImportReject[] = [];
  const notes: ImportNote[] = [];
  const seen = new Map<string, number>();
  envelope.samples.forEach((raw, index) => {
    const place = { file: fileName, line: index + 1, unit: 'sample' as const };
    const bounded = boundSample(raw, index, place);
    if ('reason' in bounded) {
      rejects.push({ ...place, ...bounded });
      return;
    }
    const candidate = bounded.sample;
    if (!validate(candidate)) {
      const { field, reason } = describeError(validate.errors![0]);
      rejects.push({ ...place, field: field ? `samples[${index}].${field}` : `samples[${index}]`, reason });
      return;
    }
    const sample = candidate as unknown as Sample;
    const first = seen.get(sample.id);
    if (first !== undefined) {
      rejects.push({ ...place, field: `samples[${index}].id`, reason: `duplicate of sample ${first} (${sample.id})` });
      return;
    }
    seen.set(sample.id, index + 1);
    samples.push(sample);
    notes.push(...bounded.notes);
  });

  const extras = Object.fromEntries(Object.entries(envelope).filter(([key]) => !ENVELOPE_KEYS.has(key)));
  return { exportedAt: typeof envelope.exportedAt === 'string' ? envelope.exportedAt : '', samples, rejects, notes, extras };
}
