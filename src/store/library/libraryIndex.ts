/**
 * The library's index of per-sample facts (owned by the studio's library service, commands.ts) — summary, token count, quick checks — filled
 * lazily: the rows on screen first, then everything else in idle-time slices, so opening a
 * library of thousands of samples paints at once and stays responsive while the facts arrive.
 *
 * Facts are cached per sample revision (a sample object is replaced on every edit): summaries
 * in libraryRows.ts, token counts in src/ui/tokens, checks in the store's checks cache.
 * Tokenizing is by far the costliest step (tens of ms for a few thousand tokens), so the pass
 * runs in two rounds: summaries and uncounted quick checks for every sample (cheap, so filters
 * and sorts on them soon cover the whole set), then token counts with the counted checks. The
 * counts come from `TokenCounts` — in the browser a worker that owns the tokenizer — a few
 * samples' texts a call, so neither building the tokenizer nor counting holds the page.
 */
import type { ProfileRegistry } from '../../core/profiles/types';
import type { TokenCount } from '../../core/checks';
import type { Sample } from '../../core/sample/types';
import type { TokenCounts } from '../../core/tokens';
import { renderTrace } from '../../core/trace';
import { cachedTraceTokens, countedTexts, rememberTraceTokens } from './facts';
import { knownSummary, summaryOf } from './rows';

export interface LibraryIndexDeps {
  /** Runs the quick checks of samples not yet checked at their content (the store's checkSamples). */
  checkSamples(samples: Sample[], tokenCounter: TokenCount | null): Promise<void>;
  /** Whether the sample has quick checks for its current content (counted ones when `counted`). */
  isChecked(sample: Sample, counted: boolean): boolean;
  /** When to run the next slice; requestIdleCallback in the browser. */
  schedule?(work: (deadline: SliceDeadline) => void): () => void;
  /** The project's profile registry (its own profiles too); the built-ins when absent. */
  profiles?(): ProfileRegistry;
  /** A count of this sample's trace by the counter `tokenizer` kept from before (its stored entry): no need to count again. */
  storedTokens?(sample: Sample, tokenizer: string): number | undefined;
  /** This sample's trace was counted (to keep the count with its entry). */
  counted?(sample: Sample, tokenizer: string, count: number): void;
}

export interface SliceDeadline {
  timeRemaining(): number;
}

/** How far the pass has come; a new object on every change (for useSyncExternalStore). */
export interface LibraryIndexProgress {
  summarized: number;
  counted: number;
  total: number;
}

/** Work on the rows on screen gets a longer slice: the user is looking at them. */
const VISIBLE_SLICE_MS = 30;
/**
 * Samples whose texts go to the counter in one call: the rows on screen, then the rest. Each
 * call copies its texts to the worker in the calling task, so a batch stays a few hundred kB.
 */
const VISIBLE_COUNT_BATCH = 12;
const COUNT_BATCH = 8;
/**
 * Calls to the counter kept in flight for the rest of the library: the worker counts the next
 * batch while this thread runs the checks of the last one, instead of one call per idle slice
 * (which left the worker idle between slices: the dashboard at scale waited on it).
 */
const COUNTS_IN_FLIGHT = 3;
/** Tell the view at most this often that background facts arrived (each tells re-sorts the rows). */
const NOTIFY_EVERY_MS = 400;

function idleSchedule(work: (deadline: SliceDeadline) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const until = performance.now() + 10;
    work({ timeRemaining: () => Math.max(0, until - performance.now()) });
  }, 0);
  return () => clearTimeout(id);
}

export class LibraryIndex {
  private samples: Sample[] = [];
  private visible: Sample[] = [];
  private counter: TokenCounts | null = null;
  /** Counts made for a sample's counted checks, kept until they ran (a slice may end in between). */
  private ready = new WeakMap<Sample, { counter: TokenCounts; counts: TokenCount }>();
  /** A counter whose counting failed (its worker died): no more asked of it. */
  private failed: TokenCounts | null = null;
  /** Next sample of the cheap round (summaries, uncounted checks) and of the counting round. */
  private cheapAt = 0;
  private countAt = 0;
  /** Next sample whose texts go to the counter (ahead of `countAt`), and the calls under way. */
  private launchAt = 0;
  private inFlight = 0;
  private counting_ = new WeakSet<Sample>();
  private cancel: (() => void) | null = null;
  private listeners = new Set<() => void>();
  private progress: LibraryIndexProgress = { summarized: 0, counted: 0, total: 0 };
  private lastNotify = 0;
  private dirty = false;
  /** A slice is under way (its checks awaited); work that arrives meanwhile wakes the next. */
  private running = false;
  private woken = false;
  private disposed = false;

  constructor(private readonly deps: LibraryIndexDeps) {}

  setSamples(samples: Sample[]): void {
    if (samples === this.samples) return;
    this.samples = samples;
    this.cheapAt = this.countAt = this.launchAt = 0;
    this.recount();
    this.wake();
  }

  setCounter(counter: TokenCounts | null): void {
    if (counter === this.counter) return;
    this.counter = counter;
    this.countAt = this.launchAt = 0;
    this.recount();
    this.wake();
  }

  /** The samples on screen now: they are indexed before any other. */
  setVisible = (samples: Sample[]): void => {
    this.visible = samples;
    this.wake();
  };

  tokens = (sample: Sample): number | undefined => (this.counter ? this.known(sample, this.counter) : undefined);

  /** The trace's count by `c`: counted this session, or kept with the sample's entry (then remembered). */
  private known(s: Sample, c: TokenCounts): number | undefined {
    const cached = cachedTraceTokens(s, c);
    if (cached !== undefined) return cached;
    const stored = this.deps.storedTokens?.(s, c.id);
    if (stored !== undefined) rememberTraceTokens(s, c, stored);
    return stored;
  }

  /** The counter the index counts with now. */
  get counterInUse(): TokenCounts | null {
    return this.counter;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getProgress = (): LibraryIndexProgress => this.progress;

  dispose(): void {
    this.disposed = true;
    this.cancel?.();
    this.cancel = null;
    this.listeners.clear();
  }

  private recount(): void {
    const c = this.counting();
    let summarized = 0;
    let counted = 0;
    for (const s of this.samples) {
      if (knownSummary(s)) summarized++;
      if (c && this.known(s, c) !== undefined) counted++;
    }
    this.progress = { summarized, counted, total: this.samples.length };
    this.dirty = true;
  }

  private wake(): void {
    if (this.running) this.woken = true;
    if (this.cancel || this.running || this.disposed) return;
    const schedule = this.deps.schedule ?? idleSchedule;
    this.cancel = schedule((deadline) => {
      this.cancel = null;
      void this.run(deadline);
    });
  }

  /**
   * One slice: the rows on screen, then the rest while the deadline allows. Each sample's checks
   * are awaited before the next starts: their work runs in microtasks of this same task, which
   * the deadline would not see if they were only started.
   */
  private async run(deadline: SliceDeadline): Promise<void> {
    this.running = true;
    let more = false;
    let visibleChanged = false;
    try {
      const before = this.dirty;
      this.dirty = false;
      visibleChanged = await this.sliceVisible();
      this.dirty ||= before;
      more = await this.slice(deadline, visibleChanged);
    } finally {
      this.running = false;
    }
    if (this.disposed) return;
    // Facts for the rows on screen show at once; the rest arrive in throttled batches.
    this.notify(!more || visibleChanged);
    const woken = this.woken;
    this.woken = false;
    if (more || woken) this.wake();
  }

  /** The rows on screen, in a longer slice of their own; returns whether any fact of theirs is new. */
  private async sliceVisible(): Promise<boolean> {
    const c = this.counting();
    // The next rows on screen still to count (not always the first ones: a tall screen shows more than a batch).
    if (c) await this.count(this.visible.filter((s) => this.needsCount(s, c) && !this.readyCounts(s, c)).slice(0, VISIBLE_COUNT_BATCH), c);
    const until = performance.now() + VISIBLE_SLICE_MS;
    for (const s of this.visible) {
      if (performance.now() > until) break;
      await this.index(s, this.counting());
    }
    return this.dirty;
  }

  /** The counter to count with now: none before one arrives, nor after its counting failed. */
  private counting(): TokenCounts | null {
    return this.counter !== this.failed ? this.counter : null;
  }

  private visibleDone(): boolean {
    const c = this.counting();
    return this.visible.every((s) => knownSummary(s) && (!c || this.known(s, c) !== undefined));
  }

  /** One background slice (after the rows on screen); returns whether any work is left for the next slice. */
  private async slice(deadline: SliceDeadline, visibleBusy: boolean): Promise<boolean> {
    const visibleDone = this.visibleDone();
    // Waiting on counts in flight: their arrival wakes the index, no slice is needed meanwhile.
    let waiting = false;
    // A slice that just counted the rows on screen has used its time.
    if (visibleDone && !visibleBusy) {
      while (deadline.timeRemaining() > 1 && this.cheapAt < this.samples.length) {
        await this.index(this.samples[this.cheapAt++]!, null);
      }
      for (let c = this.counting(); c && deadline.timeRemaining() > 1 && this.cheapAt >= this.samples.length && this.countAt < this.samples.length; c = this.counting()) {
        this.launch(c);
        const s = this.samples[this.countAt]!;
        if (this.needsCount(s, c) && !this.readyCounts(s, c)) {
          if (this.counting_.has(s)) {
            waiting = true;
            break;
          }
          // Not in flight (its call failed or was for an older list): sent again from here.
          this.launchAt = this.countAt;
          continue;
        }
        this.countAt++;
        await this.index(s, c);
      }
    }
    const c = this.counting();
    return visibleBusy || !visibleDone || this.cheapAt < this.samples.length || (!!c && this.countAt < this.samples.length && !waiting);
  }

  /** Keeps up to COUNTS_IN_FLIGHT calls to the counter going, a batch each, ahead of the checks. */
  private launch(c: TokenCounts): void {
    while (this.inFlight < COUNTS_IN_FLIGHT && this.launchAt < this.samples.length) {
      const batch: Sample[] = [];
      while (batch.length < COUNT_BATCH && this.launchAt < this.samples.length) {
        const s = this.samples[this.launchAt++]!;
        if (this.needsCount(s, c) && !this.readyCounts(s, c) && !this.counting_.has(s)) batch.push(s);
      }
      if (!batch.length) continue;
      this.inFlight++;
      batch.forEach((s) => this.counting_.add(s));
      void this.count(batch, c).finally(() => {
        this.inFlight--;
        batch.forEach((s) => this.counting_.delete(s));
        this.wake();
      });
    }
  }

  private needsCount(s: Sample, c: TokenCounts): boolean {
    return this.known(s, c) === undefined || !this.deps.isChecked(s, true);
  }

  private readyCounts(s: Sample, c: TokenCounts): TokenCount | undefined {
    const hit = this.ready.get(s);
    return hit?.counter === c ? hit.counts : undefined;
  }

  /**
   * Counts the rendered trace and the original of these samples (each distinct text once) in
   * one call to the counter; keeps the traces' counts, and both for the counted checks.
   */
  private async count(samples: Sample[], c: TokenCounts): Promise<void> {
    const todo = samples.filter((s) => this.needsCount(s, c) && !this.readyCounts(s, c));
    if (!todo.length) return;
    const textsOf = todo.map((s) => [renderTrace(s.trace), s.original]);
    const texts = [...new Set(textsOf.flat())];
    let counts: number[];
    try {
      counts = await c.counts(texts);
    } catch (err) {
      console.warn('Token counting failed:', err);
      this.failed = c;
      return;
    }
    if (c !== this.counter || this.disposed) return;
    const byText = countedTexts(texts, counts);
    todo.forEach((s, i) => {
      const [trace, original] = textsOf[i]!;
      if (this.known(s, c) === undefined) {
        rememberTraceTokens(s, c, byText.count(trace!));
        this.deps.counted?.(s, c.id, byText.count(trace!));
        this.progress.counted++;
        this.dirty = true;
      }
      this.ready.set(s, { counter: c, counts: countedTexts([trace!, original!], [byText.count(trace!), byText.count(original!)]) });
    });
  }

  /**
   * A sample's facts, then its quick checks, inside the slice's time (resolves when they are
   * done): the checks of a long trace take tens of ms, so a batch of them would hold the page.
   * With a counter, the counted checks run once the sample's texts were counted (`count`).
   */
  private index(s: Sample, c: TokenCounts | null): Promise<void> | undefined {
    if (!knownSummary(s)) {
      summaryOf(s, this.deps.profiles?.());
      this.progress.summarized++;
      this.dirty = true;
    }
    if (c) {
      const counts = this.readyCounts(s, c);
      if (!counts || this.deps.isChecked(s, true)) return undefined;
      this.ready.delete(s);
      return this.deps.checkSamples([s], counts);
    }
    if (!this.deps.isChecked(s, false)) return this.deps.checkSamples([s], null);
    return undefined;
  }

  /** Tells the view, throttled while the background pass runs; at once when it finishes. */
  private notify(finished: boolean): void {
    if (!this.dirty) return;
    const now = performance.now();
    if (!finished && now - this.lastNotify < NOTIFY_EVERY_MS) return;
    this.lastNotify = now;
    this.dirty = false;
    this.progress = { ...this.progress };
    for (const listener of this.listeners) listener();
  }
}
