import { useEffect, useReducer } from 'react';
import type { TokenCounts } from '../../core/tokens';
import { useStudio, useStudioState } from '../app/StudioContext';

export { cachedTraceTokens, formatTokens, rememberingCounts, stepTokens, traceTokens } from '../../store/library/facts';

/**
 * A text's token count (undefined while it is counted — show "…"), by the library's counts:
 * off the page's thread in the browser, the texts of one render counted in one call.
 */
export function useTextTokens(text: string | null): number | undefined {
  const studio = useStudio();
  const counts = useTokenCounts();
  const [, counted] = useReducer((n: number) => n + 1, 0);
  const known = counts && text !== null ? studio.services.tokens.cachedCount(text) : undefined;
  useEffect(() => {
    if (!counts || text === null || known !== undefined) return;
    let live = true;
    studio.services.tokens.countTexts([text]).then(
      () => live && counted(),
      (err: unknown) => console.warn('Token counting failed:', err),
    );
    return () => {
      live = false;
    };
  }, [studio, counts, text, known]);
  return known;
}

/**
 * The library's counts once loaded (null until then): the same tokenizer, built and run off the
 * page's thread in the browser, so a library of thousands of samples never waits on it.
 */
export function useTokenCounts(): TokenCounts | null {
  useLoadInIdleTime((studio) => studio.services.tokens.ensureTokenCounts());
  return useStudioState((s) => s.tokenCounting.counts);
}

function useLoadInIdleTime(start: (studio: ReturnType<typeof useStudio>) => Promise<unknown>): void {
  const studio = useStudio();
  useEffect(() => {
    // In idle time: on a first load the page and the Python sandbox (another process, but the
    // same CPUs) come first; the tokenizer is several MB of JSON to parse.
    const load = () => start(studio).catch((err: unknown) => console.warn('Token counter unavailable:', err));
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(load, 50);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(load, { timeout: 4000 });
    return () => cancelIdleCallback(id);
    // `start` is fixed per hook (one of the two above): only the studio starts it anew.
  }, [studio]);
}
