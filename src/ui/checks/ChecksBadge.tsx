import { knownFailing } from '../../core/library/query';
import type { Sample } from '../../core/sample/types';
import { rowChecksRun } from '../../store/library/checksFilter';
import type { LibraryEntry } from '../../store/library/state';
import { useStudioState } from '../app/StudioContext';
import './checks.css';

/**
 * The library's checks column: how many checks fail, with their names on hover — from the
 * result the sort by checks and the filter read (store/library/checksFilter.ts): the one run
 * here for the row's content, else the one kept with its entry (`kept`).
 */
export function ChecksBadge({ entry, sample, kept }: { entry: LibraryEntry; sample: Sample | undefined; kept: readonly string[] | undefined }) {
  const run = useStudioState((s) => rowChecksRun({ entry, sample }, s.checks));
  if (!run) return <KeptChecksBadge failing={kept} />;
  const failed = knownFailing(run.result);
  // Nothing fails yet, but the answer is still being decided (SymPy, in the background): not known, not a pass.
  if (!failed) {
    return (
      <span className="chip" data-testid="checks-badge" data-state="pending" title="Deciding the answer with SymPy…">
        … pending
      </span>
    );
  }
  const warned = run.result.checks.filter((c) => c.status === 'warn');
  if (failed.length) return <FailingChip count={failed.length} title={failed.map((c) => `${c.label}: ${c.detail}`).join('\n')} />;
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

/**
 * The checks column of a row whose trace is on disk: the result kept with its entry for its
 * current content (this browser's earlier check, or another's on a team server), else "…".
 */
function KeptChecksBadge({ failing }: { failing: readonly string[] | undefined }) {
  if (!failing) return <span className="faint" data-testid="checks-badge" data-state="unchecked">…</span>;
  const kept = 'kept from an earlier check of this content';
  if (failing.length) return <FailingChip count={failing.length} title={`${failing.join('\n')}\n(${kept})`} kept />;
  return (
    <span className="chip chip--ok" data-testid="checks-badge" data-state="passing" data-kept="true" title={`all checks pass (${kept})`}>
      ✓ pass
    </span>
  );
}

function FailingChip({ count, title, kept }: { count: number; title: string; kept?: boolean }) {
  return (
    <span className="chip chip--bad" data-testid="checks-badge" data-state="failing" data-kept={kept || undefined} title={title}>
      ✗ {count} failing
    </span>
  );
}
