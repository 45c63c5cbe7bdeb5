import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Sample } from '../../core/sample/types';
import type { TokenCounter } from '../../core/tokens';
import type { LibraryFilters, LibrarySort } from '../../store';
import { currentChecks } from '../../store/checks';
import { useStudio, useStudioState } from '../app/StudioContext';
import { filterByChecks } from '../checks/checksFilter';
import { runtimeExecutor } from '../checks/useChecks';
import { LibraryIndex } from './libraryIndex';
import { libraryRows, type LibraryRow } from './libraryRows';

/** The checks' own interpreter: answer verdicts only SymPy can decide are decided there, in the background. */
const answerExecutor = async () => runtimeExecutor;

/**
 * The library index for these samples (libraryIndex.ts), living as long as the view that asks
 * (the library, the curation dashboard); the facts it fills are cached beyond it, so views share them.
 */
export function useLibraryIndex(samples: Sample[], counter: TokenCounter | null): LibraryIndex {
  const studio = useStudio();
  const [index] = useState(
    () =>
      new LibraryIndex({
        checkSamples: (list, tokenCounter) => studio.actions.checkSamples.perform(list, { tokenCounter, answerExecutor }),
        isChecked: (sample, counted) => {
          const entry = currentChecks(studio.store.getState(), sample);
          return !!entry && (entry.counted || !counted);
        },
      }),
  );
  useEffect(() => () => index.dispose(), [index]);
  // During render, so the first frame already indexes the right samples with the right counter.
  index.setSamples(samples);
  index.setCounter(counter);
  return index;
}

/**
 * The rows the library shows, over the full sample set, and the index that fills in their
 * summaries, token counts and quick checks (the rows on screen first, the rest in idle time).
 * Rows are re-filtered and re-sorted only when facts the filters or the sort use arrive.
 */
export function useLibraryRows(
  samples: Sample[],
  filters: LibraryFilters,
  sort: LibrarySort,
  counter: TokenCounter | null,
): { rows: LibraryRow[]; index: LibraryIndex } {
  const index = useLibraryIndex(samples, counter);
  const progress = useSyncExternalStore(index.subscribe, index.getProgress);
  const failingOnly = filters.checks === 'failing';
  // The answer filter and sort read the checks' verdict (decided by SymPy in the background), as the column does.
  const byAnswer = filters.answer !== 'all' || sort.column === 'answer';
  const checks = useStudioState((s) => (failingOnly || byAnswer ? s.checks : null));
  const checkedAnswers = byAnswer ? checks : null;

  const needsSummaries = filters.answer !== 'all' || filters.query.trim() !== '' || sort.column === 'codeBlocks' || sort.column === 'answer';
  const summarized = needsSummaries ? progress.summarized : 0;
  const counted = sort.column === 'tokens' ? progress.counted : 0;
  const sorted = useMemo(
    () =>
      libraryRows(samples, index.tokens, filters, sort, (sample) =>
        checkedAnswers ? currentChecks({ checks: checkedAnswers }, sample)?.result.answer?.verdict : undefined,
      ),
    // summarized/counted stand for the index caches libraryRows reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [samples, index, filters, sort, summarized, counted, checkedAnswers],
  );
  const filtered = useMemo(() => (checks && failingOnly ? filterByChecks(sorted, filters, checks) : sorted), [sorted, filters, checks, failingOnly]);
  // Fresh token counts on every index tick, without re-sorting (a WeakMap lookup per row).
  const rows = useMemo(
    () => filtered.map((row) => ({ ...row, tokens: index.tokens(row.sample) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filtered, index, progress],
  );
  return { rows, index };
}
