import { describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../core/sample/types';
import { memoryPersistence, type StudioPersistence } from './persistence';
import { describeSaveError, SaveQueue } from './saveQueue';
import type { UiSnapshot } from './ui';

describe('describeSaveError', () => {
  it('names the cause when the browser gives no message (Chromium QuotaExceededError)', () => {
    const text = describeSaveError(new DOMException('', 'QuotaExceededError'));
    expect(text).toBe("The browser's storage for this site is full (QuotaExceededError).");
  });

  it('is never empty, whatever was thrown', () => {
    for (const err of [new DOMException('', 'AbortError'), new Error(''), '', undefined, null, 42, {}]) {
      expect(describeSaveError(err).length).toBeGreaterThan(20);
    }
    expect(describeSaveError(new DOMException('Transaction was aborted', 'AbortError'))).toMatch(/aborted the write \(AbortError: Transaction was aborted\)/);
    expect(describeSaveError(new Error('disk I/O'))).toMatch(/refused the write \(disk I\/O\)/);
  });
});

describe('SaveQueue after a failed write', () => {
  const sample = { id: 's1', updatedAt: 'now' } as unknown as Sample;
  function failing() {
    const inner = memoryPersistence();
    const control = { fail: true, attempts: 0 };
    const persistence: StudioPersistence = {
      load: () => inner.load(),
      save: (batch) => {
        control.attempts++;
        return control.fail ? Promise.reject(new DOMException('', 'QuotaExceededError')) : inner.save(batch);
      },
    };
    return { inner, persistence, control };
  }

  it('shows the cause, keeps the sample dirty and retries by itself until the write goes through', async () => {
    vi.useFakeTimers();
    try {
      const { inner, persistence, control } = failing();
      const errors: string[] = [];
      let saved = 0;
      const queue = new SaveQueue({
        persistence,
        read: () => ({ samples: { s1: sample }, ui: {} as UiSnapshot }),
        onError: (m) => errors.push(m),
        onSaved: () => saved++,
        retryMs: 1000,
      });
      expect(await queue.saveNow(['s1'])).toBe(false);
      expect(errors).toEqual(["The browser's storage for this site is full (QuotaExceededError)."]);
      expect(queue.pending).toBe(true);

      await vi.advanceTimersByTimeAsync(1000); // first retry: still full
      expect(control.attempts).toBe(2);
      control.fail = false;
      await vi.advanceTimersByTimeAsync(1999); // the next one waits twice as long
      expect(control.attempts).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(control.attempts).toBe(3);
      expect(saved).toBe(1);
      expect(queue.pending).toBe(false);
      expect((await inner.load()).samples.map((s) => s.id)).toEqual(['s1']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SaveQueue save window', () => {
  it('starts writing an edit in the task that made it, and coalesces the edits that follow within the window', async () => {
    vi.useFakeTimers();
    try {
      const writes: string[][] = [];
      const persistence: StudioPersistence = {
        load: async () => ({ samples: [], ui: null }),
        save: async (batch) => {
          writes.push(batch.samples.map((s) => s.id));
          return { versions: {}, conflicts: [] };
        },
      };
      const samples = { a: { id: 'a' }, b: { id: 'b' }, c: { id: 'c' } } as unknown as Record<string, Sample>;
      const queue = new SaveQueue({ persistence, read: () => ({ samples, ui: {} as UiSnapshot }), onError: () => undefined, onSaved: () => undefined, sampleWindowMs: 250 });

      queue.markSample('a');
      expect(writes).toEqual([['a']]); // synchronously: nothing left for a crash to lose
      queue.markSample('b');
      queue.markUi(); // a UI change does not push the sample write back
      queue.markSample('c');
      expect(writes).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(250);
      expect(writes).toEqual([['a'], ['b', 'c']]);
      await vi.advanceTimersByTimeAsync(250);
      queue.markSample('a'); // a quiet window later: at once again
      expect(writes).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SaveQueue under a stream of edits', () => {
  it('writes at most once per window while edits keep coming (a streamed continuation)', async () => {
    vi.useFakeTimers();
    try {
      let writes = 0;
      const persistence: StudioPersistence = { load: async () => ({ samples: [], ui: null }), save: async () => {
          writes++;
          return { versions: {}, conflicts: [] };
        } };
      const queue = new SaveQueue({ persistence, read: () => ({ samples: { a: { id: 'a' } as unknown as Sample }, ui: {} as UiSnapshot }), onError: () => undefined, onSaved: () => undefined, sampleWindowMs: 250 });
      for (let t = 0; t < 1000; t += 10) {
        queue.markSample('a');
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(250);
      expect(writes).toBeGreaterThanOrEqual(4);
      expect(writes).toBeLessThanOrEqual(5);
      expect(queue.pending).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SaveQueue and deletions', () => {
  const a = { id: 'a', updatedAt: '1' } as unknown as Sample;
  const b = { id: 'b', updatedAt: '1' } as unknown as Sample;

  it('never deletes a stored sample that is only missing from the state it reads (a partial state)', async () => {
    const persistence = memoryPersistence();
    await persistence.save({ samples: [a, b] });
    let state: Record<string, Sample> = { a, b };
    const queue = new SaveQueue({ persistence, read: () => ({ samples: state, ui: {} as UiSnapshot }), onError: () => undefined, onSaved: () => undefined });
    state = { a: { ...a, updatedAt: '2' } }; // b is not in this state, but nobody deleted it
    expect(await queue.saveNow(['a', 'b'])).toBe(true);
    const stored = (await persistence.load()).samples;
    expect(stored.map((s) => [s.id, s.updatedAt])).toEqual([['a', '2'], ['b', '1']]);
    expect(queue.pending).toBe(false);
  });
});

describe('SaveQueue and review moves', () => {
  it('writes each status move at once in a write of its own, in order; text edits after it still coalesce', async () => {
    const statuses: string[][] = [];
    const inner = memoryPersistence();
    const persistence: StudioPersistence = {
      load: () => inner.load(),
      save: (batch) => {
        statuses.push(batch.samples.map((s) => `${(s as Sample & { status: string }).status}:${s.updatedAt}`));
        return inner.save(batch);
      },
    };
    let a = { id: 'a', updatedAt: '0', status: 'draft' } as unknown as Sample;
    const queue = new SaveQueue({ persistence, read: () => ({ samples: { a }, ui: {} as UiSnapshot }), onError: () => undefined, onSaved: () => undefined, sampleWindowMs: 10_000 });
    a = { ...a, updatedAt: '1', status: 'ready' } as Sample;
    const ready = queue.markMove('a');
    a = { ...a, updatedAt: '2', status: 'approved' } as Sample;
    const approved = queue.markMove('a');
    a = { ...a, updatedAt: '3' } as Sample;
    queue.markSample('a');
    a = { ...a, updatedAt: '4' } as Sample;
    queue.markSample('a');
    expect(await ready).toBe(true);
    expect(await approved).toBe(true);
    // Both moves written, each on its own, before any later edit; the two text edits wait for the window, as one.
    expect(statuses).toEqual([['ready:1'], ['approved:2']]);
    expect(queue.pending).toBe(true);
    await queue.flush();
    expect(statuses).toEqual([['ready:1'], ['approved:2'], ['approved:4']]);
  });
});
