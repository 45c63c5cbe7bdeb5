import type { ReviewStatus } from '../../core/sample/types';
import type { LibraryEntry } from '../../store/library/entries';
import type { AnswerFilter, LibraryFilters } from '../../store';
import { useEffect, useMemo, useRef } from 'react';
import { useActions, useStudioState } from '../app/StudioContext';
import { distinctValues } from '../../store/library/rows';
import type { LibraryQueryStatus } from '../../store/library/serverQuery';

const STATUSES: ReviewStatus[] = ['draft', 'ready', 'approved', 'changes-requested', 'rejected'];

/** One drop-down per filter field; every option's value is one that field accepts. */
interface FilterSelect {
  key: 'source' | 'status' | 'answer' | 'checks' | 'assigned';
  label: string;
  options: { value: string; label: string }[];
}

const ANSWER_FILTERS: { value: AnswerFilter; label: string }[] = [
  { value: 'all', label: 'Any answer' },
  { value: 'match', label: '✓ matches gt' },
  { value: 'mismatch', label: '✗ differs from gt' },
  { value: 'undecided', label: '? not decided (yet)' },
  { value: 'none', label: '— no boxed answer' },
];

/** Every sample, or only those with a failing check (src/ui/checks). */
const CHECKS_FILTERS: { value: NonNullable<LibraryFilters['checks']>; label: string }[] = [
  { value: 'all', label: 'Any checks' },
  { value: 'failing', label: '✗ checks failing' },
];

/** On a team server: everyone's samples, those given to me, or my queue (store/team/assignment.ts). */
const ASSIGNED_FILTERS: { value: NonNullable<LibraryFilters['assigned']>; label: string }[] = [
  { value: 'all', label: 'Anyone’s' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'queue', label: 'My queue' },
];

export function LibraryFilterBar({ samples, shown, where }: { samples: readonly LibraryEntry[]; shown: number; where: LibraryQueryStatus }) {
  const filters = useStudioState((s) => s.filters);
  const actions = useActions();
  const onServer = useStudioState((s) => s.sync.server !== null);
  // `/` (the focusSearch command) asks for the search field; Enter there opens the first match.
  const searchFocus = useStudioState((s) => s.searchFocus);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (searchFocus) search.current?.focus();
  }, [searchFocus]);
  // Once per change of the library, not on every render while facts arrive.
  const sources = useMemo(() => distinctValues(samples, (s) => s.source), [samples]);
  const selects: FilterSelect[] = [
    { key: 'source', label: 'Filter by source', options: [{ value: 'all', label: 'All sources' }, ...sources.map((s) => ({ value: s, label: s }))] },
    { key: 'status', label: 'Filter by status', options: [{ value: 'all', label: 'All statuses' }, ...STATUSES.map((s) => ({ value: s, label: s }))] },
    { key: 'answer', label: 'Filter by answer', options: ANSWER_FILTERS },
    { key: 'checks', label: 'Filter by checks', options: CHECKS_FILTERS },
    ...(onServer ? [{ key: 'assigned' as const, label: 'Filter by assignment', options: ASSIGNED_FILTERS }] : []),
  ];
  const filtered = filters.query !== '' || selects.some((f) => (filters[f.key] ?? 'all') !== 'all');

  return (
    <>
    <div className="library-filters" role="search">
      <input
        ref={search}
        className="input library-filters__search"
        type="search"
        placeholder="Search problems, answers, sources… ( / )"
        aria-label="Search samples"
        data-testid="library-search"
        value={filters.query}
        onChange={(e) => actions.setFilters.run('key', { query: e.target.value })}
      />
      {selects.map((f) => (
        <select
          key={f.key}
          className="select"
          aria-label={f.label}
          data-testid={`filter-${f.key}`}
          value={filters[f.key] ?? 'all'}
          onChange={(e) => actions.setFilters.run('button', { [f.key]: e.target.value })}
        >
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ))}
      {filtered && (
        <button className="btn btn--ghost" onClick={() => actions.clearFilters.run('button')} data-testid="filters-clear">
          {actions.clearFilters.label}
        </button>
      )}
      <span className="library-filters__count" data-testid="library-count">
        {shown === samples.length ? `${samples.length} samples` : `${shown} of ${samples.length} samples`}
      </span>
      {!where.note && where.mode === 'server' && (
        <span className="library-filters__where" data-testid="library-where" data-mode="server" aria-busy={where.busy} role="status" title="Filters, search and sort run on the team server">
          {where.busy ? 'asking the server…' : 'on the server'}
        </span>
      )}
    </div>
    {where.note && (
      <p className="library-note" data-testid="library-where" data-mode={where.mode} role="status" title={where.detail}>
        {where.note}
      </p>
    )}
    </>
  );
}
