import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { chunkMarkdown, type MarkdownChunk } from './chunks';
import { renderMarkdown } from './renderMarkdown';

/** Source characters rendered without asking; past them a "Show more" button renders the next stretch. */
export const AUTO_RENDER_CHARS = 200_000;

const renderChunkText = (chunk: MarkdownChunk) => renderMarkdown(chunk.text);

interface Deadline {
  timeRemaining(): number;
}
const idle: (run: (deadline: Deadline) => void) => number =
  typeof requestIdleCallback === 'function' ? (run) => requestIdleCallback(run, { timeout: 200 }) : (run) => window.setTimeout(() => run({ timeRemaining: () => 8 }), 16);
const cancelIdle = (id: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));

interface Props {
  text: string;
  className?: string;
  /** One piece to HTML; the default is renderMarkdown. A caller adding its own marks (cut slots) passes its renderer. */
  renderChunk?: (chunk: MarkdownChunk) => string;
}

/**
 * Markdown that never blocks the page for long: a text is cut into pieces that each render
 * within a frame budget (chunkMarkdown); the first shows at once, the rest follow in idle
 * time, and past AUTO_RENDER_CHARS the user asks for more. A text within the limits is one
 * piece, rendered as plain Markdown always was.
 */
export function ProgressiveMarkdown({ text, className, renderChunk = renderChunkText }: Props) {
  const chunks = useMemo(() => chunkMarkdown(text), [text]);
  if (chunks.length === 1) return <div className={className} dangerouslySetInnerHTML={{ __html: renderChunk(chunks[0]) }} />;
  return <ChunkedMarkdown key={text} chunks={chunks} className={className} renderChunk={renderChunk} />;
}

function ChunkedMarkdown({ chunks, className, renderChunk }: { chunks: MarkdownChunk[]; className?: string; renderChunk: (chunk: MarkdownChunk) => string }) {
  const [html, setHtml] = useState<string[]>(() => [renderChunk(chunks[0])]);
  const [until, setUntil] = useState(AUTO_RENDER_CHARS);
  const shown = html.length;
  const renderedEnd = chunks[shown - 1].end;
  const total = chunks[chunks.length - 1].end;
  const done = shown === chunks.length;
  const waiting = !done && renderedEnd >= until;

  useEffect(() => {
    if (done || waiting) return;
    // Pieces while the idle period lasts (at least one: a busy page still makes progress).
    // Each piece is sized to stay within a frame budget.
    const id = idle((deadline) => {
      const next: string[] = [];
      let end = renderedEnd;
      do {
        const chunk = chunks[shown + next.length];
        next.push(renderChunk(chunk));
        end = chunk.end;
      } while (shown + next.length < chunks.length && end < until && deadline.timeRemaining() > 10);
      setHtml((previous) => (previous.length === shown ? [...previous, ...next] : previous));
    });
    return () => cancelIdle(id);
  }, [chunks, shown, done, waiting, renderChunk, renderedEnd, until]);

  const showMore = (event: MouseEvent) => {
    event.stopPropagation();
    setUntil(renderedEnd + AUTO_RENDER_CHARS);
  };
  const left = (total - renderedEnd).toLocaleString('en');

  return (
    <div className={className} data-testid="progressive-markdown" data-pieces={chunks.length} data-shown={shown}>
      {html.map((pieceHtml, i) => (
        <div key={i} className={chunks[i].joinsNext ? 'markdown-chunk markdown-chunk--joins' : 'markdown-chunk'} dangerouslySetInnerHTML={{ __html: pieceHtml }} />
      ))}
      {waiting ? (
        <button type="button" className="btn markdown-more" data-testid="markdown-show-more" onClick={showMore} onDoubleClick={(e) => e.stopPropagation()}>
          Show more ({left} more characters)
        </button>
      ) : (
        !done && (
          <p className="markdown-pending" role="status">
            Rendering… {left} characters to go
          </p>
        )
      )}
    </div>
  );
}
