/**
 * Token counts per sample and per step, cached per counter and per sample revision (a sample
 * object is replaced on every edit). The counter (the model's own tokenizer.json when the
 * annotator loaded one in Settings, else the Qwen3 estimate; settings/tokenizer.ts) is several
 * MB, so it loads after the first paint.
 */
import type { Sample } from '../../core/sample/types';
import type { TokenCounter } from '../../core/tokens';
import { renderTrace } from '../../core/trace';
import { boundedMemo } from './boundedMemo';

/** Keyed by the counter object that counted (a TokenCounter, or the library's TokenCounts). */
const traceCounts = new WeakMap<Sample, { counter: object; tokens: number }>();

export function cachedTraceTokens(sample: Sample, c: object): number | undefined {
  const hit = traceCounts.get(sample);
  return hit && hit.counter === c ? hit.tokens : undefined;
}

/** Keeps a trace's count made elsewhere (off the page's thread) under the counter `c` that made it. */
export function rememberTraceTokens(sample: Sample, c: object, tokens: number): void {
  traceCounts.set(sample, { counter: c, tokens });
}

/**
 * The counts of texts counted beforehand (in one batch, off the page's thread), for the quick
 * checks, which count the rendered trace and the imported original. A text not counted
 * beforehand is an error, not a guess.
 */
export function countedTexts(texts: readonly string[], counts: readonly number[]): Pick<TokenCounter, 'count'> {
  const known = new Map<string, number>();
  texts.forEach((t, i) => known.set(t, counts[i]!));
  return {
    count: (text) => {
      const n = known.get(text);
      if (n === undefined) throw new Error(`a text of ${text.length} characters was not counted beforehand`);
      return n;
    },
  };
}

/** `via` counts for `c` (e.g. a `rememberingCounts` wrapper); the cache stays keyed by `c`. */
export function traceTokens(sample: Sample, c: TokenCounter, via: Pick<TokenCounter, 'count'> = c): number {
  const cached = cachedTraceTokens(sample, c);
  if (cached !== undefined) return cached;
  const tokens = via.count(renderTrace(sample.trace));
  traceCounts.set(sample, { counter: c, tokens });
  return tokens;
}

const stepCountsByCounter = new WeakMap<TokenCounter, (text: string) => number>();

/** Tokens of one step's text (cached by text, since steps are re-derived on every edit). */
export function stepTokens(text: string, c: TokenCounter): number {
  let countStep = stepCountsByCounter.get(c);
  if (!countStep) stepCountsByCounter.set(c, (countStep = boundedMemo((t: string) => c.count(t), 5000)));
  return countStep(text);
}

/**
 * A counter that remembers the last few texts it counted. The quick checks count the rendered
 * trace and the imported original again right after the library counted the trace — the same
 * text for an unedited sample — and tokenizing is by far the costliest part of indexing.
 */
export function rememberingCounts(c: Pick<TokenCounter, 'count'>, limit = 64): Pick<TokenCounter, 'count'> {
  return { count: boundedMemo((text: string) => c.count(text), limit) };
}

/**
 * A count with its thousands grouped by commas, as `toLocaleString('en-US')` writes a whole
 * number — without Intl, whose first use loads its locale data in the library's first paint (~50 ms).
 */
export function groupThousands(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
}

/** "≈ 1,234" for an estimate, "1,234" for an exact count. */
export function formatTokens(n: number, c: Pick<TokenCounter, 'isEstimate'>): string {
  return `${c.isEstimate ? '≈ ' : ''}${groupThousands(n)}`;
}
