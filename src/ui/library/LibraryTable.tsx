import { projectProfiles } from '../../store/settings/profiles';
import { memo, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TokenCounter } from '../../core/tokens';
import type { LibrarySort, LibrarySortColumn } from '../../store';
import { useActions, useStudio, useStudioState } from '../app/StudioContext';
import { Markdown } from '../markdown/Markdown';
import { formatTokens } from '../tokens/tokenCounts';
import { AnswerMark, useCheckedAnswer } from './AnswerMark';
import { ChecksBadge } from '../checks/ChecksBadge';
import { answerState, summaryOf, type LibraryRow, type SampleSummary } from '../../store/library/rows';
import type { LibraryEntry } from '../../store/library/entries';
import type { Sample } from '../../core/sample/types';
import { problemExcerpt } from '../../core/sample/summary';
import { SampleAssignment } from '../sync/SampleAssignment';

const COLUMNS: { column: LibrarySortColumn; label: string; className: string }[] = [
  { column: 'problem', label: 'Problem', className: 'col-problem' },
  { column: 'source', label: 'Source', className: 'col-source' },
  { column: 'status', label: 'Status', className: 'col-status' },
  { column: 'tokens', label: 'Tokens', className: 'col-num' },
  { column: 'codeBlocks', label: 'Code', className: 'col-num' },
  { column: 'answer', label: 'Answer', className: 'col-answer' },
  // Failing first, then not known, then passing: under this page's checks (run here, or kept with the entry).
  { column: 'checks', label: 'Checks', className: 'col-checks' },
];
const COLUMN_COUNT = COLUMNS.length;

/**
 * Every row is this tall (library.css keeps each cell's content inside it: the problem's
 * preview clamped to two lines, every other cell on one line). A known height lets the
 * virtualizer place rows without measuring them: measuring each new row in React's commit
 * forced a layout of 20–50 ms per commit while a big library streamed in (bench/profile-reload.ts).
 */
export const LIBRARY_ROW_PX = 72;
const ROW_STYLE = { height: LIBRARY_ROW_PX };
/** Rows rendered beyond the viewport on each side, so a fast scroll rarely shows blank space. */
const OVERSCAN = 8;

interface Props {
  rows: LibraryRow[];
  counter: Pick<TokenCounter, 'name' | 'isEstimate'> | null;
  sort: LibrarySort;
  /** Told which rows are on screen, so their facts are computed first (libraryIndex.ts). */
  onVisibleChange: (rows: LibraryRow[]) => void;
}

/**
 * The library as a real <table> whose body is virtualized: only the rows near the viewport
 * exist, between two spacer rows that keep the scroll height (and the table semantics) of
 * the full list. Sorting and filtering happen on the full list before it gets here.
 */
export function LibraryTable({ rows, counter, sort, onVisibleChange }: Props) {
  const actions = useActions();
  const { library } = useStudio().services;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LIBRARY_ROW_PX,
    overscan: OVERSCAN,
    // Items keyed by index (the default): every row has one height, so a row's place depends on its
    // index only. Keyed by sample id, every new list of rows (each page of a reload, each tick of
    // facts) made the virtualizer rebuild the places of all 8,000 rows (30 ms a time, and garbage).
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const topSpace = first ? first.start : 0;
  const bottomSpace = last ? virtualizer.getTotalSize() - last.end : 0;

  const visibleKey = items.map((i) => rows[i.index]!.id).join(',');
  useEffect(() => {
    onVisibleChange(items.map((i) => rows[i.index]!));
    // The rendered rows, not the item objects (new on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visibleKey, rows, onVisibleChange]);

  // The row cursor lives in the studio (j/k/Enter are its commands): show it, keep it in view,
  // and carry the focus along when a row had it.
  const cursorId = useStudioState((s) => s.libraryCursor);
  const cursorIndex = Math.max(0, cursorId === null ? 0 : rows.findIndex((r) => r.id === cursorId));
  const selectedId = rows[cursorIndex]?.id;
  // Without a cursor the first row shows as selected, but which row is first changes while a
  // big library's entries arrive: scrolling to it each time threw the reader back to the top
  // (and each scroll forced layouts, a 500 ms task in bench/profile-reload.ts).
  const scrollTo = cursorId === null ? null : selectedId;
  useEffect(() => {
    if (!rows.length) return;
    virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
    const table = scrollRef.current;
    if (!table?.contains(document.activeElement) || !selectedId) return;
    const focus = (attempt: number) => {
      const row = table.querySelector<HTMLElement>(`tr[data-sample-id="${CSS.escape(selectedId)}"]`);
      if (row) row.focus({ preventScroll: true });
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    focus(0);
    // Only when the cursor moves, not on every re-sort while facts arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo]);

  return (
    <div className="library-table-wrap" ref={scrollRef} data-testid="library-scroller">
      <table className="library-table" data-testid="library-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map(({ column, label, className }) => {
              const active = sort.column === column;
              return (
                <th
                  key={column}
                  className={className}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button className="th-sort" onClick={() => actions.sortBy.run('button', column)} data-testid={`sort-${column}`}>
                    {label}
                    {column === 'tokens' && counter?.isEstimate && (
                      <span className="th-note" title={counter.name}>
                        {' '}
                        (estimate)
                      </span>
                    )}
                    <span className="th-arrow" aria-hidden>
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {topSpace > 0 && <SpacerRow height={topSpace} />}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <LibraryTableRow
                key={row.id}
                index={item.index}
                entry={row.entry}
                sample={row.sample}
                storedSummary={row.summary}
                tokens={row.tokens}
                keptFailing={library.keptFailing(row.entry, row.sample)}
                counter={counter}
                selected={row.id === selectedId}
              />
            );
          })}
          {bottomSpace > 0 && <SpacerRow height={bottomSpace} />}
        </tbody>
      </table>
      {rows.length === 0 && (
        <div className="library-empty" data-testid="library-empty">
          No samples match. Import CoRT JSONL, verl parquet or a project file, or paste a trace.
        </div>
      )}
    </div>
  );
}

/** Stands in for the rows scrolled out of the DOM; hidden from assistive technology. */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="library-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMN_COUNT} />
    </tr>
  );
}

interface RowProps {
  index: number;
  entry: LibraryEntry;
  /** The sample, when its trace is in memory (or was read for the rows on screen). */
  sample: Sample | undefined;
  /** The facts stored with the entry, for a sample whose trace is on disk. */
  storedSummary: SampleSummary | undefined;
  tokens: number | undefined;
  /** The failing checks kept with the row's entry for its content (library.keptFailing): the column's result when none was run here. */
  keptFailing: readonly string[] | undefined;
  counter: Pick<TokenCounter, 'name' | 'isEstimate'> | null;
  /** The library's row cursor is here (j/k move it, Enter opens). */
  selected: boolean;
}

/** One sample; re-renders only when its sample, count or place changes (not on every index tick). */
const LibraryTableRow = memo(function LibraryTableRow({ index, entry: sample, sample: loaded, storedSummary, tokens, keptFailing, counter, selected }: RowProps) {
  const actions = useActions();
  // Computed here for the rows on screen whose trace is in memory; stored with the entry otherwise.
  const profiles = useStudioState((s) => projectProfiles(s.settings));
  const summary = loaded ? summaryOf(loaded, profiles) : storedSummary;
  const checked = useCheckedAnswer(loaded);
  return (
    <tr
      style={ROW_STYLE}
      aria-rowindex={index + 2}
      tabIndex={0}
      className={`library-row${selected ? ' library-row--selected' : ''}`}
      data-testid="library-row"
      data-sample-id={sample.id}
      data-selected={selected || undefined}
      aria-selected={selected}
      data-answer-state={summary ? answerState(summary, checked?.verdict) : undefined}
      data-trace={loaded ? 'read' : 'on-disk'}
      onClick={() => actions.openSample.run('pointer', sample.id)}
      onFocus={() => !selected && actions.selectSample.run('pointer', sample.id)}
    >
      <td className="col-problem" title={sample.problem}>
        <div className="library-row__preview">
          <Markdown className="markdown--excerpt" excerpt text={summary?.problemExcerpt ?? problemExcerpt(sample.problem)} />
        </div>
        <div className="library-row__origin">
          {sample.origin.file}
          {sample.origin.line !== undefined && `:${sample.origin.line}`}
          {sample.origin.genIndex !== undefined && ` · gen ${sample.origin.genIndex}`}
        </div>
      </td>
      <td className="col-source" title={sample.source}>{sample.source ? <span className="chip">{sample.source}</span> : '—'}</td>
      <td className="col-status">
        <span className={`status status--${sample.status}`}>{sample.status}</span>
        <SampleAssignment sampleId={sample.id} />
      </td>
      <td className="col-num" data-testid="row-tokens">
        {counter && tokens !== undefined ? formatTokens(tokens, counter) : <span className="faint">…</span>}
      </td>
      <td className="col-num" data-testid="row-code-blocks">
        {summary ? summary.codeBlocks : <span className="faint">…</span>}
      </td>
      <td className="col-answer">{summary ? <AnswerMark summary={summary} gtAnswer={sample.gtAnswer} sample={loaded} /> : <span className="faint">…</span>}</td>
      <td className="col-checks">
        <ChecksBadge entry={sample} sample={loaded} kept={keptFailing} />
      </td>
    </tr>
  );
});
