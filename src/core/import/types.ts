import type { Sample, SourceFormat } from '../sample/types';

/** How a reject's `line` counts: JSONL lines (1-based), parquet rows (0-based, as in
 *  `SampleOrigin.line`), or samples of a project file (1-based). */
export type RecordUnit = 'line' | 'row' | 'sample';

/** A record that could not be imported; every other record of the file still is. */
export interface ImportReject {
  file: string;
  line: number;
  unit: RecordUnit;
  /** The offending field (dotted path) when the problem is one field. */
  field?: string;
  reason: string;
}

/**
 * Something the importer did to a record that was imported anyway: a duplicate merged into
 * its first copy, an unknown field dropped for its depth or size, a number kept as text.
 */
export interface ImportNote {
  file: string;
  line: number;
  unit: RecordUnit;
  /** The field the note is about (dotted path), e.g. `gen[1]` or `record.extra`. */
  field?: string;
  kind: 'duplicate' | 'field-dropped' | 'number-as-text';
  message: string;
}

export interface ImportResult {
  format: SourceFormat;
  samples: Sample[];
  rejects: ImportReject[];
  /** Records imported with a remark (duplicates merged, oversized fields dropped...). */
  notes: ImportNote[];
}

/** The whole file is unusable (unknown format, corrupt parquet, bad project envelope). */
export class ImportFormatError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportFormatError';
  }
}

function describePlace(place: { file: string; line: number; unit: RecordUnit; field?: string }): string {
  const where = place.unit === 'line' ? `${place.file}:${place.line}` : `${place.file} ${place.unit} ${place.line}`;
  return place.field ? `${where} ${place.field}` : where;
}

/** One line for a person: `data.jsonl:12 gen: expected an array of strings`. */
export function describeReject(reject: ImportReject): string {
  return `${describePlace(reject)}: ${reject.reason}`;
}

/** One line for a person: `data.jsonl:12 gen[1]: identical to line 3 gen[0]; merged`. */
export function describeNote(note: ImportNote): string {
  return `${describePlace(note)}: ${note.message}`;
}
