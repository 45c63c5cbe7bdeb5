/**
 * Structural comparison of two answers, gold first, as Math-Verify's `verify(gold, target)`
 * does it (grader.py): relations by their side differences, sets and tuples by its order
 * rules (a gold set is unordered; a gold tuple compares in the order the answer is written,
 * also when the answer is a set or a bare list), intervals by ends and openness, a number
 * against a one-element set, matrices entry by entry, a lone name by its spelling.
 * Scalars are compared by a supplied function, so the same walk serves the exact fast path
 * and the SymPy path.
 */
import { hasPercent, isAtomicDecimal, kindOf, readPercent, type AnswerNode } from './ast';
import { relationAsSet, relationPairs, unwrapRelations } from './relation';

/** Outcome of comparing two scalars. `equal: null` means it could not be decided (yet). */
export interface ScalarOutcome {
  equal: boolean | null;
  method: string;
  detail?: string;
}

/** A scalar pair and how Math-Verify compares it numerically. */
export interface ScalarPair {
  gold: AnswerNode;
  answer: AnswerNode;
  /** A decimal literal stands alone on one side: values compare rounded to 6 decimal places. */
  rounded: boolean;
  /** A plain number stands alone on one side: no 15-digit numeric comparison, only exact or simplify. */
  atomic: boolean;
}

export type ScalarComparer = (pair: ScalarPair) => ScalarOutcome;

export interface StructureOutcome {
  equal: boolean | null;
  /** Methods of the scalar comparisons that decided, or 'kind-mismatch' / 'structure' / 'symbol'. */
  methods: string[];
  detail: string;
}

const differ = (detail: string, method = 'structure'): StructureOutcome => ({ equal: false, methods: [method], detail });
const an = (kind: string) => `${/^[aei]/.test(kind) ? 'an' : 'a'} ${kind}`;
/** "a set of 3", "a single value": for messages. */
const described = (n: AnswerNode, wrapped: boolean) => (wrapped ? 'a single value' : isFinite(n) ? `${an(n.type)} of ${n.items.length}` : an(n.type));
const outcome = (r: ScalarOutcome): StructureOutcome => ({ equal: r.equal, methods: [r.method], detail: r.detail ?? '' });

type Node<T extends AnswerNode['type']> = Extract<AnswerNode, { type: T }>;
type Finite = Node<'set'> | Node<'tuple'>;
const isFinite = (n: AnswerNode): n is Finite => n.type === 'set' || n.type === 'tuple';
const isSetLike = (n: AnswerNode) => n.type === 'set' || n.type === 'interval' || n.type === 'union';

export function compareAnswers(gold: AnswerNode, answer: AnswerNode, scalar: ScalarComparer): StructureOutcome {
  [gold, answer] = unwrapRelations(gold, answer);
  if (gold.type === 'relation' && isSetLike(answer)) gold = relationAsSet(gold) ?? gold;
  const [gk, ak] = [kindOf(gold), kindOf(answer)];
  if (gk === 'relation' || ak === 'relation' || gk === 'matrix' || ak === 'matrix') {
    if (gk !== ak) return differ(`gold is ${an(gk)}, the answer ${an(ak)}`, 'kind-mismatch');
    if (gold.type === 'matrix' && answer.type === 'matrix') return compareMatrices(gold, answer, scalar);
    if (gold.type === 'relation' && answer.type === 'relation') return compareRelations(gold, answer, scalar);
  }
  if (gk !== 'scalar' || ak !== 'scalar') return compareSets(gold, answer, scalar);
  return compareScalars(gold, answer, scalar);
}

/** The answer's concatenated letters when it is a product of names (`Evelyn` parses as e·v·e·l·y·n). */
function spelling(node: AnswerNode): string | null {
  if (node.type === 'symbol') return node.name;
  if (node.type === 'constant' && node.name === 'e') return 'e';
  if (node.type === 'binary' && node.op === '*') {
    const [l, r] = [spelling(node.left), spelling(node.right)];
    return l !== null && r !== null ? l + r : null;
  }
  return null;
}

function compareScalars(gold: AnswerNode, answer: AnswerNode, scalar: ScalarComparer): StructureOutcome {
  // Math-Verify decides a lone name by spelling only: `\text{Evelyn}` = `Evelyn`, `\text{(C)}` = `C`.
  if (gold.type === 'symbol' || answer.type === 'symbol') {
    const [g, a] = [spelling(gold), spelling(answer)];
    const same = g !== null && g === a;
    const detail = same
      ? 'same name'
      : g !== null && a !== null
        ? `"${a}" is not "${g}"`
        : g !== null
          ? `the ground truth is the name "${g}"`
          : `the answer is the name "${a}", the ground truth is not a name`;
    return { equal: same, methods: ['symbol'], detail };
  }
  const rounded = isAtomicDecimal(gold) || isAtomicDecimal(answer);
  const atomic = rounded || isAtomicNumber(gold) || isAtomicNumber(answer);
  if (!hasPercent(gold) && !hasPercent(answer)) return outcome(scalar({ gold, answer, rounded, atomic }));
  // `28\%` is 28 to a grader that strips the sign and 0.28 to Math-Verify: either reading counts.
  const asUnit = scalar({ gold: readPercent(gold, false), answer: readPercent(answer, false), rounded, atomic });
  if (asUnit.equal) return outcome(asUnit);
  const asFraction = scalar({ gold: readPercent(gold, true), answer: readPercent(answer, true), rounded, atomic });
  if (asFraction.equal || (asUnit.equal === false && asFraction.equal === false)) return outcome(asFraction);
  return { equal: null, methods: [asUnit.method, asFraction.method], detail: asUnit.detail ?? asFraction.detail ?? '' };
}

function isAtomicNumber(node: AnswerNode): boolean {
  if (node.type === 'number') return true;
  return (node.type === 'neg' || node.type === 'percent') && isAtomicNumber(node.arg);
}

function compareRelations(gold: Node<'relation'>, answer: Node<'relation'>, scalar: ScalarComparer): StructureOutcome {
  // `x \in [-2, 7]` against `x = [-2, 7]`: sets have no difference to take; compare side by side.
  if ([...gold.sides, ...answer.sides].some((side) => kindOf(side) !== 'scalar')) {
    if (gold.ops.join() !== answer.ops.join()) return differ('the relations differ', 'kind-mismatch');
    return compareInOrder(gold.sides, answer.sides, scalar);
  }
  const pairs = relationPairs(gold, answer);
  if (!pairs) return differ('the relations differ', 'kind-mismatch');
  const methods: string[] = [];
  let undecided = false;
  for (const options of pairs) {
    const results = options.map(([g, a]) => scalar({ gold: g, answer: a, rounded: false, atomic: false }));
    methods.push(...results.map((r) => r.method));
    if (results.some((r) => r.equal === true)) continue;
    if (results.some((r) => r.equal === null)) undecided = true;
    else return { equal: false, methods, detail: 'the relations differ' };
  }
  return undecided ? { equal: null, methods, detail: 'could not compare the relations' } : { equal: true, methods, detail: '' };
}

function compareMatrices(gold: Node<'matrix'>, answer: Node<'matrix'>, scalar: ScalarComparer): StructureOutcome {
  const shape = (m: Node<'matrix'>) => `${m.rows.length}×${m.rows[0].length}`;
  if (shape(gold) !== shape(answer)) return differ(`matrix ${shape(answer)} vs ${shape(gold)}`);
  return compareInOrder(gold.rows.flat(), answer.rows.flat(), scalar);
}

/** An infinite end is always open (SymPy's Interval makes it so). */
function openEnd(end: AnswerNode, open: boolean): boolean {
  const inner = end.type === 'neg' ? end.arg : end;
  return open || (inner.type === 'constant' && inner.name === 'infinity');
}

/** Math-Verify's `sympy_compare_sets`: a lone value is a one-element set. */
function compareSets(gold: AnswerNode, answer: AnswerNode, scalar: ScalarComparer): StructureOutcome {
  const [gWrapped, aWrapped] = [kindOf(gold) === 'scalar', kindOf(answer) === 'scalar'];
  const g: AnswerNode = gWrapped ? { type: 'set', items: [gold] } : gold;
  const a: AnswerNode = aWrapped ? { type: 'set', items: [answer] } : answer;
  const mismatch = () => `gold is ${described(g, gWrapped)}, the answer ${described(a, aWrapped)}`;
  if (g.type === 'interval' && a.type === 'interval') {
    if (openEnd(g.lo, g.loOpen) !== openEnd(a.lo, a.loOpen) || openEnd(g.hi, g.hiOpen) !== openEnd(a.hi, a.hiOpen)) {
      return differ('interval ends differ in openness');
    }
    return compareInOrder([g.lo, g.hi], [a.lo, a.hi], scalar);
  }
  if (g.type === 'union' && a.type === 'union') {
    if (g.parts.length !== a.parts.length) return differ(`union of ${a.parts.length} vs ${g.parts.length} parts`);
    return compareAsMatching(g.parts, a.parts, scalar, 'union');
  }
  if (isFinite(g) && isFinite(a)) {
    if (g.items.length !== a.items.length) return differ(mismatch());
    // A gold set is unordered; a gold tuple takes the answer in the order it is written.
    return g.type === 'set' ? compareAsMatching(g.items, a.items, scalar, 'set') : compareInOrder(g.items, a.items, scalar);
  }
  // `(a, b)` may be read as an open interval or as a pair: against a pair, it is the pair.
  if (g.type === 'interval' && isFinite(a) && a.items.length === 2 && g.loOpen && g.hiOpen) return compareInOrder([g.lo, g.hi], a.items, scalar);
  if (a.type === 'interval' && isFinite(g) && g.items.length === 2 && a.loOpen && a.hiOpen) {
    return g.type === 'set' ? compareAsMatching(g.items, [a.lo, a.hi], scalar, 'set') : compareInOrder(g.items, [a.lo, a.hi], scalar);
  }
  return differ(mismatch(), 'kind-mismatch');
}

function compareInOrder(gold: AnswerNode[], answer: AnswerNode[], scalar: ScalarComparer): StructureOutcome {
  const methods: string[] = [];
  let undecided: StructureOutcome | null = null;
  for (let i = 0; i < gold.length; i++) {
    const r = compareAnswers(gold[i], answer[i], scalar);
    methods.push(...r.methods);
    if (r.equal === false) return { equal: false, methods, detail: `element ${i + 1} differs${r.detail ? `: ${r.detail}` : ''}` };
    if (r.equal === null) undecided ??= r;
  }
  return undecided ? { ...undecided, methods } : { equal: true, methods, detail: '' };
}

/** Sets and unions: every gold element matched by a distinct answer element (augmenting paths). */
function compareAsMatching(gold: AnswerNode[], answer: AnswerNode[], scalar: ScalarComparer, kind: string): StructureOutcome {
  let undecided = false;
  const results = gold.map((g) => answer.map((a) => compareAnswers(g, a, scalar)));
  const eq = results.map((row) =>
    row.map((r) => {
      if (r.equal === null) undecided = true;
      return r.equal === true;
    }),
  );
  const owner: number[] = answer.map(() => -1);
  const tryAssign = (gi: number, seen: boolean[]): boolean => {
    for (let ai = 0; ai < answer.length; ai++) {
      if (!eq[gi][ai] || seen[ai]) continue;
      seen[ai] = true;
      if (owner[ai] === -1 || tryAssign(owner[ai], seen)) {
        owner[ai] = gi;
        return true;
      }
    }
    return false;
  };
  const unmatched = gold.findIndex((_, gi) => !tryAssign(gi, answer.map(() => false)));
  // An equal verdict names how the matched pairs were decided; a different one, every comparison.
  if (unmatched === -1) return { equal: true, methods: owner.flatMap((gi, ai) => results[gi][ai].methods), detail: '' };
  const methods = results.flat().flatMap((r) => r.methods);
  // An unmatched element with an undecided comparison somewhere means we cannot say "different".
  if (undecided) return { equal: null, methods, detail: `could not compare every element of the ${kind}` };
  return { equal: false, methods, detail: `gold element ${unmatched + 1} has no equal in the answer ${kind}` };
}
