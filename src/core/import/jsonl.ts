import { CORT_EXPORT_KEYS } from '../export/cort-record';
import { boundUnknownFields, CORT_FIELDS } from './bounds';
import { isPlainObject, type JsonRecord } from './fields';
import type { ImportNote, ImportReject } from './types';

export interface JsonlRecord {
  /** 1-based line number in the file. */
  line: number;
  value: JsonRecord;
}

/**
 * The fields the importers read and type-check (CoRT's problem and inference fields, the
 * studio's export fields). Every other field is kept as it came, within the limits of bounds.ts.
 */
const INTERPRETED_FIELDS: ReadonlySet<string> = new Set([...CORT_FIELDS, ...CORT_EXPORT_KEYS]);

/**
 * The source text of the number a top-level `key` holds in one JSON object line, or undefined.
 * JSON.parse's reviver cannot see source text in Node 20 (no `context.source`), and
 * recursive parsers (lossless-json) overflow on the hostile lines this importer must survive,
 * so this is one iterative pass that only tracks strings and nesting depth.
 */
export function topLevelNumberText(raw: string, key: string): string | undefined {
  let depth = 0;
  let lastString: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      lastString = depth === 1 ? raw.slice(i, j + 1) : null;
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      lastString = null;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === ':' && depth === 1 && lastString !== null) {
      let name: unknown;
      try {
        name = JSON.parse(lastString);
      } catch {
        name = undefined;
      }
      lastString = null;
      if (name !== key) continue;
      const m = /^\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(raw.slice(i + 1, i + 400));
      return m?.[1];
    } else if (c === ',') {
      lastString = null;
    }
  }
  return undefined;
}

/** A plain decimal integer or fraction, as JSON writes numbers without an exponent. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Digits of a plain decimal without leading or trailing zeros that do not count. */
function decimalDigits(text: string): string {
  const [int, frac = ''] = text.replace(/^-/, '').split('.');
  return `${text.startsWith('-') ? '-' : ''}${int.replace(/^0+(?=\d)/, '')}.${frac.replace(/0+$/, '')}`;
}

/**
 * A numeric `gt_answer` as written in the file, when JSON.parse lost digits of it (an
 * integer beyond 2^53, more than 17 significant digits): the answer must keep all of them.
 */
function exactAnswerText(raw: string, parsed: number): string | undefined {
  const text = topLevelNumberText(raw, 'gt_answer');
  if (text === undefined || !PLAIN_NUMBER.test(text)) return undefined;
  const shortest = String(parsed);
  const exact = PLAIN_NUMBER.test(shortest) && decimalDigits(shortest) === decimalDigits(text);
  return exact ? undefined : text;
}

/**
 * One line of JSONL: its record (with notes), a reject naming the line, or null for a blank
 * line. CRLF line ends need no special care: JSON strings cannot hold a raw CR or LF, so the
 * '\r' left at the end of a line is JSON whitespace, and texts inside records (CRLF escaped as
 * "\r\n") come through byte for byte. Unknown fields past the limits are dropped with a note;
 * a big-integer `gt_answer` keeps its digits as text, with a note.
 */
export function parseJsonlLine(raw: string, file: string, line: number): { record: JsonlRecord; notes: ImportNote[] } | ImportReject | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { file, line, unit: 'line', reason: `not valid JSON (${(err as Error).message})` };
  }
  if (!isPlainObject(value)) return { file, line, unit: 'line', reason: 'expected a JSON object' };
  const bounded = boundUnknownFields(value, INTERPRETED_FIELDS, { file, line, unit: 'line' });
  const notes = [...bounded.notes];
  let record = bounded.record as JsonRecord;
  if (typeof record.gt_answer === 'number') {
    const exact = exactAnswerText(raw, record.gt_answer);
    if (exact !== undefined) {
      record = { ...record, gt_answer: exact };
      notes.push({ file, line, unit: 'line', field: 'gt_answer', kind: 'number-as-text', message: `kept as the text "${exact}": as a number it would lose digits` });
    }
  }
  return { record: { line, value: record }, notes };
}

/**
 * The lines of a byte stream as they complete (without "\n"), numbered from 1, decoded as
 * UTF-8 exactly as decodeText decodes a whole file (BOM dropped, invalid bytes → U+FFFD).
 */
export async function* jsonlLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ raw: string; line: number }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      yield { raw: pending.slice(start, end), line: ++line };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  yield { raw: pending, line: ++line };
}

/** UTF-8 text of a file; the decoder drops a leading BOM. Invalid bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
