import { Component, type ErrorInfo, type ReactNode } from 'react';
import { fallbackText } from './fallbackText';
import './renderBoundary.css';

interface Props {
  /** The piece's text as the data has it: what shows, escaped, when rendering it throws. */
  raw: string;
  /** What the piece is, for the note ("problem", "step 12"). */
  label?: string;
  /** Told about the failure, e.g. to save pending edits at once (the studio's state is intact). */
  onError?: (error: unknown) => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
  raw: string;
}

/**
 * Wraps one rendered piece of data (a problem, a step, a table cell). When rendering it
 * throws, this piece — and only this piece — shows its raw text with a short note, instead
 * of React unmounting the whole studio. A new `raw` (an edit) tries rendering again.
 */
export class RenderBoundary extends Component<Props, State> {
  state: State = { error: null, raw: this.props.raw };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.raw === state.raw ? null : { raw: props.raw, error: null };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Hint Studio: rendering ${this.props.label ?? 'a piece of data'} failed; showing its text instead.`, error, info.componentStack);
    this.props.onError?.(error);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { raw, label } = this.props;
    const { shown, cut } = fallbackText(raw);
    return (
      <div className="render-fallback" data-testid="render-fallback">
        <p className="render-fallback__note" role="note">
          Could not render {label ?? 'this text'} ({error.name}); showing it as written.
          {cut}
        </p>
        <pre className="render-fallback__text">{shown}</pre>
      </div>
    );
  }
}
