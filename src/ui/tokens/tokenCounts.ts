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
    // In idle time: on a first load the page and the Python sandbox (another process, but the
    // same CPUs) come first; the tokenizer is several MB of JSON to parse.
    const load = () => studio.services.tokens.ensureTokenCounter().catch((err: unknown) => console.warn('Token counter unavailable:', err));
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(load, 50);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(load, { timeout: 4000 });
    return () => cancelIdleCallback(id);
  }, [studio]);
  return useStudioState((s) => s.tokenCounting.counter);
}
