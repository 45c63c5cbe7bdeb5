/**
 * The full checks (SymPy answer equivalence, reproduction of recorded outputs) for every
 * sample the export gate will ask about, run when the dialog opens or the set changes. The
 * library mostly holds only the quick checks; without this a sample whose outputs do not
 * reproduce would leave the studio while `hint-studio export` holds it back.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Sample } from '../../core/sample/types';
import { currentChecks } from '../../store/checks/checks';
import { checkFullyInTurn, samplesTheGateChecks, type FullChecksProgress } from '../../store/project/export';
import { useServices, useStudio } from '../app/StudioContext';
import { useTokenCounts } from '../tokens/tokenCounts';

export interface FullExportChecks extends FullChecksProgress {
  /** True once every sample the gate asks about has its full checks (or the run gave up on some). */
  settled: boolean;
}

/** `enabled` false: the user chose to export with the quick checks only; nothing runs. */
export function useFullExportChecks(samples: readonly Sample[], include: 'approved' | 'all', enabled = true): FullExportChecks {
  const services = useServices();
  const { store } = useStudio();
  // The library's counts (the token worker): the checks count the texts there, exactly as here.
  const counts = useTokenCounts();
  const asked = useMemo(() => samplesTheGateChecks(samples, include), [samples, include]);
  // Keyed on ids: a status change or a finished check must not restart the run.
  const askedKey = asked.map((s) => s.id).join('\n');
  const [progress, setProgress] = useState<FullExportChecks>({ done: 0, total: 0, failed: [], settled: false });

  useEffect(() => {
    if (!enabled) return;
    const state = store.getState();
    const todo = asked.filter((s) => currentChecks(state, s)?.level !== 'full').map((s) => s.id);
    const abort = new AbortController();
    setProgress({ done: 0, total: todo.length, failed: [], settled: todo.length === 0 });
    if (!todo.length) return;
    void checkFullyInTurn(todo, (id) => services.checks.checkSampleFully(id), {
      signal: abort.signal,
      onProgress: (p) => setProgress({ ...p, settled: p.done === p.total }),
    });
    // Closing the dialog (or changing the set) stops before the next sample.
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [askedKey, enabled, services, store, counts]);

  return progress;
}
