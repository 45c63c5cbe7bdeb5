/**
 * The tab's undo stacks on a team server, kept apart per project and user: sample ids repeat
 * across projects (they come from the content), and after a sign-out or a project switch in
 * the same tab, no undo may bring back another project's or another user's sample.
 */
import type { HistoryStorage } from '../session/undo';

type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface ScopedStorage extends HistoryStorage {
  /** Forgets everything kept under this scope (the user signed out). */
  clear(): void;
}

export function scopedStorage(storage: TabStorage, scope: string): ScopedStorage {
  const prefix = `${scope}|`;
  return {
    getItem: (key) => storage.getItem(prefix + key),
    setItem: (key, value) => storage.setItem(prefix + key, value),
    removeItem: (key) => storage.removeItem(prefix + key),
    clear() {
      const mine: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(prefix)) mine.push(key);
      }
      for (const key of mine) storage.removeItem(key);
    },
  };
}
