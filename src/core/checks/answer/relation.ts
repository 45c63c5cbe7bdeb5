/**
 * Equations and inequalities, as Math-Verify treats them (grader.py `sympy_expr_eq`):
 * an assignment (`x = 5`, `y = 2x + 3`: the left side only names) stands for its value when
 * the other side is a plain value; a solution chain in the answer (`2z + a = 101`) stands
 * for its last side unless the gold is an equation; two relations compare side differences.
 */
import { onlySymbols, symbolsOf, type AnswerNode, type RelationOp } from './ast';

type Relation = Extract<AnswerNode, { type: 'relation' }>;

const isEquation = (n: AnswerNode): n is Relation => n.type === 'relation' && n.ops.every((op) => op === '=');
const isAssignment = (n: AnswerNode): n is Relation => isEquation(n) && onlySymbols(n.sides[0]);
const lastSide = (n: Relation): AnswerNode => n.sides[n.sides.length - 1];

/** The pair as Math-Verify compares it after its assignment and solution-chain rules. */
export function unwrapRelations(gold: AnswerNode, answer: AnswerNode): [AnswerNode, AnswerNode] {
  const goldEquation = isEquation(gold);
  const answerEquation = isEquation(answer);
  // `x = a = 5` compares as `x = 5`.
  const truncate = (n: AnswerNode): AnswerNode => (isAssignment(n) ? { type: 'relation', ops: ['='], sides: [n.sides[0], lastSide(n)] } : n);
  const goldAssigns = isAssignment(gold);
  [gold, answer] = [truncate(gold), truncate(answer)];
  if (answerEquation && answer.type === 'relation' && !goldEquation) answer = lastSide(answer);
  else if (goldAssigns && gold.type === 'relation' && !answerEquation) gold = lastSide(gold);
  return [gold, answer];
}

const FLIPPED: Record<RelationOp, RelationOp> = { '=': '=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
const sub = (left: AnswerNode, right: AnswerNode): AnswerNode => ({ type: 'binary', op: '-', left, right });

/**
 * For each relation of the chain, the differences to compare: `lhs - rhs` of both when the
 * ops are the same, the answer's `rhs - lhs` when it is the flipped op (`a < b` is `b > a`);
 * an equation may be written either way round. Null when the ops do not correspond.
 */
export function relationPairs(gold: Relation, answer: Relation): Array<Array<[AnswerNode, AnswerNode]>> | null {
  if (gold.ops.length !== answer.ops.length) return null;
  const pairs: Array<Array<[AnswerNode, AnswerNode]>> = [];
  for (let i = 0; i < gold.ops.length; i++) {
    const g = sub(gold.sides[i], gold.sides[i + 1]);
    const options: Array<[AnswerNode, AnswerNode]> = [];
    if (answer.ops[i] === gold.ops[i]) options.push([g, sub(answer.sides[i], answer.sides[i + 1])]);
    if (answer.ops[i] === FLIPPED[gold.ops[i]]) options.push([g, sub(answer.sides[i + 1], answer.sides[i])]);
    if (!options.length) return null;
    pairs.push(options);
  }
  return pairs;
}

const INFINITY: AnswerNode = { type: 'constant', name: 'infinity' };
const MINUS_INFINITY: AnswerNode = { type: 'neg', arg: INFINITY };

/**
 * A gold inequality in one variable as the set it describes (`x \ge 2` → `[2, \infty)`,
 * `-1 < x \le 3` → `(-1, 3]`), to compare with an answer written as an interval — as
 * Math-Verify converts a gold relation when the answer is a set. Null for other shapes.
 */
export function relationAsSet(rel: Relation): AnswerNode | null {
  const free = (n: AnswerNode) => n.type !== 'symbol' && symbolsOf(n).size === 0;
  if (rel.ops.length === 1) {
    let [left, right] = rel.sides;
    let op = rel.ops[0];
    if (right.type === 'symbol' && free(left)) [left, right, op] = [right, left, FLIPPED[op]];
    if (left.type !== 'symbol' || !free(right)) return null;
    switch (op) {
      case '=':
        return { type: 'set', items: [right] };
      case '<':
      case '<=':
        return { type: 'interval', lo: MINUS_INFINITY, hi: right, loOpen: true, hiOpen: op === '<' };
      default:
        return { type: 'interval', lo: right, hi: INFINITY, loOpen: op === '>', hiOpen: true };
    }
  }
  if (rel.ops.length === 2 && rel.sides[1].type === 'symbol' && free(rel.sides[0]) && free(rel.sides[2])) {
    const [a, , b] = rel.sides;
    const [o1, o2] = rel.ops;
    const rising = (o: RelationOp) => o === '<' || o === '<=';
    const falling = (o: RelationOp) => o === '>' || o === '>=';
    if (rising(o1) && rising(o2)) return { type: 'interval', lo: a, hi: b, loOpen: o1 === '<', hiOpen: o2 === '<' };
    if (falling(o1) && falling(o2)) return { type: 'interval', lo: b, hi: a, loOpen: o2 === '>', hiOpen: o1 === '>' };
  }
  return null;
}
