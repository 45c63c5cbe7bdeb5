import { isPlainObject, type JsonRecord } from './fields';
import type { ImportReject } from './types';

export interface JsonlRecord {
  /** 1-based line number in the file. */
  line: number;
  value: JsonRecord;
}

/**
 * One line of JSONL: its record, a reject naming the line, or null for a blank line. CRLF
 * line ends need no special care: JSON strings cannot hold a raw CR or LF, so the '\r' left
 * at the end of a line is JSON whitespace, and texts inside records (CRLF escaped as "\r\n")
 * come through byte for byte.
 */
export function parseJsonlLine(raw: string, file: string, line: number): JsonlRecord | ImportReject | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { file, line, unit: 'line', reason: `not valid JSON (${(err as Error).message})` };
  }
  if (!isPlainObject(value)) return { file, line, unit: 'line', reason: 'expected a JSON object' };
  return { line, value };
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
