import { describe, expect, it } from 'vitest';
import { cortBlocks, cortDedent } from './blocks';
import { cortProgram, replayDecision } from './program';
import { pythonSplitlines } from './python-text';
import { programFixtures, traceFixture, traceFixtures } from '../testing/fixtures';

describe('CoRT program building against the reference (CPython)', () => {
  it('finds the same blocks, outputs and offsets in every reference text', () => {
    for (const f of programFixtures()) {
      const blocks = cortBlocks(f.text).map((b) => ({ code: b.code, output: b.output, has_output: b.hasOutput, start: b.start, end: b.end }));
      expect(blocks, JSON.stringify(f.text)).toEqual(f.blocks);
    }
  });

  it('builds byte for byte the program of every reference text', () => {
    for (const f of programFixtures()) expect(cortProgram(f.text).program, JSON.stringify(f.text)).toBe(f.program);
  });

  it('builds the program of every call of every reference trace, prompt included', () => {
    let calls = 0;
    for (const f of traceFixtures()) {
      for (const call of f.calls) {
        // The reference ran '' for a round without ```python; the builder is asked only otherwise.
        if (call.program === '' && !f.response.slice(0, call.at).includes('```python')) continue;
        const text = f.context + f.response.slice(0, call.at);
        const round = f.rounds[call.round]!;
        if (!round.includes('```python')) continue;
        expect(cortProgram(text).program, `${f.name} call at ${call.at}`).toBe(call.program);
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(40);
  });
});

describe('quirks, one by one', () => {
  it('drops a block whose loop prints, so a later block misses its variable', () => {
    const f = traceFixture('loop-print-nameerror');
    const second = f.calls[1]!;
    expect(second.program).toBe('print(total)');
    const { decisions } = cortProgram(f.context + f.response.slice(0, second.at));
    expect(decisions[0]).toEqual({ replayed: false, reason: 'print-remains', printLines: [2] });
    expect(second.output).toMatch(/NameError: name 'total' is not defined$/);
  });

  it('drops a block whose output has an error word, imports included', () => {
    const f = traceFixture('import-lost-after-exception');
    expect(f.calls[1]!.program).toBe('print(math.sqrt(r))');
    expect(replayDecision({ code: 'bound = 1', output: 'Error bound: 1\n' })).toEqual({ replayed: false, reason: 'error-output', word: 'error' });
    expect(replayDecision({ code: 'x = 1', output: 'no EXCEPTION\n' })).toMatchObject({ reason: 'error-output', word: 'exception' });
  });

  it('removes top-level print-like lines, `printed = 3` included, and drops the block if print remains', () => {
    expect(traceFixture('printed-dropped').calls[1]!.program).toBe('print(value + 1)');
    const kept = replayDecision({ code: 'pprint_width = 80\nwidth = 40\nprint(width)', output: '40\n' });
    expect(kept).toEqual({ replayed: true, replayedCode: 'width = 40\n', lostLines: [1] });
  });

  it('dedents by the common indentation and splits lines as Python does', () => {
    expect(cortDedent('    x = 2\n      y = 3\n\n')).toBe('x = 2\n  y = 3\n');
    expect(cortDedent('\u3000a\n\u3000\u3000b\n')).toBe('a\n\u3000b');
    expect(pythonSplitlines('a\r\nb\rc\x0bd\u2028e\n')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pythonSplitlines('a\n\n')).toEqual(['a', '']);
    expect(pythonSplitlines('')).toEqual([]);
  });

  it('sees only ```python (any indentation), not ```py, ```python3, ```Python or four backticks', () => {
    const text = '```py\na = 1\n```\n```python3\nb = 2\n```\n```Python\nc = 3\n```\n````python\nd = 4\n````\n      ```python\n  e = 5\n      ```\n';
    expect(cortBlocks(text).map((b) => b.code)).toEqual(['e = 5']);
  });

  it('keeps the text after the last ```python of a last block that contains one', () => {
    expect(cortProgram("```python\nfence = '```python'\nprint(len(fence))\n```\n").program).toBe("'\nprint(len(fence))");
  });
});
