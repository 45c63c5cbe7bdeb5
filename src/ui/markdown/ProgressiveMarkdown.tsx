import { useEffect, useState, type MouseEvent } from 'react';
import { cancelIdle, whenIdle } from '../common/idle';
import { MarkdownChunker, type MarkdownChunk } from './chunks';
import { renderMarkdown } from './renderMarkdown';

/** Source characters rendered without asking; past them a "Show more" button renders the next stretch. */
export const AUTO_RENDER_CHARS = 200_000;
/**
 * HTML added to the page per idle slice. Building the DOM costs the page ~80 ms per MB of
 * KaTeX's HTML here, outside the idle callback's own time; a piece's HTML comes from a cache
 * when its text repeats, so time alone would let one slice pile up megabytes.
 */
const HTML_PER_SLICE = 400_000;

const renderChunkText = (chunk: MarkdownChunk) => renderMarkdown(chunk.text);

interface Props {
  text: string;
  className?: string;
  /** One piece to HTML; the default is renderMarkdown. A caller adding its own marks (cut slots) passes its renderer. */
  renderChunk?: (chunk: MarkdownChunk) => string;
}

/**
 * Markdown that never blocks the page for long: a text is cut into pieces that each render
 * within a frame budget (MarkdownChunker, which finds them as they are asked for); the first
 * shows at once, the rest follow in idle time, and past AUTO_RENDER_CHARS the user asks for
 * more. A text within the limits is one piece, rendered as plain Markdown always was.
 */
export function ProgressiveMarkdown({ text, className, renderChunk = renderChunkText }: Props) {
  // Keyed by the text: new text starts over from its first piece.
  return <Pieces key={text} text={text} className={className} renderChunk={renderChunk} />;
}

interface Rendered {
  chunks: MarkdownChunk[];
  html: string[];
}

function Pieces({ text, className, renderChunk }: { text: string; className?: string; renderChunk: (chunk: MarkdownChunk) => string }) {
  const [chunker] = useState(() => new MarkdownChunker(text));
  const [rendered, setRendered] = useState<Rendered>(() => {
    const first = chunker.chunkFrom(0)!;
    return { chunks: [first], html: [renderChunk(first)] };
  });
  const [until, setUntil] = useState(AUTO_RENDER_CHARS);
  const shown = rendered.chunks.length;
  const renderedEnd = rendered.chunks[shown - 1].end;
  const done = renderedEnd >= text.length;
  const waiting = !done && renderedEnd >= until;

  useEffect(() => {
    if (done || waiting) return;
    // Pieces while the idle period lasts (at least one: a busy page still makes progress).
    const id = whenIdle((deadline) => {
      const chunks: MarkdownChunk[] = [];
      const html: string[] = [];
      let end = renderedEnd;
      let htmlLength = 0;
      do {
        const chunk = chunker.chunkFrom(end)!;
        chunks.push(chunk);
        html.push(renderChunk(chunk));
        htmlLength += html[html.length - 1].length;
        end = chunk.end;
      } while (end < text.length && end < until && htmlLength < HTML_PER_SLICE && deadline.timeRemaining() > 10);
      setRendered((previous) =>
        previous.chunks.length === shown ? { chunks: [...previous.chunks, ...chunks], html: [...previous.html, ...html] } : previous,
      );
    }, 200);
    return () => cancelIdle(id);
  }, [chunker, text, shown, done, waiting, renderChunk, renderedEnd, until]);

  if (done && shown === 1) return <div className={className} dangerouslySetInnerHTML={{ __html: rendered.html[0] }} />;

  const showMore = (event: MouseEvent) => {
    event.stopPropagation();
    setUntil(renderedEnd + AUTO_RENDER_CHARS);
  };
  const left = (text.length - renderedEnd).toLocaleString('en');

  return (
    <div className={className} data-testid="progressive-markdown" data-shown={shown} data-rendered-chars={renderedEnd}>
      {rendered.html.map((pieceHtml, i) => (
        <div
          key={i}
          className={rendered.chunks[i].joinsNext ? 'markdown-chunk markdown-chunk--joins' : 'markdown-chunk'}
          dangerouslySetInnerHTML={{ __html: pieceHtml }}
        />
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
