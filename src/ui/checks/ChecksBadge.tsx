import { failing } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import { currentChecks } from '../../store/checks/checks';
import { useStudioState } from '../app/StudioContext';
import './checks.css';

/** The library's checks column: how many checks fail, with their names on hover. */
export function ChecksBadge({ sample }: { sample: Sample }) {
  const entry = useStudioState((s) => currentChecks(s, sample));
  if (!entry) return <span className="faint" data-testid="checks-badge" data-state="unchecked">…</span>;
  const failed = failing(entry.result);
  const warned = entry.result.checks.filter((c) => c.status === 'warn');
  if (failed.length) {
    return (
      <span className="chip chip--bad" data-testid="checks-badge" data-state="failing" title={failed.map((c) => `${c.label}: ${c.detail}`).join('\n')}>
        ✗ {failed.length} failing
      </span>
    );
  }
  // Nothing fails yet, but the answer is still being decided (SymPy, in the background): not a pass.
  if (entry.result.answer?.verdict === 'pending') {
    return (
      <span className="chip" data-testid="checks-badge" data-state="pending" title="Deciding the answer with SymPy…">
        … pending
      </span>
    );
  }
  return (
    <span
      className={`chip ${warned.length ? 'chip--warn' : 'chip--ok'}`}
      data-testid="checks-badge"
      data-state="passing"
      title={warned.length ? warned.map((c) => `${c.label}: ${c.detail}`).join('\n') : 'all checks pass'}
    >
      ✓{warned.length ? ` ${warned.length} warning${warned.length === 1 ? '' : 's'}` : ' pass'}
    </span>
  );
}
