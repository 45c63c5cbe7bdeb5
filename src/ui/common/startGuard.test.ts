import { describe, expect, it } from 'vitest';
import { markViewOpening, markViewSettled, recordCrash, takeUnsettledView, unsettledViewMessage, type GuardStorage } from './startGuard';

function memoryStorage(): GuardStorage & { size(): number } {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    size: () => items.size,
  };
}

describe('start guard', () => {
  it('a view that settled reopens normally', () => {
    const storage = memoryStorage();
    markViewOpening(storage, 'sample', 's1');
    markViewSettled(storage);
    expect(takeUnsettledView(storage)).toBeNull();
  });

  it('a view that crashed or never settled makes the next start open the library, once', () => {
    const storage = memoryStorage();
    markViewOpening(storage, 'sample', 's1', new Date('2025-01-01T00:00:00Z'));
    // The tab froze or was reloaded before the view settled.
    const mark = takeUnsettledView(storage);
    expect(mark).toEqual({ view: 'sample', sampleId: 's1', at: '2025-01-01T00:00:00.000Z' });
    expect(unsettledViewMessage(mark!)).toMatch(/did not finish opening while showing sample s1 .* opened the library instead/);
    expect(takeUnsettledView(storage)).toBeNull(); // the start after that restores as usual

    markViewOpening(storage, 'sample', 's2');
    recordCrash(storage, 'sample', 's2', new RangeError('Maximum call stack size exceeded'));
    const crash = takeUnsettledView(storage)!;
    expect(crash.crashed).toBe('RangeError');
    expect(unsettledViewMessage(crash)).toContain('crashed (RangeError) while showing sample s2');
  });

  it('never stops the studio from starting when storage refuses or holds garbage', () => {
    const refusing: GuardStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(() => markViewOpening(refusing, 'sample', 'x')).not.toThrow();
    expect(takeUnsettledView(refusing)).toBeNull();
    const garbage = memoryStorage();
    garbage.setItem('hint-studio:opening-view', '{not json');
    expect(takeUnsettledView(garbage)).toBeNull();
  });
});
