import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blockNames } from './names';

interface NameCase {
  code: string;
  bound: string[];
  reads: string[];
}
const cases = readFileSync(fileURLToPath(new URL('../fixtures/cort-names.jsonl', import.meta.url)), 'utf8')
  .trimEnd()
  .split('\n')
  .map((l) => JSON.parse(l) as NameCase);

describe('blockNames against Python symtable (reference fixtures)', () => {
  it.each(cases.map((c) => [c.code.split('\n')[0], c] as const))('%s', (_, c) => {
    const names = blockNames(c.code);
    expect([...names.bound].sort()).toEqual(c.bound);
    expect([...names.reads].sort()).toEqual(c.reads);
  });

  it('survives code that does not parse', () => {
    expect(blockNames('x = (1 +\nprint(x)').bound.has('x')).toBe(true);
  });
});
