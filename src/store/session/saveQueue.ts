import type { Sample } from '../../core/sample/types';
import type { StudioPersistence } from './persistence';
import type { UiSnapshot } from './ui';

export interface SaveQueueOptions {
  persistence: StudioPersistence;
  /** Reads the current in-memory state at write time, so a save always writes the latest edit. */
  read: () => { samples: Record<string, Sample>; ui: UiSnapshot };
  onError: (message: string) => void;
  onSaved: () => void;
  debounceMs?: number;
}

/**
 * Debounced writer of dirty samples and UI state. A failed write keeps everything dirty
 * (the edit stays in memory) so the next flush or an explicit retry writes it again.
 */
export class SaveQueue {
  private dirtySamples = new Set<string>();
  private dirtyUi = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SaveQueueOptions) {}

  markSample(id: string): void {
    this.dirtySamples.add(id);
    this.schedule();
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

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.debounceMs ?? 400);
  }

  /** Writes everything dirty now. Resolves true when the write succeeded (or nothing was dirty). */
  async flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.pending) return true;

    // No waiting for an earlier write still in flight: IndexedDB runs readwrite transactions
    // over the same stores in creation order, so a newer snapshot always lands last — and a
    // flush from `pagehide` must start its transaction before the page is gone.
    const ids = [...this.dirtySamples];
    const withUi = this.dirtyUi;
    this.dirtySamples.clear();
    this.dirtyUi = false;
    const { samples, ui } = this.opts.read();
    try {
      await this.opts.persistence.save({
        samples: ids.filter((id) => samples[id]).map((id) => samples[id]),
        deletedIds: ids.filter((id) => !samples[id]),
        ui: withUi ? ui : undefined,
      });
    } catch (err) {
      for (const id of ids) this.dirtySamples.add(id);
      if (withUi) this.dirtyUi = true;
      this.opts.onError(err instanceof Error ? err.message : String(err));
      return false;
    }
    // An earlier failed write may have re-marked work dirty meanwhile; keep its error showing.
    if (!this.pending) this.opts.onSaved();
    return true;
  }
}
