import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatResult, type ExecutionRun } from './result';
import { getProfile, type TraceProfileId } from './index';

/** Real CPython runs, formatted by each project's own rule (scripts/reference/profile_results.py). */
const cases = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/results.json'), 'utf8')) as {
  code: string;
  run: ExecutionRun;
  expected: Record<string, string | null>;
}[];

describe.each(['cort', 'torl', 'simpletir', 'retool'] as TraceProfileId[])('%s result rule', (id) => {
  it.each(cases.map((c) => [c.code, c] as const))('%s', (_, c) => {
    expect(formatResult(c.run, getProfile(id))).toBe(c.expected[id]);
  });
});

describe('time-outs', () => {
  const timedOut: ExecutionRun = { stdout: '', stderr: '', failed: true, timedOut: true };
  it("write each project's own text", () => {
    expect(formatResult(timedOut, getProfile('cort'))).toBe('Timeout Error');
    // ToRL: a failed sandbox request post-processes to ("Error", "UnknownError").
    expect(formatResult(timedOut, getProfile('torl'))).toBe('UnknownError');
  });
});
