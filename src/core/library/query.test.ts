/**
 * The library's text order and search. The expected order was written by CPython (which sorts
 * strings by code point) from the rule "fold A–Z to a–z, then code points", stable:
 *   sorted(words, key=lambda s: ''.join(c.lower() if 'A' <= c <= 'Z' else c for c in s))
 */
import { describe, expect, it } from 'vitest';
import { runChecks, withAnswerVerdict } from '../checks';
import { parseTrace } from '../trace';
import type { Sample } from '../sample/types';
import { CHECKS_ORDER, checksRank, compareCodePoints, compareText, foldAscii, knownFailing, searchMatcher, searchText } from './query';

const WORDS = ['apple', 'Apple', 'Banana', 'banana', 'Éclair', 'éclair', 'zeta', 'Zeta', '\u{1D465} x', '\uE000 p', '\uFFFF q', 'Straße', 'STRASSE', 'a_b', 'a-b', '50%'];
const BY_PYTHON = ['50%', 'a-b', 'a_b', 'apple', 'Apple', 'Banana', 'banana', 'STRASSE', 'Stra\u00dfe', 'zeta', 'Zeta', '\u00c9clair', '\u00e9clair', '\ue000 p', '\uffff q', '\ud835\udc65 x'];

describe('the library order', () => {
  it('folds ASCII letters only, then orders by code point (an astral letter after U+FFFF, unlike UTF-16 order)', () => {
    expect([...WORDS].sort(compareText)).toEqual(BY_PYTHON);
    expect(foldAscii('ÉCLAIR Straße')).toBe('Éclair straße');
    expect(compareCodePoints('\u{1D465}', '\uE000')).toBeGreaterThan(0);
    expect('\u{1D465}' < '\uE000').toBe(true);
  });

  it('folds as it compares, with the order of folding both texts first (its definition) for every pair', () => {
    const byDefinition = (a: string, b: string) => compareCodePoints(foldAscii(a), foldAscii(b));
    // Prefixes, case-only differences, '@' and '[' beside A and Z, '`' and '{' beside a and z.
    const words = [...WORDS, 'APPLE', 'appl', 'Appl@', 'Appl[', 'apple`', 'Apple{', ''];
    for (const a of words) for (const b of words) expect(Math.sign(compareText(a, b)), `${a} ${b}`).toBe(Math.sign(byDefinition(a, b)));
  });
});

describe('the library search', () => {
  const text = searchText({ problem: 'Find 𝑥: ÉCLAIR costs 50% more', source: 'AIME24', answer: '\\frac{1}{2}', gtAnswer: '0.5', originFile: 'Run_B.jsonl' });

  it('needs every word, in any case, anywhere in problem, source, answer, ground truth or file', () => {
    const matches = (query: string) => searchMatcher(query)!(text, 'sample-1');
    expect(matches('éclair aime24')).toBe(true);
    expect(matches('  50%   run_b ')).toBe(true);
    expect(matches('\\FRAC{1} 0.5 𝑥')).toBe(true);
    expect(matches('éclair amc23')).toBe(false);
    expect(matches('50_')).toBe(false);
  });

  it('finds a sample by its id, and an empty search is no filter', () => {
    expect(searchMatcher(' sample-1 ')!(text, 'sample-1')).toBe(true);
    expect(searchMatcher('Sample-1')!(text, 'sample-1')).toBe(false);
    expect(searchMatcher('   ')).toBeNull();
  });
});

describe('the checks as the library counts them', () => {
  const sample = (answer: string, gt: string, think: boolean): Sample => {
    const text = `Work.${think ? '\n</think>' : ''}\n\n$\\boxed{${answer}}$`;
    return { id: 's', problem: 'p', prompt: 'p', record: {}, origin: { format: 'pasted', file: 'x' }, gtAnswer: gt, original: text, trace: parseTrace(text), branches: [], status: 'draft', createdAt: '', updatedAt: '' };
  };
  const rank = (result: Parameters<typeof knownFailing>[0]) => checksRank(knownFailing(result)?.length);

  it('ranks a pending answer verdict not known until SymPy decides it, failing when another check fails', async () => {
    // 2√3 against √12 needs SymPy: without an interpreter the verdict is pending and no check fails.
    const pending = await runChecks(sample('2\\sqrt{3}', '\\sqrt{12}', true));
    expect(pending.answer?.verdict).toBe('pending');
    expect(pending.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(knownFailing(pending)).toBeUndefined();
    expect(rank(pending)).toBe(CHECKS_ORDER.unknown);
    // Decided by SymPy: equal passes, different fails.
    expect(rank(withAnswerVerdict(pending, { verdict: 'equal', method: 'sympy', detail: '' }))).toBe(CHECKS_ORDER.passing);
    expect(knownFailing(withAnswerVerdict(pending, { verdict: 'different', method: 'sympy', detail: '' }))?.map((c) => c.id)).toEqual(['answer']);
    // A structure failure (no </think>) fails whatever the verdict will be.
    const broken = await runChecks(sample('2\\sqrt{3}', '\\sqrt{12}', false));
    expect(broken.answer?.verdict).toBe('pending');
    expect(rank(broken)).toBe(CHECKS_ORDER.failing);
  });
});
