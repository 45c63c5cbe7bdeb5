/**
 * Answer equivalence decided by SymPy in the real Pyodide interpreter (Node executor).
 * An integration test: core code never imports src/python, only this test does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../../python/node';
import { DECIDED_BY_SYMPY, DECIDED_WITHOUT_SYMPY } from './testing/cases';
import { answerVerdict, answerVerdictNow } from './verdict';

const executor = createNodeExecutor();
afterAll(() => executor.dispose());

describe('answerVerdict with SymPy', () => {
  it.each(DECIDED_BY_SYMPY)('gold $gold, answer $answer → $verdict ($why)', async ({ gold, answer, verdict }) => {
    const v = await answerVerdict(answer, gold, executor);
    expect(v.verdict, `${v.method}: ${v.detail}`).toBe(verdict);
    expect(v.method).toMatch(/^sympy-/);
  });

  it('gives every verdict decided without an interpreter unchanged, so no place shows another', async () => {
    for (const { gold, answer } of DECIDED_WITHOUT_SYMPY) {
      expect(await answerVerdict(answer, gold, executor), `${gold} | ${answer}`).toEqual(answerVerdictNow(answer, gold));
    }
  });

  it('decides only the pending pairs: an answer set mixing decided and pending elements', async () => {
    // 2 matches exactly, √12 needs SymPy to meet 2√3.
    expect(answerVerdictNow('2, 2\\sqrt{3}', '\\{\\sqrt{12}, 2\\}').verdict).toBe('pending');
    expect((await answerVerdict('2, 2\\sqrt{3}', '\\{\\sqrt{12}, 2\\}', executor)).verdict).toBe('equal');
    expect((await answerVerdict('3, 2\\sqrt{3}', '\\{\\sqrt{12}, 2\\}', executor)).verdict).toBe('different');
  });

  it('leaves the sample namespaces alone', async () => {
    await executor.run('sample-1', 'x = 41');
    await answerVerdict('\\sqrt{8}', '2\\sqrt2', executor);
    expect((await executor.run('sample-1', 'print(x + 1)')).output).toBe('42');
  });
});
