import { useEffect } from 'react';
import type { TokenCounter } from '../../core/tokens';
import { useStudio, useStudioState } from '../app/StudioContext';

export { cachedTraceTokens, formatTokens, rememberingCounts, stepTokens, traceTokens } from '../../store/library/facts';

/**
 * The token counter once loaded (null until then); asks the studio to load it after the first
 * paint (it is several MB). Counts themselves are cached in the store (store/library/facts.ts).
 */
export function useTokenCounter(): TokenCounter | null {
  const studio = useStudio();
  useEffect(() => {
    const id = setTimeout(() => {
      studio.services.tokens.ensureTokenCounter().catch((err: unknown) => console.warn('Token counter unavailable:', err));
    }, 50);
    return () => clearTimeout(id);
  }, [studio]);
  return useStudioState((s) => s.tokenCounting.counter);
}
