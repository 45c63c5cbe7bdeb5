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

const traceCounts = new WeakMap<Sample, { counter: TokenCounter; tokens: number }>();

export function cachedTraceTokens(sample: Sample, c: TokenCounter): number | undefined {
  const hit = traceCounts.get(sample);
  return hit && hit.counter === c ? hit.tokens : undefined;
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

/** "≈ 1,234" for an estimate, "1,234" for an exact count. */
export function formatTokens(n: number, c: Pick<TokenCounter, 'isEstimate'>): string {
  return `${c.isEstimate ? '≈ ' : ''}${n.toLocaleString('en-US')}`;
}
