import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { boundedMemo } from '../../store/library/boundedMemo';
import { mathPlugin } from './mathPlugin';

/**
 * Markdown + LaTeX to HTML for problems and reasoning prose. Safe for untrusted data:
 * markdown-it with `html: false` escapes every raw tag, and KaTeX with `trust: false`
 * refuses \href, \url, \includegraphics and friends.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
}

mathPlugin(md, renderMath);

// Virtualized trace rows mount and unmount while scrolling; caching keeps that cheap.
export const renderMarkdown: (text: string) => string = boundedMemo((text: string) => md.render(text), 3000);
