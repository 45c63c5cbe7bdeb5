import { afterEach, describe, expect, it, vi } from 'vitest';
import { versusRuns } from './figures';

afterEach(() => vi.restoreAllMocks());

describe('versusRuns', () => {
  it("prints one line: the runs' median against the floor, the ratio, the runs, and the extra fields", () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    versusRuns('first result', [300.123, 100.456, 200.789], 1000, 'cold boot', { target_ratio: 0.4 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { figure: 'first result', ms: 200.79, floor_ms: 1000, ratio: 0.201, floor: 'cold boot', runs: [300.12, 100.46, 200.79], target_ratio: 0.4 },
    ]);
  });
});
