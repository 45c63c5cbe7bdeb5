/**
 * CoRT JSONL, one line at a time: the same samples and the same per-line report as importing
 * the whole file, for input that arrives in pieces (a 250 MB inference file streamed to the
 * team server) as well as for a file in memory (importFile).
 *
 * Each record is read on its own terms: a Hint Studio export line, a CoRT inference record
 * (one sample per generation) or a CoRT problem — a first record without `gen` does not make
 * a whole inference file a problem file. Identical (prompt, response) pairs are one sample:
 * later copies are merged into the first and noted, never rejected.
 */
import { isCortExportRecord, parseCortExportRecord } from '../export/roundtrip';
import type { Sample, SourceFormat } from '../sample/types';
import type { ProfileRegistry } from '../profiles/types';
import { cortFormatOf, samplesFromCortRecord } from './cort';
import { RecordError } from './fields';
import { parseJsonlLine } from './jsonl';
import { contentKey } from './makeSample';
import { ImportFormatError, type ImportNote, type ImportReject, type ImportResult } from './types';

/** `gen[1]` for a generation, nothing for a problem or an exported record. */
const generationField = (sample: Sample) => (sample.origin.genIndex === undefined ? undefined : `gen[${sample.origin.genIndex}]`);

export class CortLineImporter {
  private readonly formats = new Set<SourceFormat>();
  /** Content key → where it was first seen ("line 3 gen[1]"). */
  private readonly firstPlace = new Map<string, string>();
  private readonly rejects: ImportReject[] = [];
  private readonly notes: ImportNote[] = [];
  /** The first JSON object that was no CoRT record, for the message when none is. */
  private firstUnrecognised: { line: number; keys: string[] } | undefined;

  constructor(
    readonly file: string,
    private readonly now: string,
    /** The profiles an exported record's trace_profile resolves against (built-ins + the project's own). */
    private readonly profiles?: ProfileRegistry,
  ) {}

  /** One line of the file (without its "\n"; 1-based number). Returns the samples it gives. */
  line(raw: string, line: number): Sample[] {
    const parsed = parseJsonlLine(raw, this.file, line);
    if (parsed === null) return [];
    if ('reason' in parsed) {
      this.rejects.push(parsed);
      return [];
    }
    this.notes.push(...parsed.notes);
    const value = parsed.record.value;
    if (isCortExportRecord(value)) {
      this.formats.add('cort-export');
      const result = parseCortExportRecord(value, this.file, line, this.profiles);
      if (result.ok) return this.keep([result.sample], line);
      this.rejects.push(result.reject);
      return [];
    }
    const format = cortFormatOf(value);
    if (format === null) {
      this.firstUnrecognised ??= { line, keys: Object.keys(value) };
      this.rejects.push({ file: this.file, line, unit: 'line', reason: `neither "problem" nor "gen" (keys: ${Object.keys(value).join(', ')})` });
      return [];
    }
    this.formats.add(format);
    try {
      return this.keep(samplesFromCortRecord(value, { file: this.file, line }, this.now), line);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      this.rejects.push({ file: this.file, line, unit: 'line', field: err.field, reason: err.message });
      return [];
    }
  }

  /** The samples not seen before; a copy of an earlier one is merged into it with a note. */
  private keep(samples: Sample[], line: number): Sample[] {
    const out: Sample[] = [];
    for (const sample of samples) {
      const key = contentKey(sample);
      const field = generationField(sample);
      const seen = this.firstPlace.get(key);
      if (seen !== undefined) {
        this.notes.push({ file: this.file, line, unit: 'line', field, kind: 'duplicate', message: `identical prompt and response to ${seen}; merged` });
        continue;
      }
      this.firstPlace.set(key, `line ${line}${field ? ` ${field}` : ''}`);
      out.push(sample);
    }
    return out;
  }

  /**
   * The file's format, every reject and note, by line. Throws ImportFormatError when no record
   * was a CoRT record at all.
   */
  finish(): Pick<ImportResult, 'format' | 'rejects' | 'notes'> {
    if (this.formats.size === 0) {
      const first = this.firstUnrecognised;
      const firstReject = this.rejects[0];
      throw new ImportFormatError(
        this.file,
        first
          ? `not a CoRT file: line ${first.line} has neither "problem" nor "gen" (keys: ${first.keys.join(', ')})`
          : `no JSON records found${firstReject ? ` (line ${firstReject.line}: ${firstReject.reason})` : ''}`,
      );
    }
    // One name for the file: inference output as soon as one record has generations.
    const format = this.formats.has('cort-inference') ? 'cort-inference' : this.formats.has('cort-export') ? 'cort-export' : 'cort-problems';
    const byLine = (a: { line?: number }, b: { line?: number }) => (a.line ?? 0) - (b.line ?? 0);
    return { format, rejects: [...this.rejects].sort(byLine), notes: [...this.notes].sort(byLine) };
  }
}
