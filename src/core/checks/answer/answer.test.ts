import { describe, expect, it } from 'vitest';
import { DECIDED_BY_SYMPY, DECIDED_WITHOUT_SYMPY } from './testing/cases';
import { cleanAnswer } from './clean';
import { parseAnswer } from './parse';
import { toSympy } from './sympy';
import { answerVerdict, answerVerdictNow, verdictMatches } from './verdict';

describe('answerVerdictNow: decided without an interpreter', () => {
  it.each(DECIDED_WITHOUT_SYMPY)('gold $gold, answer $answer → $verdict ($why)', ({ gold, answer, verdict }) => {
    const v = answerVerdictNow(answer, gold);
    expect(v.verdict, `${v.method}: ${v.detail}`).toBe(verdict);
  });

  it.each(DECIDED_BY_SYMPY)('gold $gold, answer $answer → pending: needs SymPy', ({ gold, answer }) => {
    expect(answerVerdictNow(answer, gold)).toMatchObject({ verdict: 'pending', method: 'needs-interpreter' });
  });

  it('is the async verdict without an executor, verdict for verdict', async () => {
    for (const { gold, answer } of [...DECIDED_WITHOUT_SYMPY, ...DECIDED_BY_SYMPY]) {
      expect(await answerVerdict(answer, gold)).toEqual(answerVerdictNow(answer, gold));
    }
  });

  it('reports a missing answer, a missing ground truth and an unreadable one honestly', () => {
    expect(answerVerdictNow(null, '25').verdict).toBe('no-answer');
    expect(answerVerdictNow('  ', '25').verdict).toBe('no-answer');
    expect(answerVerdictNow('25', '').verdict).toBe('unparseable');
    expect(answerVerdictNow('\\begin{vmatrix}1\\end{vmatrix}', '1')).toMatchObject({ verdict: 'unparseable', method: 'parse-error' });
    expect(answerVerdictNow('[0, 1] + 3', '1')).toMatchObject({ verdict: 'unparseable', method: 'parse-error' });
  });

  it('maps verdicts to the yes/no/unknown the library and stats show', () => {
    expect(verdictMatches(answerVerdictNow('\\$18.90', '18.90'))).toBe(true);
    expect(verdictMatches(answerVerdictNow('19', '18.90'))).toBe(false);
    expect(verdictMatches(answerVerdictNow('2\\sqrt3', '\\sqrt{12}'))).toBeNull();
    expect(verdictMatches(undefined)).toBeNull();
  });

  it('says why a kind mismatch is not equal', () => {
    const v = answerVerdictNow('[1,2]', '(1,2)');
    expect(v).toMatchObject({ verdict: 'different', method: 'kind-mismatch' });
    expect(v.detail).toContain('interval');
  });
});

describe('cleanAnswer', () => {
  it.each([
    ['\\$32,\\!348', '32348'],
    ['\\boxed{\\$18.90}', '18.90'],
    ['864 \\mbox{ inches}^2', '864'],
    ['\\text{Evelyn}', '\\text{Evelyn}'],
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '( 3, \\frac{\\pi}{2} )'],
    ['1{,}2', '1,2'],
    ['12 \\text{ and } 13', '12 , 13'],
  ])('%s → %s', (input, expected) => {
    expect(cleanAnswer(input)).toBe(expected);
  });
});

describe('parseAnswer → SymPy', () => {
  const sympyOf = (latex: string) => {
    const r = parseAnswer(latex);
    if (!r.ok) throw new Error(r.error);
    return toSympy(r.node);
  };

  it('reads radicals, constants, functions, implicit products and names', () => {
    expect(sympyOf('2\\sqrt{3}')).toBe('(Integer(2) * sqrt(Integer(3)))');
    expect(sympyOf('\\sqrt[3]{2}')).toBe('root(Integer(2), Integer(3))');
    expect(sympyOf('\\sqrt3')).toBe('sqrt(Integer(3))');
    expect(sympyOf('\\pi/2')).toBe('(pi / Integer(2))');
    expect(sympyOf('\\log_2 8')).toBe('log(Integer(8), Integer(2))');
    expect(sympyOf('\\sin^2 x')).toBe('(sin(Symbol("x", real=True)) ** Integer(2))');
    expect(sympyOf('3R^2')).toBe('(Integer(3) * (Symbol("r", real=True) ** Integer(2)))');
    expect(sympyOf('\\lfloor \\sqrt{n-1} \\rfloor')).toBe('floor(sqrt((Symbol("n", real=True) - Integer(1))))');
    expect(sympyOf('1.50')).toBe("Float('1.5', 30)");
  });

  it('reads structures: ± lists, matrices, relations, percent', () => {
    expect(parseAnswer('3 \\pm 2 \\sqrt{2}')).toMatchObject({ ok: true, node: { type: 'set', items: [{ type: 'binary', op: '+' }, { type: 'binary', op: '-' }] } });
    expect(parseAnswer('\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}')).toMatchObject({ ok: true, node: { type: 'matrix', rows: [[{}, {}], [{}, {}]] } });
    expect(parseAnswer('-1 < x \\le 3')).toMatchObject({ ok: true, node: { type: 'relation', ops: ['<', '<='] } });
    expect(parseAnswer('x \\approx 3.14')).toMatchObject({ ok: true, node: { type: 'number', digits: '3.14' } });
    expect(parseAnswer('28\\%')).toMatchObject({ ok: true, node: { type: 'percent' } });
  });

  it('refuses what it does not understand instead of guessing', () => {
    for (const latex of ['x \\neq 3', '\\begin{vmatrix}1\\end{vmatrix}', '(1,2', '\\angle ABC', '2 3', '|x']) {
      expect(parseAnswer(latex).ok, latex).toBe(false);
    }
  });
});
