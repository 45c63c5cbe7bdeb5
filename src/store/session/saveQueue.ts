import type { Sample } from '../../core/sample/types';
import type { SaveBatch, StudioPersistence } from './persistence';
import type { UiSnapshot } from './ui';

export interface SaveQueueOptions {
  persistence: StudioPersistence;
  /** Reads the current in-memory state at write time, so a save always writes the latest edit. */
  read: () => { samples: Record<string, Sample>; ui: UiSnapshot };
  /** The cause in words (describeSaveError): never empty, so it is always shown. */
  onError: (message: string) => void;
  onSaved: () => void;
  /** The library entry stored beside each sample (with the project's trace profiles). */
  entryOf?: SaveBatch['entryOf'];
  debounceMs?: number;
  /**
   * Sample edits are written at once; edits that follow within this window (a streamed
   * continuation) are coalesced into one write at its end. Default 250 ms.
   */
  sampleWindowMs?: number;
  /** First automatic retry after a failed write; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Why a save failed, in words a user can act on. IndexedDB's errors are DOMExceptions whose
 * message may be empty (Chromium's QuotaExceededError is), so the name decides.
 */
export function describeSaveError(err: unknown): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  const message = err instanceof Error || err instanceof DOMException ? err.message.trim() : String(err ?? '').trim();
  const detail = [name && name !== 'Error' ? name : '', message].filter(Boolean).join(': ');
  const cause = /quota/i.test(`${name} ${message}`)
    ? "The browser's storage for this site is full"
    : name === 'AbortError'
      ? 'The browser aborted the write'
      : name === 'InvalidStateError'
        ? 'The database connection was closed (another tab upgraded it, or the browser is shutting down)'
        : name === 'DataCloneError'
          ? 'A sample holds data the browser cannot store'
          : name === 'SecurityError'
            ? 'The browser refuses storage to this site (private window or site settings)'
            : name === 'UnknownError'
              ? 'The browser could not write to disk (the disk may be full)'
              : 'The browser database refused the write';
  return detail ? `${cause} (${detail}).` : `${cause}.`;
}

/**
 * Debounced writer of dirty samples and UI state. A failed write keeps everything dirty
 * (the edit stays in memory) so the next flush or an explicit retry writes it again.
 * The queue never deletes a sample from storage (the studio has no sample deletion): a dirty
 * id missing from the state read at write time (a partial state, a race with a load) is
 * skipped, never taken for a deletion.
 */
export class SaveQueue {
  private dirtySamples = new Set<string>();
  private dirtyUi = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private retryDelay = 0;
  private lastSampleWrite = -Infinity;
  private readonly inFlight = new Set<Promise<boolean>>();

  constructor(private readonly opts: SaveQueueOptions) {}

  /**
   * An edit is written in the same task that made it: a renderer crash (no pagehide) right
   * after loses nothing. Only edits that follow within the window wait, to its end.
   */
  markSample(id: string): void {
    this.dirtySamples.add(id);
    this.soon();
  }

  /**
   * A review move (ready, approve, request changes, reject, back to draft) is written at once,
   * in a write of its own, never coalesced with the next: each move is its own save — and, on
   * a team server, its own send, in order — so a move the server refuses cannot take an
   * allowed one made just before it down with it. Edits made before it go with it.
   */
  markMove(id: string): Promise<boolean> {
    this.dirtySamples.add(id);
    return this.flush();
  }

  /** At once, or at the end of the current save window. */
  private soon(): void {
    const window = this.opts.sampleWindowMs ?? 250;
    const since = Date.now() - this.lastSampleWrite;
    if (since >= window) void this.flush();
    else this.schedule(window - since);
  }

  /**
   * Writes these samples at once: an import or a restore is one deliberate action, and the
   * debounce would leave a window in which closing or reloading the page loses it.
   */
  saveNow(ids: Iterable<string>): Promise<boolean> {
    for (const id of ids) this.dirtySamples.add(id);
    return this.flush();
  }

  markUi(): void {
    this.dirtyUi = true;
    this.schedule();
  }

  get pending(): boolean {
    return this.dirtySamples.size > 0 || this.dirtyUi;
  }

  /** Writes after `delay`; UI changes push a pending write back, but never past a sample write's due time. */
  private schedule(delay = this.opts.debounceMs ?? 400): void {
    const due = Date.now() + delay;
    if (this.timer) {
      if (this.dirtySamples.size > 0 && this.timerDue < due) return;
      clearTimeout(this.timer);
    }
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** After a failure: try again by itself, less often each time, until a write goes through. */
  private retryLater(): void {
    const first = this.opts.retryMs ?? 2_000;
    this.retryDelay = this.retryDelay ? Math.min(this.retryDelay * 2, this.opts.maxRetryMs ?? 30_000) : first;
    if (!this.timer) this.schedule(this.retryDelay);
  }

  /**
   * Writes everything dirty now. Resolves true when the write succeeded — or, with nothing
   * dirty, when the writes still in flight (an edit's own) succeed.
   */
  flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.pending) return Promise.all(this.inFlight).then((results) => results.every(Boolean));
    const write = this.write();
    this.inFlight.add(write);
    void write.then(() => this.inFlight.delete(write));
    return write;
  }

  private async write(): Promise<boolean> {
    // No waiting for an earlier write still in flight: IndexedDB runs readwrite transactions
    // over the same stores in creation order, so a newer snapshot always lands last — and a
    // flush from `pagehide` must start its transaction before the page is gone.
    const ids = [...this.dirtySamples];
    if (ids.length) this.lastSampleWrite = Date.now();
    const withUi = this.dirtyUi;
    this.dirtySamples.clear();
    this.dirtyUi = false;
    const { samples, ui } = this.opts.read();
    try {
      await this.opts.persistence.save({
        // An id missing from the state has nothing to write: it is never taken for a deletion.
        samples: ids.filter((id) => samples[id]).map((id) => samples[id]),
        ui: withUi ? ui : undefined,
        ...(this.opts.entryOf ? { entryOf: this.opts.entryOf } : {}),
      });
    } catch (err) {
      for (const id of ids) this.dirtySamples.add(id);
      if (withUi) this.dirtyUi = true;
      this.opts.onError(describeSaveError(err));
      this.retryLater();
      return false;
    }
    this.retryDelay = 0;
    // An earlier failed write may have re-marked work dirty meanwhile; keep its error showing.
    if (!this.pending) this.opts.onSaved();
    return true;
  }
}
