/**
 * Three pieces of data side by side, the middle one failing to render the way a renderer bug
 * or a stack overflow would (it throws during render). The boundary must show the middle
 * piece's raw text and leave the other two alone; "Edit" gives it new text, which renders.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../theme/tokens.css';
import '../../theme/components.css';
import { Markdown } from '../../markdown/Markdown';
import { RenderBoundary } from '../RenderBoundary';

const BROKEN = 'Piece two: <img src=x onerror="document.title=\'owned\'"> and $\\frac{1}{2}$ THROW';

function Thrower({ text }: { text: string }) {
  if (text.includes('THROW')) throw new RangeError('Maximum call stack size exceeded');
  return <Markdown text={text} />;
}

function Harness() {
  const [text, setText] = useState(BROKEN);
  const [errors, setErrors] = useState(0);
  return (
    <main style={{ padding: 16, display: 'grid', gap: 12 }}>
      <section data-testid="piece-1">
        <Markdown text="Piece one renders: $x^2$." />
      </section>
      <section data-testid="piece-2">
        <RenderBoundary raw={text} label="piece two" onError={() => setErrors((n) => n + 1)}>
          <Thrower text={text} />
        </RenderBoundary>
      </section>
      <section data-testid="piece-3">
        <Markdown text="Piece three renders: $y_1$." />
      </section>
      <p>
        <button className="btn" data-testid="edit" onClick={() => setText('Piece two, edited: $z$.')}>
          Edit piece two
        </button>{' '}
        <span data-testid="errors">{errors}</span>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
