/**
 * Token counts of single texts for the views (the sample's trace, each step, each branch),
 * from the library's counts — in the browser the token worker — so no view builds the
 * tokenizer on the page's thread (that took 0.4–0.8 s on the first open). Texts asked for in
 * one tick go to the counter in one call; counts are kept per counter, the latest few
 * thousand texts (steps are re-derived on every edit, their texts mostly the same).
 */
import type { TokenCounts } from '../../core/tokens';

export interface TextCounts {
  /** The count of `text` by the counts in use now, when it was counted already. */
  cached(text: string): number | undefined;
  /** Counts these texts (with every other text asked for in this tick, in one call). */
  count(texts: readonly string[]): Promise<number[]>;
}

const KEEP = 5000;

export function createTextCounts(ensure: () => Promise<TokenCounts>, current: () => TokenCounts | null): TextCounts {
  const caches = new WeakMap<TokenCounts, Map<string, number>>();
  let waiting: { texts: readonly string[]; resolve: (n: number[]) => void; reject: (err: unknown) => void }[] = [];

  const cacheOf = (counts: TokenCounts) => {
    let cache = caches.get(counts);
    if (!cache) caches.set(counts, (cache = new Map()));
    return cache;
  };

  async function flush(): Promise<void> {
    const asked = waiting;
    waiting = [];
    try {
      const counts = await ensure();
      const cache = cacheOf(counts);
      const todo = [...new Set(asked.flatMap((a) => a.texts))].filter((t) => !cache.has(t));
      if (todo.length) {
        const got = await counts.counts(todo);
        todo.forEach((t, i) => cache.set(t, got[i]!));
        // Oldest first out (a Map keeps insertion order).
        for (const key of cache.keys()) {
          if (cache.size <= KEEP) break;
          cache.delete(key);
        }
      }
      for (const a of asked) a.resolve(a.texts.map((t) => cache.get(t) ?? 0));
    } catch (err) {
      for (const a of asked) a.reject(err);
    }
  }

  return {
    cached: (text) => {
      const counts = current();
      return counts ? caches.get(counts)?.get(text) : undefined;
    },
    count: (texts) =>
      new Promise((resolve, reject) => {
        if (!waiting.length) queueMicrotask(() => void flush());
        waiting.push({ texts, resolve, reject });
      }),
  };
}
