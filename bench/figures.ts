/**
 * How every benchmark figure is measured and printed: one JSON line per figure, times as
 * medians of repeated runs, and ratios against a floor measured in the same run (the
 * machines are noisy; a ratio survives that, an absolute time does not).
 */
export type Figure = Record<string, unknown> & { figure: string };

export const emit = (figure: Figure): void => console.log(JSON.stringify(figure));
/** Two decimals, but three significant digits below 1 so sub-millisecond floors keep their value. */
export const round = (n: number): number => (Math.abs(n) >= 1 ? Math.round(n * 100) / 100 : Number(n.toPrecision(3)));
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The line for a figure that could not be measured, so a missing number is never silent. */
export function skip(figure: string, why: unknown): void {
  const reason = why instanceof Error ? why.message : String(why);
  emit({ figure, skipped: reason.split('\n')[0] });
}

/** Below this, one timing is mostly timer noise: fast calls are timed in batches. */
const MIN_BATCH_MS = 5;

/**
 * Median milliseconds per call of a synchronous function over `n` timings. Calls faster
 * than MIN_BATCH_MS are repeated in batches long enough to time, then divided back.
 */
export function timeCalls(fn: () => unknown, n: number): number {
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t >= MIN_BATCH_MS || batch >= 1 << 20) break;
    batch *= 2;
  }
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    for (let j = 0; j < batch; j++) fn();
    times.push((performance.now() - t) / batch);
  }
  return median(times);
}

/** Median milliseconds of `n` awaited calls (after one warm-up call). */
export async function timeAsync(fn: () => Promise<unknown>, n: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** A figure against its floor: `{ ms, floor_ms, ratio, floor }`. */
export function versus(figure: string, ms: number, floorMs: number, floor: string, extra: Record<string, unknown> = {}): void {
  emit({ figure, ms: round(ms), floor_ms: round(floorMs), ratio: round(ms / floorMs), floor, ...extra });
}

/** A figure of repeated runs against its floor: the runs' median, and the runs themselves. */
export function versusRuns(figure: string, runs: number[], floorMs: number, floor: string, extra: Record<string, unknown> = {}): void {
  versus(figure, median(runs), floorMs, floor, { runs: runs.map(round), ...extra });
}
