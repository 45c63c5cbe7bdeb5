/**
 * The checks of one sample as the studio keeps them: the store checks the sample in view by
 * itself (quick checks at once, the interpreter's a moment later, in interpreters of their
 * own); this only reads the cache.
 */
import type { Sample } from '../../core/sample/types';
import { currentChecks, type CheckEntry } from '../../store/checks/checks';
import { useStudioState } from '../app/StudioContext';

export function useSampleChecks(sample: Sample): CheckEntry | undefined {
  return useStudioState((s) => currentChecks(s, s.samples[sample.id] ?? sample));
}
