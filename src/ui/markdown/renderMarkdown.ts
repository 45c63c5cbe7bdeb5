import { boundedMemo } from '../../store/library/boundedMemo';
import { fallbackText } from '../common/fallbackText';
import { md } from './markdownIt';
import { MAX_MATH_PER_RENDER } from './mathLimits';
import { newMathEnv, type MathEnv } from './renderMath';

/**
 * Markdown + LaTeX to HTML for problems and reasoning prose. Safe for untrusted data:
 * markdown-it with `html: false` escapes every raw tag, and formulas go through renderMath
 * (limits, KaTeX with `trust: false`, failures shown as source). It never throws: whatever
 * fails shows the text itself, escaped.
 */
/** The text as it is, escaped, with a note: what a piece shows when rendering it failed. */
export function rawTextHtml(text: string, note: string): string {
  const { shown, cut } = fallbackText(text);
  const escape = md.utils.escapeHtml;
  return `<div class="render-fallback" data-testid="render-fallback"><p class="render-fallback__note" role="note">${escape(note + cut)}</p><pre class="render-fallback__text">${escape(shown)}</pre></div>`;
}

function render(text: string, excerpt = false): string {
  const env: MathEnv = newMathEnv();
  env.excerpt = excerpt;
  try {
    const html = md.render(text, env);
    if (!env.mathSkipped) return html;
    return `${html}<p class="render-notice" role="note">${env.mathSkipped} more formulas shown as source: this piece has more than ${MAX_MATH_PER_RENDER.toLocaleString('en')} characters of math.</p>`;
  } catch (error) {
    return rawTextHtml(text, `Could not render this text (${error instanceof Error ? error.name : 'error'}); showing it as written.`);
  }
}

// Virtualized trace rows mount and unmount while scrolling; caching keeps that cheap.
export const renderMarkdown: (text: string) => string = boundedMemo(render, 3000);

/**
 * An excerpt for a line or two (a library row): its math inline and no taller than a line
 * (renderMath `excerpt`). Remembered for a dozen screens of rows, not thousands: a reader
 * scrolling through a big library of distinct problems would otherwise keep megabytes of HTML.
 */
export const renderExcerptMarkdown: (text: string) => string = boundedMemo((text: string) => render(text, true), 400);
