/**
 * Scanners for the non-CoRT syntaxes (see syntax.ts). Like CoRT's scanner they are total and
 * lossless: every string scans, the raw segment texts concatenate to the input, and no
 * segment is empty.
 */
import type { RawSegment, SegmentKind } from './types';
import type { InlineFenceSyntax, TagBlock, TaggedSyntax } from './syntax';

/** Collects raw segments; prose before the boundary, answer after it. */
class SegmentSink {
  readonly out: RawSegment[] = [];
  textStart = 0;
  afterBoundary = false;

  constructor(private readonly text: string) {}

  flush(end: number): void {
    if (end > this.textStart) this.out.push({ kind: this.afterBoundary ? 'answer' : 'prose', text: this.text.slice(this.textStart, end) });
    this.textStart = end;
  }

  block(kind: SegmentKind, start: number, end: number, closed: boolean, lang?: string): void {
    this.flush(start);
    const raw: RawSegment = { kind, text: this.text.slice(start, end), closed };
    if (lang !== undefined) raw.lang = lang;
    this.out.push(raw);
    this.textStart = end;
  }

  boundary(at: number, token: string): void {
    this.flush(at);
    this.out.push({ kind: 'think-end', text: token });
    this.afterBoundary = true;
    this.textStart = at + token.length;
  }
}

function leadStart(text: string, at: number, floor: number, lead: readonly string[] = []): number {
  for (const glue of lead) if (at - glue.length >= floor && text.startsWith(glue, at - glue.length)) return at - glue.length;
  return at;
}

function trailEnd(text: string, at: number, trail: readonly string[] = []): number {
  for (const glue of trail) if (text.startsWith(glue, at)) return at + glue.length;
  return at;
}

/**
 * The next occurrence of `needle` at or after a position, remembering the last answer so a
 * marker that is far away (or absent) is not searched for again on every block: the scan
 * stays linear in the text, whatever a dataset holds.
 */
function finder(text: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || (found >= from && found !== -2)) return found;
    found = text.indexOf(needle, from);
    return found;
  };
}

/** Tags anywhere in the text; inside a block nothing else is recognised; an unclosed block runs to the end. */
export function scanTagged(text: string, syntax: TaggedSyntax): RawSegment[] {
  const sink = new SegmentSink(text);
  const blocks: [SegmentKind, TagBlock, (from: number) => number][] = [
    ['code', syntax.code, finder(text, syntax.code.open)],
    ['output', syntax.output, finder(text, syntax.output.open)],
  ];
  const nextBoundary = syntax.boundary ? finder(text, syntax.boundary) : () => -1;
  let pos = 0;
  while (pos < text.length) {
    let best: { at: number; kind: SegmentKind | 'think-end'; block?: TagBlock } | null = null;
    for (const [kind, block, next] of blocks) {
      const at = next(pos);
      if (at >= 0 && (best === null || at < best.at)) best = { at, kind, block };
    }
    if (!sink.afterBoundary && syntax.boundary) {
      const at = nextBoundary(pos);
      if (at >= 0 && (best === null || at < best.at)) best = { at, kind: 'think-end' };
    }
    if (best === null) break;
    if (best.kind === 'think-end') {
      sink.boundary(best.at, syntax.boundary!);
      pos = best.at + syntax.boundary!.length;
      continue;
    }
    const block = best.block!;
    const start = leadStart(text, best.at, sink.textStart, block.lead);
    const closeAt = text.indexOf(block.close, best.at + block.open.length);
    const closed = closeAt >= 0;
    const end = closed ? trailEnd(text, closeAt + block.close.length, block.trail) : text.length;
    sink.block(best.kind, start, end, closed);
    pos = end;
  }
  sink.flush(text.length);
  return sink.out;
}

/**
 * SimpleTIR's code regex r"```(?:py|python)?\n(.*?)\n```" (recipe/simpletir/agent_utils.py),
 * matched without the regex: an opener, then the first "\n```" after it. When an opener has no
 * closing after it no later one has either, so the search stays linear (a lazy regex would
 * rescan the rest of the text from every unclosed opener).
 */
const INLINE_OPEN = /```(py|python)?\n/g;

interface InlineBlock {
  start: number;
  end: number;
  lang: string;
  closed: boolean;
}

function nextInlineBlock(text: string, from: number, closing: (from: number) => number): InlineBlock | null {
  INLINE_OPEN.lastIndex = from;
  const open = INLINE_OPEN.exec(text);
  if (!open) return null;
  const close = closing(open.index + open[0].length);
  if (close >= 0) return { start: open.index, end: close + 4, lang: open[1] ?? '', closed: true };
  // No closed block left: an opened Python block (a Hint-1 opener, a cut-off generation) runs to the end.
  for (let m: RegExpExecArray | null = open; m; m = INLINE_OPEN.exec(text)) {
    if (m[1]) return { start: m.index, end: text.length, lang: m[1], closed: false };
  }
  return null;
}
/** A line that is an exception report: the last line of a traceback, as SimpleTIR keeps it. */
const ERROR_LINE = /^(?:[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit|Warning)|Traceback)\b/;

/**
 * Where an inline-fence output block ends. SimpleTIR appends "\nCode execution result: " +
 * result + "\n" and the model continues right after, so the text alone cannot always say
 * where the result stops. The rule: an error result is one line (SimpleTIR keeps the last
 * stderr line), so it ends after that line; printed stdout ends with print's "\n", so the
 * block ends after the first blank line; in every case before the next code block.
 */
function inlineOutputEnd(text: string, bodyStart: number, closing: (from: number) => number): number {
  const nextCode = nextInlineBlock(text, bodyStart, closing);
  const limit = nextCode?.closed ? nextCode.start : text.length;
  const firstNl = text.indexOf('\n', bodyStart);
  const firstLine = text.slice(bodyStart, firstNl < 0 ? text.length : firstNl);
  let end: number;
  if (ERROR_LINE.test(firstLine)) end = firstNl < 0 ? text.length : firstNl + 1;
  else {
    const blank = text.indexOf('\n\n', bodyStart);
    end = blank < 0 ? text.length : blank + 2;
  }
  return Math.max(Math.min(end, limit), bodyStart);
}

export function scanInlineFence(text: string, syntax: InlineFenceSyntax): RawSegment[] {
  const sink = new SegmentSink(text);
  let pos = 0;
  const boundaryAt = (from: number, to: number): number => {
    if (sink.afterBoundary || !syntax.boundary) return -1;
    const at = text.indexOf(syntax.boundary, from);
    return at >= 0 && at + syntax.boundary.length <= to ? at : -1;
  };
  const closing = finder(text, '\n```');
  while (pos < text.length) {
    const block = nextInlineBlock(text, pos, closing);
    const codeStart = block ? block.start : -1;
    const limit = codeStart < 0 ? text.length : codeStart;
    const b = boundaryAt(pos, limit);
    if (b >= 0) {
      sink.boundary(b, syntax.boundary!);
      pos = b + syntax.boundary!.length;
      continue;
    }
    if (!block) break;
    sink.block('code', block.start, block.end, block.closed, block.lang);
    pos = block.end;
    if (block.closed && text.startsWith(syntax.outputStart, pos)) {
      const end = inlineOutputEnd(text, pos + syntax.outputStart.length, closing);
      sink.block('output', pos, end, true);
      pos = end;
    }
  }
  sink.flush(text.length);
  return sink.out;
}
