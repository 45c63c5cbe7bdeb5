/**
 * From a file's bytes to the text the importers read: gzip is inflated (the platform's
 * DecompressionStream, the same in the browser and in Node), UTF-8 and UTF-16 (with a
 * byte-order mark, or recognisable without one) are decoded, and anything else that is not
 * text is refused with a message that says what the file looks like instead.
 */
import { Gunzip } from 'fflate';
import { ImportFormatError } from './types';
import { errorText } from '../util';

/** JavaScript strings stop a little above 2^29 characters; a larger text cannot be held at all. */
export const MAX_INFLATED_BYTES = 512 * 2 ** 20;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The name a gzipped file has inside: `data.jsonl.gz` → `data.jsonl`. */
export function innerName(fileName: string): string {
  return fileName.replace(/\.gz$/i, '');
}

/** Inflates one stream with the platform's DecompressionStream, which checks CRC and length. */
async function inflate(file: string, bytes: Uint8Array, chunks: Uint8Array[], budget: { left: number; limit: number }): Promise<void> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    budget.left -= value.byteLength;
    if (budget.left < 0) {
      await reader.cancel();
      throw new ImportFormatError(file, `gzip file inflates to more than ${Math.round(budget.limit / 2 ** 20)} MiB; split it into smaller files`);
    }
    chunks.push(value);
  }
}

/**
 * Where each gzip member starts. Chromium's DecompressionStream stops at the end of the first
 * member and calls the rest junk, so concatenated .gz files are split here (fflate finds the
 * members) and each member is inflated, and checked, on its own.
 */
function memberStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  const scan = new Gunzip(() => {});
  scan.onmember = (offset) => starts.push(offset);
  scan.push(bytes, true);
  return starts;
}

/**
 * Inflate gzip (several concatenated members included). Stops with an ImportFormatError past
 * `limit` bytes (a gzip bomb, or a file too large to hold as text) and on a truncated or
 * corrupt stream.
 */
export async function gunzip(file: string, bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<Uint8Array> {
  let chunks: Uint8Array[] = [];
  try {
    try {
      await inflate(file, bytes, chunks, { left: limit, limit });
    } catch (err) {
      if (err instanceof ImportFormatError) throw err;
      let starts: number[];
      try {
        starts = memberStarts(bytes);
      } catch {
        throw err;
      }
      if (starts.length < 2) throw err;
      chunks = [];
      const budget = { left: limit, limit };
      for (let i = 0; i < starts.length; i++) await inflate(file, bytes.subarray(starts[i], starts[i + 1] ?? bytes.length), chunks, budget);
    }
  } catch (err) {
    if (err instanceof ImportFormatError) throw err;
    throw new ImportFormatError(file, `truncated or invalid gzip file (${errorText(err)})`);
  }
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * UTF-16 without a byte-order mark: text that is mostly ASCII has a zero in every other byte
 * (odd positions for little-endian). Decided on the first 4 KiB.
 */
function unmarkedUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return null;
}

function encodingOf(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: unmarkedUtf16(bytes) ?? 'utf-8', bom: 0 };
}

/**
 * The text of a file: UTF-8 (a BOM dropped) or UTF-16 of either byte order. Invalid UTF-8
 * bytes become U+FFFD, as every editor shows them; a file with NUL bytes that is not UTF-16
 * is binary and refused.
 */
export function decodeFileText(file: string, bytes: Uint8Array): string {
  const { encoding, bom } = encodingOf(bytes);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom));
  if (encoding === 'utf-8' && text.includes('\u0000')) {
    throw new ImportFormatError(file, 'not a text file (it holds NUL bytes): expected UTF-8 or UTF-16 JSONL, gzip, parquet or a project file');
  }
  return text;
}
