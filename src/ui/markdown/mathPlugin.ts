import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateInline } from 'markdown-it/index.mjs';

/**
 * markdown-it rules for the four math delimiters models write: `$...$`, `\(...\)` inline and
 * `$$...$$`, `\[...\]` display. Math is cut out before markdown sees it, so `_`, `*` and `\`
 * inside formulas never turn into emphasis or escapes. Rendering is left to `renderMath`.
 */

export interface Delimiter {
  open: string;
  close: string;
  display: boolean;
}

// Longest first, so `$$` wins over `$`.
export const INLINE_DELIMITERS: Delimiter[] = [
  { open: '$$', close: '$$', display: true },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '$', close: '$', display: false },
];

/** Index of `close` at or after `from` in `src`, skipping backslash-escaped characters; -1 when absent. */
export function scanClose(src: string, close: string, from: number): number {
  const escapes = close !== '\\]' && close !== '\\)';
  for (let i = from; i <= src.length - close.length; i++) {
    if (escapes && src[i] === '\\') {
      i++;
      continue;
    }
    if (src.startsWith(close, i)) return i;
  }
  return -1;
}

/**
 * The last search per closing delimiter, reused while it still answers the question. Without
 * it a paragraph of 100,000 unclosed `\(` scans to its end from each one: 42 s for 100 kB.
 * A search from `from` found `found` (or nothing): a later search from anywhere up to `found`
 * finds the same. `from` always follows an opening delimiter, never a backslash, so where a
 * scan starts cannot change which characters count as escaped. Searches are remembered per
 * `owner` (the parser state reading `src`, which never changes under it): comparing the
 * strings themselves would cost their length whenever two texts are equally long.
 */
type Searches = Map<string, { from: number; found: number }>;
const searchesOf = new WeakMap<object, Searches>();

export function findClose(owner: object, src: string, close: string, from: number, max: number): number {
  let searches = searchesOf.get(owner);
  if (!searches) searchesOf.set(owner, (searches = new Map()));
  const last = searches.get(close);
  let found: number;
  if (last && from >= last.from && (last.found === -1 || from <= last.found)) {
    found = last.found;
  } else {
    found = scanClose(src, close, from);
    searches.set(close, { from, found });
  }
  return found === -1 || found > max - close.length ? -1 : found;
}

/** Pandoc's rule for single dollars, so "costs $5 and $6" stays text. */
export function isPlausibleDollarMath(src: string, start: number, end: number): boolean {
  const first = src[start];
  const last = src[end - 1];
  const after = src[end + 1];
  return end > start && !/\s/.test(first) && !/\s/.test(last) && !(after && /\d/.test(after));
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  const ch = src[pos];
  if (ch !== '$' && ch !== '\\') return false;
  for (const d of INLINE_DELIMITERS) {
    if (!src.startsWith(d.open, pos)) continue;
    const start = pos + d.open.length;
    const end = findClose(state, src, d.close, start, posMax);
    if (end === -1 || end === start) continue;
    if (d.open === '$' && !isPlausibleDollarMath(src, start, end)) return false;
    if (!silent) {
      const token = state.push(d.display ? 'math_display' : 'math_inline', 'math', 0);
      token.content = src.slice(start, end);
      token.markup = d.open;
    }
    state.pos = end + d.close.length;
    return true;
  }
  return false;
}

/** `indexOf`, remembered per block parse like findClose: many lines opening `$$` with no close are one scan, not one each. */
const blockSearchesOf = new WeakMap<object, Searches>();

function findBlockClose(state: StateBlock, close: string, from: number): number {
  let searches = blockSearchesOf.get(state);
  if (!searches) blockSearchesOf.set(state, (searches = new Map()));
  const last = searches.get(close);
  if (last && from >= last.from && (last.found === -1 || from <= last.found)) return last.found;
  const found = state.src.indexOf(close, from);
  searches.set(close, { from, found });
  return found;
}

/** Display math that starts a line and may span lines (so its lines are never read as lists etc.). */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineStart = state.bMarks[startLine] + state.tShift[startLine];
  const delimiter = state.src.startsWith('$$', lineStart) ? '$$' : state.src.startsWith('\\[', lineStart) ? '\\[' : null;
  if (!delimiter) return false;
  const close = delimiter === '$$' ? '$$' : '\\]';

  const searchFrom = lineStart + delimiter.length;
  const limit = state.eMarks[endLine - 1] ?? state.src.length;
  const closeAt = findBlockClose(state, close, searchFrom);
  if (closeAt === -1 || closeAt > limit) return false;
  // The line holding the close: a binary search, since the close may be a megabyte of lines away.
  let lastLine = startLine;
  let hi = endLine;
  while (lastLine < hi) {
    const mid = (lastLine + hi) >> 1;
    if (state.eMarks[mid] < closeAt) lastLine = mid + 1;
    else hi = mid;
  }
  // Only a block when nothing but whitespace follows the closing delimiter on its line.
  const rest = state.src.slice(closeAt + close.length, state.eMarks[lastLine]);
  if (rest.trim() !== '') return false;
  if (silent) return true;

  const token = state.push('math_display', 'math', 0);
  token.block = true;
  token.content = state.src.slice(searchFrom, closeAt);
  token.markup = delimiter;
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

/** `delimiter` is the opening one as written (`$`, `$$`, `\\(`, `\\[`), for showing a formula's source; `env` is markdown-it's. */
export type RenderMath = (tex: string, displayMode: boolean, delimiter: string, env: object) => string;

export function mathPlugin(md: MarkdownIt, renderMath: RenderMath): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) => renderMath(tokens[idx].content, false, tokens[idx].markup, env);
  md.renderer.rules.math_display = (tokens, idx, _options, env) => {
    const html = renderMath(tokens[idx].content, true, tokens[idx].markup, env);
    return tokens[idx].block ? `<div class="math-display">${html}</div>\n` : html;
  };
}
