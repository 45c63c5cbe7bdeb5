/** Longest text a fallback puts on the page: a multi-megabyte piece must not freeze its own fallback. */
export const FALLBACK_TEXT_LIMIT = 100_000;

/** The part of `raw` a fallback shows, and a sentence saying what was left out (empty when nothing was). */
export function fallbackText(raw: string): { shown: string; cut: string } {
  if (raw.length <= FALLBACK_TEXT_LIMIT) return { shown: raw, cut: '' };
  return {
    shown: raw.slice(0, FALLBACK_TEXT_LIMIT),
    cut: ` First ${FALLBACK_TEXT_LIMIT.toLocaleString('en')} of ${raw.length.toLocaleString('en')} characters.`,
  };
}
