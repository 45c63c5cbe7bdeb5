import type { Branch, Sample } from '../../core/sample/types';
import { renderTrace } from '../../core/trace';
import { useActions, useStudioState } from '../app/StudioContext';
import type { TokenCounts } from '../../core/tokens';
import { formatTokens, useTextTokens, useTokenCounts } from '../tokens/tokenCounts';
import './branches.css';

const REASON_LABEL: Record<Branch['reason'], string> = { cut: 'cut', continuation: 'continuation', edit: 'edit' };
/** Cut-away text warns (it was the model's own); an unkept continuation is informational. */
const REASON_CHIP: Record<Branch['reason'], string> = { cut: ' chip--warn', continuation: ' chip--accent', edit: '' };

/**
 * Every text that left the trace — cut away by a hint, or a continuation not kept — with a
 * preview; restoring one puts it back and parks what it replaces as a new branch.
 */
export function BranchesPanel({ sample }: { sample: Sample }) {
  const actions = useActions();
  const counter = useTokenCounts();
  const busy = useStudioState((s) => s.generation !== null);
  const branches = [...sample.branches].reverse(); // newest first
  return (
    <section className="side-panel" aria-label="Branches" data-testid="branches-panel">
      <h2 className="pane-title side-panel__title">
        Branches <span className="faint">{sample.branches.length}</span>
      </h2>
      {branches.length === 0 ? (
        <p className="side-panel__help">Nothing has left the trace. Inserting a hint keeps the text after it here.</p>
      ) : (
        <ul className="stack-list">
          {branches.map((branch) => {
            const text = renderTrace({ segments: branch.segments });
            return (
              <li key={branch.id} className="card branch" data-testid="branch" data-branch-id={branch.id} data-reason={branch.reason}>
                <div className="branch__head">
                  <span className={`chip${REASON_CHIP[branch.reason]}`}>{REASON_LABEL[branch.reason]}</span>
                  <span className="branch__label">{branch.label ?? branch.id}</span>
                </div>
                <p className="branch__preview">{preview(text)}</p>
                <div className="branch__meta">
                  <span>{counter ? <BranchTokens text={text} counter={counter} /> : `${text.length} chars`}</span>
                  <span title={branch.createdAt}>{when(branch.createdAt)}</span>
                  <span>at char {branch.at}</span>
                  <button
                    className="btn btn--small"
                    disabled={busy}
                    onClick={() => actions.restoreBranch.run('button', branch.id)}
                    data-testid="branch-restore"
                    title="Put this text back at its place; what it replaces becomes a branch"
                  >
                    Restore
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat || '(whitespace)';
}

function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString();
}

/** A branch's token count, counted off the page's thread ("…" until it arrives). */
function BranchTokens({ text, counter }: { text: string; counter: TokenCounts }) {
  const tokens = useTextTokens(text);
  return <>{tokens === undefined ? '…' : formatTokens(tokens, counter)} tokens</>;
}
