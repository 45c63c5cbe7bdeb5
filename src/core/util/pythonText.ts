/**
 * Python's own string operations where a project's code relies on them (CoRT's parser, each
 * harness's result formatting), so TypeScript splits, strips and dedents exactly as CPython
 * does (JS `trim` and `split` differ: other whitespace, other line breaks).
 */

/** Python's `str.isspace()` for one UTF-16 unit (every Python whitespace character is in the BMP). */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

export function isPythonSpace(ch: string): boolean {
  return PY_SPACE.test(ch);
}

/** Python's `str.strip()`. A scan, not a `\s+$` regex, which backtracks quadratically over long inner runs of blanks. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text[start]!)) start++;
  while (end > start && isPythonSpace(text[end - 1]!)) end--;
  return text.slice(start, end);
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

/** Python's `str.rstrip()`. */
export function pythonRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text[end - 1]!)) end--;
  return text.slice(0, end);
}
