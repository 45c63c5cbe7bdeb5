/**
 * CoRT's view of a text (infer/parser.py, `extract_programs_and_outputs`): which code blocks
 * it sees and which output block it pairs with each. This is not the studio's trace parser —
 * CoRT recognises fewer fences (only a line whose strip() is exactly ```` ```python ````) and
 * more indentation (any) — so the two can disagree, and the profile reports where they do.
 *
 * - Lines are `text.split("\n")`. A line whose Python `strip()` is ```` ```python ```` opens
 *   a block; the next line whose `strip()` is ```` ``` ```` closes it. Unclosed blocks and
 *   blocks with only whitespace are skipped.
 * - A block is dedented: `splitlines()` (which also splits on `\r`, `\v`, `\f`, `\x1c`–`\x1e`,
 *   `\x85`, U+2028/9 and drops a trailing break), the common indentation of non-blank lines
 *   removed, joined with `\n`.
 * - Its output is the first ```` ```output ```` block (by `strip()`) before the next
 *   ```` ```python ```` line; an output block with no closing line pairs with nothing. A
 *   paired output block is skipped over: scanning resumes after it.
 */
import { isPythonSpace, pythonLstrip, pythonSplitlines, pythonStrip } from './python-text';

export const CORT_OPEN = '```python';
export const CORT_CLOSE = '```';
export const CORT_OUTPUT = '```output';

export interface CortBlock {
  /** The code as CoRT runs it: dedented, no trailing line break. */
  code: string;
  /** The lines between the fences, each with its `\n`, before dedenting. */
  raw: string;
  /** Offset of the opening fence line in the scanned text. */
  start: number;
  /** Offset just past the closing fence line (its `\n` included when there is one). */
  end: number;
  /** The paired output's lines, each with its `\n` ('' when there is none). */
  output: string;
  hasOutput: boolean;
  /** Offset of the paired ```output line. */
  outputStart?: number;
  /** Offset just past the paired output's closing line. */
  outputEnd?: number;
}

/** CoRT's dedent: the common indentation (Python whitespace) of non-blank lines removed. */
export function cortDedent(code: string): string {
  if (!code) return code;
  const lines = pythonSplitlines(code);
  let cut = Infinity;
  for (const line of lines) {
    const rest = pythonLstrip(line);
    if (rest) cut = Math.min(cut, line.length - rest.length);
  }
  if (cut === Infinity) return code;
  // The cut is made of whitespace, all in the BMP: UTF-16 offsets equal Python's code points here.
  return lines.map((line) => (pythonStrip(line) ? line.slice(cut) : line)).join('\n');
}

/** Every block CoRT sees in `text`, in order, with its paired output. */
export function cortBlocks(text: string): CortBlock[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const startOf = (i: number) => (i < lines.length ? starts[i]! : text.length);
  const is = (i: number, fence: string) => stripEquals(lines[i]!, fence);

  /** The lines from `from` to the next closing fence: their text, the line after the fence, whether one closed them. */
  const body = (from: number): { text: string; next: number; closed: boolean } => {
    let text = '';
    for (let k = from; k < lines.length; k++) {
      if (is(k, CORT_CLOSE)) return { text, next: k + 1, closed: true };
      text += lines[k] + '\n';
    }
    return { text, next: lines.length, closed: false };
  };

  const found: CortBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && !is(i, CORT_OPEN)) i++;
    if (i >= lines.length) break;
    const opened = i;
    const code = body(opened + 1);
    i = code.next;
    if (!code.closed || !pythonStrip(code.text)) continue;
    const raw = code.text;
    const block: CortBlock = { code: cortDedent(raw), raw, start: starts[opened]!, end: startOf(i), output: '', hasOutput: false };
    for (let j = i; j < lines.length; j++) {
      if (is(j, CORT_OUTPUT)) {
        const output = body(j + 1);
        if (output.closed) {
          Object.assign(block, { output: output.text, hasOutput: true, outputStart: starts[j]!, outputEnd: startOf(output.next) });
          i = output.next;
        }
        // An unclosed output block runs to the end of the text: nothing after it pairs.
        break;
      } else if (is(j, CORT_OPEN)) {
        break;
      }
    }
    found.push(block);
  }
  return found;
}

/** `line.strip() == fence` without building the stripped string for ordinary lines. */
function stripEquals(line: string, fence: string): boolean {
  if (line.length < fence.length) return false;
  const k = line.indexOf(fence);
  if (k < 0) return false;
  for (let p = 0; p < k; p++) if (!isPythonSpace(line[p]!)) return false;
  for (let p = k + fence.length; p < line.length; p++) if (!isPythonSpace(line[p]!)) return false;
  return true;
}
