import katex from 'katex';
import { escapeHtml } from 'markdown-it/lib/common/utils.mjs';
import { formulaRefusal, KATEX_MAX_EXPAND, KATEX_MAX_SIZE, MAX_MATH_PER_RENDER } from './mathLimits';

/**
 * One formula from the data to HTML. KaTeX runs only on formulas within the limits of
 * mathLimits, with `trust: false` (no \href, \url, \includegraphics, \htmlStyle…) and its own
 * expansion and size limits; anything it still throws (a RangeError is not a ParseError, so
 * throwOnError does not cover it) is caught here. A formula that is not rendered shows its
 * source, escaped, with a short note saying why: one bad formula never takes its paragraph,
 * let alone the page, down with it.
 */

/** What one rendering call may still spend on math; carried in markdown-it's `env`. */
export interface MathEnv {
  mathBudget?: number;
  /** Set when the budget ran out and some formulas were shown as source. */
  mathSkipped?: number;
  /**
   * An excerpt on a line or two (a library row): display math is set inline, and a formula
   * taller than a line of text is scaled down to one, so a row of a fixed height holds it whole.
   */
  excerpt?: boolean;
}

export function newMathEnv(): MathEnv {
  return { mathBudget: MAX_MATH_PER_RENDER, mathSkipped: 0 };
}

const CLOSING: Record<string, string> = { $: '$', $$: '$$', '\\(': '\\)', '\\[': '\\]' };

/** The formula's source as the data wrote it, escaped, with a note when there is a reason to give. */
export function formulaSource(tex: string, delimiter: string, note?: string): string {
  const source = `<code class="math-source__text">${escapeHtml(delimiter + tex + (CLOSING[delimiter] ?? ''))}</code>`;
  const noteHtml = note ? `<span class="math-source__note" role="note">not rendered: ${escapeHtml(note)}</span>` : '';
  return `<span class="math-source" data-testid="math-source">${noteHtml}${source}</span>`;
}

function katexHtml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
    maxExpand: KATEX_MAX_EXPAND,
    maxSize: KATEX_MAX_SIZE,
  });
}

export function renderFormula(tex: string, displayMode: boolean, delimiter: string, env: MathEnv = {}): string {
  const refusal = formulaRefusal(tex);
  if (refusal) return formulaSource(tex, delimiter, refusal);
  if (env.mathBudget !== undefined) {
    if (env.mathBudget < tex.length) {
      env.mathSkipped = (env.mathSkipped ?? 0) + 1;
      return formulaSource(tex, delimiter);
    }
    env.mathBudget -= tex.length;
  }
  try {
    if (env.excerpt) return fitToLine(katexHtml(tex, false));
    return katexHtml(tex, displayMode);
  } catch (error) {
    return formulaSource(tex, delimiter, `KaTeX failed (${error instanceof Error ? error.name : 'error'})`);
  }
}

/**
 * How far a formula may reach above and below the baseline, in ems of the text, and still sit
 * within a line of 1.5 ems (the excerpt's line height). Past them it is scaled down to
 * FIT_HEIGHT_EM and centred on the line.
 */
const FIT_ASCENT_EM = 1.05;
const FIT_DEPTH_EM = 0.38;
const FIT_HEIGHT_EM = 1.36;
/** KaTeX sets each breakable piece's extent in a strut: its height is the piece's height plus depth, vertical-align minus the depth. */
const STRUT = /class="strut" style="height:([\d.]+)em;(?:vertical-align:(-?[\d.]+)em;)?/g;

/** KaTeX's HTML, wrapped to a smaller size when the formula is taller than a line of text. */
function fitToLine(html: string): string {
  let ascent = 0;
  let depth = 0;
  for (const [, height, align] of html.matchAll(STRUT)) {
    const d = align ? -Number(align) : 0;
    depth = Math.max(depth, d);
    ascent = Math.max(ascent, Number(height) - d);
  }
  if (ascent <= FIT_ASCENT_EM && depth <= FIT_DEPTH_EM) return html;
  const scale = Math.min(1, FIT_HEIGHT_EM / (ascent + depth));
  return `<span class="math-fit" style="font-size:${scale.toFixed(3)}em">${html}</span>`;
}
