import MarkdownIt from 'markdown-it';
import { boundedMemo } from '../common/boundedMemo';
import { mathPlugin } from './mathPlugin';
import { MAX_MATH_PER_RENDER } from './mathLimits';
import { newMathEnv, renderFormula, type MathEnv } from './renderMath';

/**
 * Markdown + LaTeX to HTML for problems and reasoning prose. Safe for untrusted data:
 * markdown-it with `html: false` escapes every raw tag, and formulas go through renderMath
 * (limits, KaTeX with `trust: false`, failures shown as source). It never throws: whatever
 * fails shows the text itself, escaped.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

mathPlugin(md, renderFormula);

/** The text as it is, escaped, with a note: what a piece shows when rendering it failed. */
export function rawTextHtml(text: string, note: string): string {
  return `<div class="render-fallback" data-testid="render-fallback"><p class="render-fallback__note" role="note">${md.utils.escapeHtml(note)}</p><pre class="render-fallback__text">${md.utils.escapeHtml(text)}</pre></div>`;
}

function render(text: string): string {
  const env: MathEnv = newMathEnv();
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
