/**
 * Python's own string operations where CoRT's parser relies on them, so the TypeScript
 * program builder splits, strips and dedents exactly as CPython does (JS `trim` and `split`
 * differ: other whitespace, other line breaks).
 */
import { pythonStrip } from '../format';

export { pythonStrip };

/** Python's `str.isspace()` for one UTF-16 unit (every Python whitespace character is in the BMP). */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

export function isPythonSpace(ch: string): boolean {
  return PY_SPACE.test(ch);
}

/** Python's `str.lstrip()`. */
export function pythonLstrip(text: string): string {
  let start = 0;
  while (start < text.length && isPythonSpace(text[start]!)) start++;
  return text.slice(start);
}

/** Python's line boundaries for `str.splitlines()`; `\r\n` counts as one. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Python's `str.splitlines()` (no `keepends`): a final line break adds no empty line. */
export function pythonSplitlines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    lines.push(text.slice(at, m.index));
    at = m.index + m[0].length;
  }
  if (at < text.length) lines.push(text.slice(at));
  return lines;
}
