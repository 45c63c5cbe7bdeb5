/**
 * CoRT JSONL, one line at a time: the same samples and the same per-line report as importing
 * the whole file, for input that arrives in pieces (a 250 MB inference file streamed to the
 * team server) as well as for a file in memory (importFile).
 */
import { isCortExportRecord, parseCortExportRecord } from '../export/roundtrip';
import type { Sample } from '../sample/types';
import { cortFormatOf, samplesFromCortRecord, type CortFormat } from './cort';
import { RecordError } from './fields';
import { parseJsonlLine } from './jsonl';
import { ImportFormatError, type ImportReject, type ImportResult } from './types';

export class CortLineImporter {
  /** null until the first record says what the file is. */
  private format: CortFormat | 'cort-export' | null = null;
  private firstRecord = true;
  private readonly firstLine = new Map<string, number>();
  private readonly rejects: ImportReject[] = [];
  /** Records with neither "problem" nor "gen" seen before the format was known. */
  private readonly undecided: { line: number; keys: string[] }[] = [];

  constructor(
    readonly file: string,
    private readonly now: string,
  ) {}

  /** One line of the file (without its "\n"; 1-based number). Returns the samples it gives. */
  line(raw: string, line: number): Sample[] {
    const parsed = parseJsonlLine(raw, this.file, line);
    if (parsed === null) return [];
    if ('reason' in parsed) {
      this.rejects.push(parsed);
      return [];
    }
    const record = parsed.value;
    if (this.firstRecord) {
      this.firstRecord = false;
      if (isCortExportRecord(record)) this.format = 'cort-export';
    }
    if (this.format === 'cort-export') {
      const result = parseCortExportRecord(record, this.file, line);
      if (result.ok) return [result.sample];
      this.rejects.push(result.reject);
      return [];
    }
    this.format ??= cortFormatOf(record);
    if (this.format === null) {
      this.undecided.push({ line, keys: Object.keys(record) });
      return [];
    }
    return this.samplesOf(this.format, record, line);
  }

  private samplesOf(format: CortFormat, record: Record<string, unknown>, line: number): Sample[] {
    const out: Sample[] = [];
    try {
      for (const sample of samplesFromCortRecord(format, record, { file: this.file, line }, this.now)) {
        // Identical samples (same prompt, generation index and response) would share an id.
        const seenAt = this.firstLine.get(sample.id);
        if (seenAt !== undefined) {
          const field = sample.origin.genIndex === undefined ? undefined : `gen[${sample.origin.genIndex}]`;
          this.rejects.push({ file: this.file, line, unit: 'line', field, reason: `duplicate of line ${seenAt} (same prompt and response)` });
          continue;
        }
        this.firstLine.set(sample.id, line);
        out.push(sample);
      }
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      this.rejects.push({ file: this.file, line, unit: 'line', field: err.field, reason: err.message });
    }
    return out;
  }

  /**
   * The file's format and every reject, by line. Throws ImportFormatError when no record
   * was a CoRT record at all.
   */
  finish(): { format: ImportResult['format']; rejects: ImportReject[] } {
    if (this.format === null) {
      const first = this.undecided[0];
      throw new ImportFormatError(
        this.file,
        first
          ? `not a CoRT file: line ${first.line} has neither "problem" nor "gen" (keys: ${first.keys.join(', ')})`
          : `no JSON records found${this.rejects[0] ? ` (line ${this.rejects[0].line}: ${this.rejects[0].reason})` : ''}`,
      );
    }
    // Records before the first CoRT record lack "problem", which every CoRT record needs.
    for (const { line } of this.undecided) this.rejects.push({ file: this.file, line, unit: 'line', field: 'problem', reason: 'missing' });
    return { format: this.format, rejects: [...this.rejects].sort((a, b) => a.line - b.line) };
  }
}
