import { describe, expect, it } from 'vitest';
import { formatTokens, groupThousands } from './facts';

describe('token counts as the library writes them', () => {
  it('groups thousands exactly as en-US does, for every size of whole number', () => {
    const numbers = [0, 1, 9, 10, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 32_768, 123_456_789, -1234, -999, Number.MAX_SAFE_INTEGER, 1.5, 1234.5];
    for (let d = 0; d < 16; d++) numbers.push(10 ** d - 1, 10 ** d, 7 * 10 ** d + 13);
    for (const n of numbers) expect(groupThousands(n), String(n)).toBe(n.toLocaleString('en-US'));
    expect(formatTokens(12_345, { isEstimate: true })).toBe('≈ 12,345');
    expect(formatTokens(999, { isEstimate: false })).toBe('999');
  });
});
