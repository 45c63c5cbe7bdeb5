/**
 * Cutting a long text into pieces that each render within a frame budget. markdown-it is
 * fast; KaTeX is not (~60 µs per formula character here), so a piece is bounded both by its
 * length and by the formula characters it holds. Pieces are whole top-level blocks as
 * markdown-it's own block parser finds them, so they render exactly as the whole text would;
 * only a block too big for one piece (a megabyte paragraph) is cut inside, at a space or line
 * break outside formulas and code spans. Texts within the limits stay one piece. Pieces are
 * found as they are asked for, so the first costs no more than its own part of the text.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { md } from './markdownIt';
import { MAX_FORMULA_LENGTH } from './mathLimits';
import { findClose, INLINE_DELIMITERS, isPlausibleDollarMath } from './mathPlugin';

export interface MarkdownChunk {
  /** Offsets in the whole text: `text.slice(start, end)` is the chunk. */
  start: number;
  end: number;
  text: string;
  /** The next chunk continues the same block (a paragraph too big for one piece was cut here). */
  joinsNext?: boolean;
}

export interface ChunkLimits {
  /** Characters per piece. */
  chars: number;
  /** Formula characters per piece (what KaTeX will render). */
  math: number;
}

export const CHUNK_LIMITS: ChunkLimits = { chars: 16_000, math: 1_200 };

interface Block {
  start: number;
  end: number;
  /** Formula characters KaTeX will render in it. */
  math: number;
  /** Whether it may be cut inside (prose); code and display math stay whole. */
  prose: boolean;
}

/** Offset of the start of every line of `text`, for markdown-it's line maps. */
function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) offsets.push(at + 1);
  return offsets;
}

const INLINE_SPECIAL = /[$\\`]/g;

/**
 * Formula characters in `text` between `from` and `to`, walking as markdown-it's inline rules
 * would: math first (mathPlugin's delimiters and rules), then escapes, then code spans.
 * `onSpan` hears of every formula and code span, where no cut may fall; true stops the walk.
 * Only spans starting before `scanTo` are looked at. `owner` keeps findClose's searches (one
 * per walk that only moves forward).
 */
function scanInline(
  owner: object,
  text: string,
  from: number,
  to: number,
  onSpan?: (start: number, end: number, math: number) => boolean,
  scanTo = to,
): number {
  let math = 0;
  // Searched in the block alone (up to scanTo: spans starting there may still end by `to`):
  // on the whole text each search for a character that is not there would run to its end.
  const region = text.slice(from, scanTo);
  const special = new RegExp(INLINE_SPECIAL);
  for (let m = special.exec(region); m; m = special.exec(region)) {
    const i = from + m.index;
    const ch = text[i];
    let end = i + 1;
    let spanMath = -1;
    if (ch === '$' || (ch === '\\' && (text[i + 1] === '(' || text[i + 1] === '['))) {
      const formula = mathEndAt(owner, text, i, to);
      if (formula !== -1) {
        spanMath = formula.length <= MAX_FORMULA_LENGTH ? formula.length : 0;
        end = formula.next;
      }
    } else if (ch === '\\') {
      end = i + 2;
    } else {
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = text.indexOf('`'.repeat(run), i + run);
      if (close !== -1 && close < to) {
        spanMath = 0;
        end = close + run;
      } else end = i + run;
    }
    if (spanMath >= 0) {
      if (onSpan?.(i, end, spanMath)) break;
      math += spanMath;
    }
    special.lastIndex = end - from;
  }
  return math;
}

/** The formula opening at `i` (its length and the offset after it), or -1 where markdown-it sees none. */
function mathEndAt(owner: object, text: string, i: number, to: number): { length: number; next: number } | -1 {
  for (const d of INLINE_DELIMITERS) {
    if (!text.startsWith(d.open, i)) continue;
    const start = i + d.open.length;
    const end = findClose(owner, text, d.close, start, to);
    if (end === -1 || end === start) continue;
    if (d.open === '$' && !isPlausibleDollarMath(text, start, end)) return -1;
    return { length: end - start, next: end + d.close.length };
  }
  return -1;
}

/** Text parsed per window: a window ends at a line start, this far past where it starts (doubling while one block fills it). */
const FIRST_WINDOW = 2;
/** Past this many pieces' worth, a prose block still unfinished is cut where the window ends. */
const MAX_WINDOW = 16;

const isProse = (token: Token) => token.type !== 'fence' && token.type !== 'code_block' && token.type !== 'math_display';

/**
 * A long text's pieces, worked out as they are asked for: `chunkFrom(0)` parses only the
 * start of a megabyte text, so the first piece shows before the rest is even parsed.
 * Top-level blocks come from markdown-it's block parser run over a window of the text; all
 * but the window's last block are final (what follows a block cannot change it), the last
 * is parsed again with the next window.
 */
export class MarkdownChunker {
  private readonly blocks: Block[] = [];
  /** findClose's memory for the blocks' formulas and for the cuts: each walk moves forward. */
  private readonly blockSearches = {};
  private readonly cutSearches = {};
  /** Where the next window starts (the start of the first block not yet final). */
  private parsedTo = 0;
  private window: number;

  constructor(
    readonly text: string,
    readonly limits: ChunkLimits = CHUNK_LIMITS,
  ) {
    this.window = limits.chars * FIRST_WINDOW;
  }

  /** The piece that starts at `start` (0, or the end of a piece this chunker gave). */
  chunkFrom(start: number): MarkdownChunk | null {
    const { text, limits } = this;
    if (start >= text.length) return start === 0 ? { start: 0, end: 0, text: '' } : null;
    // Nearly every text: too short to hold more math than a piece may.
    if (text.length <= limits.math) return { start: 0, end: text.length, text };
    let block = this.blocks[this.blockAt(start)];
    let end: number;
    let joinsNext = false;
    if (start > block.start || this.tooBig(block)) {
      end = this.cutInside(block, start);
      joinsNext = end < block.end;
    } else {
      // Whole blocks while they fit; the first always (a code block longer than a piece stays whole).
      let chars = 0;
      let math = 0;
      end = start;
      while (end === start || (!this.tooBig(block) && chars + (block.end - block.start) <= limits.chars && math + block.math <= limits.math)) {
        chars += block.end - block.start;
        math += block.math;
        end = block.end;
        if (end >= text.length) break;
        block = this.blocks[this.blockAt(end)];
      }
    }
    const chunk: MarkdownChunk = { start, end, text: text.slice(start, end) };
    if (joinsNext) chunk.joinsNext = true;
    return chunk;
  }

  private tooBig(block: Block): boolean {
    return block.prose && (block.end - block.start > this.limits.chars || block.math > this.limits.math);
  }

  /** Index of the block holding `offset`, parsing further windows as needed. */
  private blockAt(offset: number): number {
    while (this.parsedTo <= offset && this.parsedTo < this.text.length) this.parseWindow();
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private parseWindow(): void {
    const { text } = this;
    const from = this.parsedTo;
    const lineEnd = text.indexOf('\n', Math.min(text.length, from + this.window));
    const to = lineEnd === -1 ? text.length : lineEnd + 1;
    const slice = text.slice(from, to);
    const tokens: Token[] = [];
    // markdown-it reads \r\n as one break after normalising; a space in place of \r keeps the
    // offsets and still lets "\r\n\r\n" end a paragraph.
    md.block.parse(slice.replaceAll('\r', ' '), md, {}, tokens);
    const lines = lineOffsets(slice);
    const found = tokens.filter((t) => t.level === 0 && t.nesting !== -1 && t.map);
    const last = to === text.length;
    const final = last ? found : found.slice(0, -1);
    if (final.length === 0 && !last) {
      const only = found[0];
      if (this.window < this.limits.chars * MAX_WINDOW || (only && !isProse(only))) {
        this.window *= 2; // one block fills the window: read further (code and display math are never cut)
        return;
      }
      // A prose block of more than MAX_WINDOW pieces: its part in this window is taken as one block.
      this.pushBlock({ start: from, end: to, math: 0, prose: true });
      this.parsedTo = to;
      return;
    }
    final.forEach((token, i) => {
      const start = this.blocks.length === 0 ? 0 : from + lines[token.map![0]];
      const next = final[i + 1] ?? (last ? undefined : found[final.length]);
      const end = next ? from + lines[next.map![0]] : to;
      const block: Block = { start, end, math: 0, prose: isProse(token) };
      if (token.type === 'math_display') block.math = token.content.length <= MAX_FORMULA_LENGTH ? token.content.length : 0;
      // A prose block too long for one piece is cut anyway: its math is counted while cutting.
      else if (block.prose && end - start <= this.limits.chars) block.math = scanInline(this.blockSearches, text, start, end);
      this.pushBlock(block);
    });
    if (final.length === 0) this.pushBlock({ start: from, end: to, math: 0, prose: false }); // blank lines only
    this.parsedTo = this.blocks[this.blocks.length - 1].end;
    this.window = this.limits.chars * FIRST_WINDOW;
  }

  private pushBlock(block: Block): void {
    const previous = this.blocks[this.blocks.length - 1];
    if (previous) previous.end = block.start; // blank lines between blocks go with the one before
    this.blocks.push(block);
  }

  /** Where a piece starting at `start` inside a prose block ends: before the formula or code span that would overflow it, or at a space. */
  private cutInside(block: Block, start: number): number {
    const { text, limits } = this;
    let math = 0;
    let cut = -1;
    const onSpan = (spanStart: number, spanEnd: number, spanMath: number) => {
      if (spanStart > start && (spanEnd - start > limits.chars || math + spanMath > limits.math)) cut = cutPoint(text, start, spanStart);
      math += spanMath;
      return cut !== -1;
    };
    // Only this piece's stretch is walked: a span crossing its end has cut it before itself.
    scanInline(this.cutSearches, text, start, block.end, onSpan, Math.min(block.end, start + limits.chars));
    if (cut !== -1) return cut;
    return block.end - start > limits.chars ? cutPoint(text, start, start + limits.chars) : block.end;
  }
}

/** Where to end a piece that starts at `start` and may reach `limit`: after the last space or line break in its second half, else at `limit`. */
function cutPoint(text: string, start: number, limit: number): number {
  const half = Math.ceil(start + (limit - start) / 2);
  const secondHalf = text.slice(half, limit); // lastIndexOf on the whole text would scan back to its start
  const at = Math.max(secondHalf.lastIndexOf(' '), secondHalf.lastIndexOf('\n'));
  return at === -1 ? limit : half + at + 1;
}

/** Every piece of `text` at once (tests, and callers that want them all). */
export function chunkMarkdown(text: string, limits: ChunkLimits = CHUNK_LIMITS): MarkdownChunk[] {
  const chunker = new MarkdownChunker(text, limits);
  const chunks: MarkdownChunk[] = [];
  for (let chunk = chunker.chunkFrom(0); chunk; chunk = chunk.end < text.length ? chunker.chunkFrom(chunk.end) : null) chunks.push(chunk);
  return chunks;
}
