/**
 * Cutting a long text into pieces that each render within a frame budget. markdown-it is
 * fast; KaTeX is not (~60 µs per formula character here), so a piece is bounded both by its
 * length and by the formula characters it holds. Pieces are whole top-level blocks as
 * markdown-it's own block parser finds them, so they render exactly as the whole text would;
 * only a block too big for one piece (a megabyte paragraph) is cut inside, at a line start or
 * a space outside formulas and code spans. Texts within the limits stay one piece.
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

/**
 * Formula characters in `text` between `from` and `to`, and where a cut may fall (after a
 * space or line break, outside formulas and code spans), walking as markdown-it's inline
 * rules would: math first (mathPlugin's delimiters and rules), then escapes, then code spans.
 */
function scanInline(text: string, from: number, to: number, onCutPoint?: (at: number, mathSoFar: number) => void): number {
  let math = 0;
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === '$' || (ch === '\\' && (text[i + 1] === '(' || text[i + 1] === '['))) {
      const end = mathEndAt(text, i, to);
      if (end !== -1) {
        math += end.length <= MAX_FORMULA_LENGTH ? end.length : 0;
        i = end.next;
        continue;
      }
      i++;
    } else if (ch === '\\') {
      i += 2;
    } else if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = text.indexOf('`'.repeat(run), i + run);
      i = close !== -1 && close < to ? close + run : i + run;
    } else {
      i++;
      if (ch === ' ' || ch === '\n') onCutPoint?.(i, math);
    }
  }
  return math;
}

/** The formula opening at `i` (its length and the offset after it), or -1 where markdown-it sees none. */
function mathEndAt(text: string, i: number, to: number): { length: number; next: number } | -1 {
  for (const d of INLINE_DELIMITERS) {
    if (!text.startsWith(d.open, i)) continue;
    const start = i + d.open.length;
    const end = findClose(text, d.close, start, to);
    if (end === -1 || end === start) continue;
    if (d.open === '$' && !isPlausibleDollarMath(text, start, end)) return -1;
    return { length: end - start, next: end + d.close.length };
  }
  return -1;
}

/** The text's top-level blocks as markdown-it parses them, covering it whole (blank lines go with the block before). */
function topLevelBlocks(text: string): Block[] {
  const tokens: Token[] = [];
  // markdown-it reads \r\n as one break after normalising; a space in place of \r keeps the
  // offsets and still lets "\r\n\r\n" end a paragraph.
  md.block.parse(text.replaceAll('\r', ' '), md, {}, tokens);
  const lines = lineOffsets(text);
  const blocks: Block[] = [];
  for (const token of tokens) {
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const start = blocks.length === 0 ? 0 : lines[token.map[0]];
    if (blocks.length) blocks[blocks.length - 1].end = start;
    const prose = token.type !== 'fence' && token.type !== 'code_block' && token.type !== 'math_display';
    blocks.push({ start, end: text.length, math: 0, prose });
    const block = blocks[blocks.length - 1];
    const end = lines[token.map[1]] ?? text.length;
    if (token.type === 'math_display') block.math = token.content.length <= MAX_FORMULA_LENGTH ? token.content.length : 0;
    else if (prose) block.math = scanInline(text, lines[token.map[0]], end);
  }
  if (blocks.length === 0) blocks.push({ start: 0, end: text.length, math: 0, prose: false });
  return blocks;
}

/** Cuts one block too big for a piece at spaces and line breaks, each piece within the limits where a cut point allows. */
function cutBlock(text: string, block: Block, limits: ChunkLimits): number[] {
  const cuts: number[] = [];
  let start = block.start;
  let mathAtStart = 0;
  let lastCut = -1;
  let mathAtLastCut = 0;
  scanInline(text, block.start, block.end, (at, math) => {
    const over = at - start > limits.chars || math - mathAtStart > limits.math;
    if (over && lastCut > start) {
      cuts.push(lastCut);
      start = lastCut;
      mathAtStart = mathAtLastCut;
    }
    lastCut = at;
    mathAtLastCut = math;
  });
  // A run with no space or line break (a megabyte "word") is cut where it must be.
  const bounded: number[] = [];
  let from = block.start;
  for (const at of [...cuts, block.end]) {
    for (let hard = from + limits.chars * 2; hard < at; hard += limits.chars * 2) bounded.push(hard);
    if (at < block.end) bounded.push(at);
    from = at;
  }
  return bounded;
}

export function chunkMarkdown(text: string, limits: ChunkLimits = CHUNK_LIMITS): MarkdownChunk[] {
  // Nearly every text: too short to hold more math than a piece may.
  if (text.length <= limits.math) return [{ start: 0, end: text.length, text }];
  const cuts: number[] = [];
  const insideBlock = new Set<number>();
  let chars = 0;
  let math = 0;
  for (const block of topLevelBlocks(text)) {
    const length = block.end - block.start;
    if (chars + length > limits.chars || math + block.math > limits.math) {
      if (chars > 0) cuts.push(block.start);
      chars = 0;
      math = 0;
      if (block.prose && (length > limits.chars || block.math > limits.math)) {
        const inner = cutBlock(text, block, limits);
        cuts.push(...inner);
        for (const at of inner) insideBlock.add(at);
        // The block's last piece starts the next chunk: later blocks may join it.
        const lastStart = inner.length ? inner[inner.length - 1] : block.start;
        chars = block.end - lastStart;
        math = scanInline(text, lastStart, block.end);
        continue;
      }
    }
    chars += length;
    math += block.math;
  }
  const bounds = [0, ...cuts, text.length];
  const chunks: MarkdownChunk[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (bounds[i + 1] <= bounds[i] && chunks.length > 0) continue;
    const chunk: MarkdownChunk = { start: bounds[i], end: bounds[i + 1], text: text.slice(bounds[i], bounds[i + 1]) };
    if (insideBlock.has(chunk.end)) chunk.joinsNext = true;
    chunks.push(chunk);
  }
  return chunks;
}
