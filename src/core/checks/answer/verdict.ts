/**
 * The answer verdict: is the model's final answer mathematically the ground truth? One
 * pipeline, used by every place that shows or uses the verdict (checks, library, stats,
 * export gate):
 *
 *   answerVerdictNow(answer, gt)            synchronous; 'pending' where SymPy is needed
 *   answerVerdict(answer, gt, executor?)    the same, with SymPy deciding what is pending
 *
 * Order of work, cheapest first: identical cleaned strings; parse both to the answer AST;
 * compare structure with exact rational arithmetic, names by spelling, and a float
 * evaluation that can only prove "different"; the scalar pairs left undecided go to SymPy in
 * one interpreter cell. A verdict decided without SymPy is the one SymPy would give too:
 * the SymPy pass replays the same walk and only fills in the pending pairs.
 */
import type { Executor } from '../../exec/types';
import type { AnswerNode } from './ast';
import { cleanAnswer } from './clean';
import { compareAnswers, type ScalarOutcome, type ScalarPair, type StructureOutcome } from './compare';
import { certainlyDifferent, roundedFloatsEqual } from './numeric';
import { parseAnswer } from './parse';
import { runSympyPairs, type SympyPair } from './python';
import { evaluateRational, formatRational, rationalsEqual, roundToPlaces } from './rational';
import { toSympy } from './sympy';

/**
 * - equal / different: decided;
 * - pending: only SymPy can decide, and no interpreter was given (the studio decides it in the background);
 * - unparseable: we cannot decide (an answer we cannot read, SymPy failed) — a person must look;
 * - no-answer: the trace has no `\boxed{}`.
 */
export type Verdict = 'equal' | 'different' | 'pending' | 'unparseable' | 'no-answer';

export interface AnswerVerdict {
  verdict: Verdict;
  /** How it was decided: string, exact, decimal-rounding, symbol, kind-mismatch, numeric, sympy-simplify, ... */
  method: string;
  /** One human-readable line. */
  detail: string;
}

export interface AnswerVerdictOptions {
  /** Interpreter namespace for the SymPy cell (default: a dedicated one, never the sample's). */
  namespace?: string;
}

/** true / false when decided, null otherwise (pending, unparseable, no answer). */
export function verdictMatches(v: AnswerVerdict | undefined): boolean | null {
  return v?.verdict === 'equal' ? true : v?.verdict === 'different' ? false : null;
}

/** Decides a scalar pair without an interpreter, or returns null. */
export function fastScalar({ gold, answer, rounded }: ScalarPair): ScalarOutcome | null {
  if (toSympy(gold) === toSympy(answer)) return { equal: true, method: 'exact' };
  const g = evaluateRational(gold);
  const a = g && evaluateRational(answer);
  if (g && a) {
    const equal = rounded ? roundToPlaces(g) === roundToPlaces(a) : rationalsEqual(g, a);
    return { equal, method: rounded ? 'decimal-rounding' : 'exact', detail: equal ? '' : `${formatRational(a)} ≠ ${formatRational(g)}` };
  }
  if (certainlyDifferent(gold, answer, rounded)) return { equal: false, method: 'numeric', detail: 'the values differ' };
  if (rounded && roundedFloatsEqual(gold, answer)) return { equal: true, method: 'decimal-rounding' };
  return null;
}

type Prepared =
  | { done: AnswerVerdict }
  | { gold: AnswerNode; answer: AnswerNode; pending: SympyPair[] };

function sympyPair(p: ScalarPair): SympyPair {
  return { gold: toSympy(p.gold), answer: toSympy(p.answer), rounded: p.rounded, atomic: p.atomic };
}

/** Everything short of SymPy: a verdict, or the pairs SymPy must decide. */
function prepare(answer: string | null | undefined, gt: string | null | undefined): Prepared {
  if (!answer?.trim()) return { done: { verdict: 'no-answer', method: 'none', detail: 'the trace has no \\boxed{} answer' } };
  if (!gt?.trim()) return { done: { verdict: 'unparseable', method: 'none', detail: 'the sample has no ground-truth answer' } };
  const cleanGold = cleanAnswer(gt).replace(/\s+/g, '');
  if (cleanGold && cleanAnswer(answer).replace(/\s+/g, '') === cleanGold) {
    return { done: { verdict: 'equal', method: 'string', detail: 'identical after normalization' } };
  }
  const gold = parseAnswer(gt);
  if (!gold.ok) return { done: { verdict: 'unparseable', method: 'parse-error', detail: `ground truth "${gt}": ${gold.error}` } };
  const ans = parseAnswer(answer);
  if (!ans.ok) return { done: { verdict: 'unparseable', method: 'parse-error', detail: `answer "${answer}": ${ans.error}` } };

  const pending = new Map<string, SympyPair>();
  const first = compareAnswers(gold.node, ans.node, (pair) => {
    const fast = fastScalar(pair);
    if (fast) return fast;
    const p = sympyPair(pair);
    pending.set(pairKey(p), p);
    return { equal: null, method: 'pending' };
  });
  if (first.equal !== null || !pending.size) return { done: fromStructure(first) };
  return { gold: gold.node, answer: ans.node, pending: [...pending.values()] };
}

const PENDING: AnswerVerdict = { verdict: 'pending', method: 'needs-interpreter', detail: 'deciding this answer needs SymPy (the Python interpreter)' };

/** The verdict as far as it can be decided without an interpreter: 'pending' where SymPy is needed. */
export function answerVerdictNow(answer: string | null | undefined, gt: string | null | undefined): AnswerVerdict {
  const prepared = prepare(answer, gt);
  return 'done' in prepared ? prepared.done : PENDING;
}

/** The full verdict; pass `executor` so what needs SymPy is decided (else it stays 'pending'). */
export async function answerVerdict(
  answer: string | null | undefined,
  gt: string | null | undefined,
  executor?: Executor,
  options: AnswerVerdictOptions = {},
): Promise<AnswerVerdict> {
  const prepared = prepare(answer, gt);
  if ('done' in prepared) return prepared.done;
  if (!executor) return PENDING;
  let outcomes: ScalarOutcome[];
  try {
    outcomes = await runSympyPairs(executor, prepared.pending, options.namespace);
  } catch (e) {
    return { verdict: 'unparseable', method: 'interpreter-error', detail: (e as Error).message };
  }
  const decided = new Map(prepared.pending.map((p, i) => [pairKey(p), outcomes[i]]));
  // The same walk, now with every scalar pair decided.
  const second = compareAnswers(prepared.gold, prepared.answer, (pair) => {
    return fastScalar(pair) ?? decided.get(pairKey(sympyPair(pair))) ?? { equal: null, method: 'missing' };
  });
  return fromStructure(second);
}

function pairKey(p: SympyPair): string {
  return `${p.gold}\u0000${p.answer}\u0000${p.rounded}\u0000${p.atomic}`;
}

/** Methods in order of strength: the verdict names the strongest one that took part. */
const METHOD_RANK = [
  'kind-mismatch', 'structure', 'symbol', 'exact', 'decimal-rounding', 'numeric', 'sympy-structural', 'sympy-rounded',
  'sympy-numeric', 'sympy-simplify', 'sympy-equals', 'sympy-error',
];

function fromStructure(r: StructureOutcome): AnswerVerdict {
  const method = r.methods.reduce((best, m) => (METHOD_RANK.indexOf(m) > METHOD_RANK.indexOf(best) ? m : best), r.methods[0] ?? 'structure');
  if (r.equal === null) return { verdict: 'unparseable', method, detail: r.detail || 'SymPy could not compare the answers' };
  return { verdict: r.equal ? 'equal' : 'different', method, detail: r.detail || (r.equal ? 'equivalent' : 'not equivalent') };
}
