/**
 * Parse a model response into segments. Total and lossless: every string parses, and
 * `renderTrace(parseTrace(s)) === s` byte for byte (see DESIGN.md §2).
 *
 * Rules, in the order the scanner applies them line by line:
 * - A line that is an opening fence with a Python info string (```python, ```py,
 *   ```python3, ...) opens a 'code' segment; ```output opens an 'output' segment. The block
 *   runs through the next closing fence line (only backticks, at least as many as the
 *   opener, trailing blanks/`\r` allowed) including that line's newline. With no closing
 *   fence the block runs to the end of the text (`closed: false`). Inside a block nothing
 *   else is recognised — a ```output line inside an unclosed code block is code.
 * - Fences with any other info string (```text, ```latex) or none (a bare ```) stay prose,
 *   line by line: they do not open a region. Models write stray ``` lines often enough that
 *   letting one swallow the following code blocks would be worse than mis-reading a rare
 *   ```python nested inside a ```markdown block.
 * - The first `</think>` outside code/output blocks (anywhere in a line) becomes a
 *   'think-end' segment of exactly its 8 characters. Prose after it is 'answer'; code and
 *   output blocks after it stay code and output. Later `</think>`s remain inside the answer
 *   text (see `countThinkEnds`).
 * - Text between blocks is one segment per gap; no segment has empty text.
 */
import type { Origin, RawSegment, Segment, SegmentKind, Trace } from './types';
import { isClosingFence, parseOpeningFence } from './fence';
import type { TraceSyntax } from './syntax';
import { scanInlineFence, scanTagged } from './scanTagged';

export const THINK_END = '</think>';

/** Index of the first character after the line starting at `pos` (past its `\n`, if any). */
function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

/** The line starting at `pos` without its `\n` (a `\r` before it is kept). */
function lineContentAt(text: string, pos: number, end: number): string {
  return text.slice(pos, end > pos && text[end - 1] === '\n' ? end - 1 : end);
}

/** Split `text` into segment kinds and texts (no ids yet). */
export function scanSegments(text: string): RawSegment[] {
  const out: RawSegment[] = [];
  let pos = 0;
  let textStart = 0; // start of the pending prose/answer run
  let afterThink = false;

  const flushText = (end: number) => {
    if (end > textStart) out.push({ kind: afterThink ? 'answer' : 'prose', text: text.slice(textStart, end) });
  };

  while (pos < text.length) {
    const lineEnd = lineEndAt(text, pos);
    const line = lineContentAt(text, pos, lineEnd);
    const fence = parseOpeningFence(line);

    if (fence && fence.role !== 'other') {
      flushText(pos);
      let end = text.length;
      let closed = false;
      for (let p = lineEnd; p < text.length; ) {
        const e = lineEndAt(text, p);
        if (isClosingFence(lineContentAt(text, p, e), fence.ticks)) {
          end = e;
          closed = true;
          break;
        }
        p = e;
      }
      const kind: SegmentKind = fence.role === 'code' ? 'code' : 'output';
      out.push({ kind, text: text.slice(pos, end), lang: fence.lang, closed });
      pos = textStart = end;
      continue;
    }

    if (!afterThink) {
      const k = line.indexOf(THINK_END);
      if (k >= 0) {
        flushText(pos + k);
        out.push({ kind: 'think-end', text: THINK_END });
        afterThink = true;
        textStart = pos + k + THINK_END.length;
      }
    }
    pos = lineEnd;
  }
  flushText(text.length);
  return out;
}

/**
 * Raw segments of `text` under a trace profile's syntax. Without one (or with the fenced
 * syntax) this is exactly `scanSegments`: CoRT's behaviour does not depend on profiles.
 */
export function scanWithSyntax(text: string, syntax?: TraceSyntax): RawSegment[] {
  if (!syntax || syntax.kind === 'fenced') return scanSegments(text);
  return syntax.kind === 'tagged' ? scanTagged(text, syntax) : scanInlineFence(text, syntax);
}

/** Parse a response into a trace with deterministic ids `s0`, `s1`, ... (CoRT's syntax unless one is given). */
export function parseTrace(text: string, origin: Origin = 'imported', syntax?: TraceSyntax): Trace {
  return {
    segments: scanWithSyntax(text, syntax).map((raw, i) => withIdentity(raw, `s${i}`, origin)),
  };
}

export function withIdentity(raw: RawSegment, id: string, origin: Origin): Segment {
  const seg: Segment = { id, kind: raw.kind, text: raw.text, origin };
  if (raw.lang !== undefined) seg.lang = raw.lang;
  if (raw.closed !== undefined) seg.closed = raw.closed;
  return seg;
}
