import 'katex/dist/katex.min.css';
import { RenderBoundary } from '../common/RenderBoundary';
import type { MarkdownChunk } from './chunks';
import { ProgressiveMarkdown } from './ProgressiveMarkdown';
import { renderExcerptMarkdown } from './renderMarkdown';
import './markdown.css';

/**
 * Markdown + math from the data, rendered by `renderMarkdown` (raw HTML escaped, never
 * injected), long texts progressively, and inside a boundary: if rendering it throws, this
 * piece shows its raw text and nothing else on the page is affected.
 */
export function Markdown({ text, className, label, excerpt }: { text: string; className?: string; label?: string; excerpt?: boolean }) {
  return (
    <RenderBoundary raw={text} label={label}>
      <ProgressiveMarkdown text={text} className={className ? `markdown ${className}` : 'markdown'} renderChunk={excerpt ? renderExcerptChunk : undefined} />
    </RenderBoundary>
  );
}

/** An excerpt (`excerpt`): formulas set inline and no taller than a line (renderMath.ts). */
const renderExcerptChunk = (chunk: MarkdownChunk) => renderExcerptMarkdown(chunk.text);
