import 'katex/dist/katex.min.css';
import { RenderBoundary } from '../common/RenderBoundary';
import { ProgressiveMarkdown } from './ProgressiveMarkdown';
import './markdown.css';

/**
 * Markdown + math from the data, rendered by `renderMarkdown` (raw HTML escaped, never
 * injected), long texts progressively, and inside a boundary: if rendering it throws, this
 * piece shows its raw text and nothing else on the page is affected.
 */
export function Markdown({ text, className, label }: { text: string; className?: string; label?: string }) {
  return (
    <RenderBoundary raw={text} label={label}>
      <ProgressiveMarkdown text={text} className={className ? `markdown ${className}` : 'markdown'} />
    </RenderBoundary>
  );
}
