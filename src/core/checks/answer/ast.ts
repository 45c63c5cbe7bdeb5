/**
 * The answer AST: what our LaTeX answer parser produces. Small on purpose — it covers the
 * shapes competition answers take (numbers, fractions, radicals, constants, expressions,
 * equations, tuples, sets, intervals, unions, matrices, words) and nothing else, so anything
 * outside it is reported as unparseable instead of being guessed at.
 */

export type RelationOp = '=' | '<' | '<=' | '>' | '>=';

export type AnswerNode =
  /** A numeral as written, normalized: no leading zeros, no thousands separators. */
  | { type: 'number'; digits: string; decimal: boolean }
  /**
   * A letter, a Greek letter, a subscripted name (`a_1`) or a word (`\text{Evelyn}`).
   * Names are lower case: Math-Verify lower-cases every symbol, so `\text{(C)}` is `c`.
   */
  | { type: 'symbol'; name: string }
  | { type: 'constant'; name: 'pi' | 'e' | 'infinity' }
  | { type: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: AnswerNode; right: AnswerNode }
  | { type: 'neg'; arg: AnswerNode }
  /** A function application; `fn` is the SymPy function name (sqrt, root, sin, log, ...). */
  | { type: 'call'; fn: string; args: AnswerNode[] }
  /** `28\%`: equal to 28 (the sign read as a unit) and to 0.28 (read as 1/100). */
  | { type: 'percent'; arg: AnswerNode }
  /** `x = 5`, `y = 2x + 3`, `a < x \le b`: sides in order, ops between them. */
  | { type: 'relation'; ops: RelationOp[]; sides: AnswerNode[] }
  /** Ordered: `(1, 2)`, `[1, 2, 3]`. Two-element parentheses are tuples, not intervals. */
  | { type: 'tuple'; items: AnswerNode[] }
  /** Unordered: `\{1, 2\}` or a bare top-level list `1, 2`. */
  | { type: 'set'; items: AnswerNode[] }
  | { type: 'interval'; lo: AnswerNode; hi: AnswerNode; loOpen: boolean; hiOpen: boolean }
  | { type: 'union'; parts: AnswerNode[] }
  /** `\begin{pmatrix} 1 \\ 2 \end{pmatrix}`: rows of entries. */
  | { type: 'matrix'; rows: AnswerNode[][] };

/** The structural kind compared first. */
export type AnswerKind = 'scalar' | 'relation' | 'tuple' | 'set' | 'interval' | 'union' | 'matrix';

export function kindOf(node: AnswerNode): AnswerKind {
  switch (node.type) {
    case 'relation':
    case 'tuple':
    case 'set':
    case 'interval':
    case 'union':
    case 'matrix':
      return node.type;
    default:
      return 'scalar';
  }
}

/** A decimal literal standing alone (`-0.25`, `12.5\%`): then numbers compare rounded to 6 places (Math-Verify). */
export function isAtomicDecimal(node: AnswerNode): boolean {
  switch (node.type) {
    case 'number':
      return node.decimal;
    case 'neg':
    case 'percent':
      return isAtomicDecimal(node.arg);
    default:
      return false;
  }
}

/** Whether a percent sign occurs in a scalar (then two readings are tried). */
export function hasPercent(node: AnswerNode): boolean {
  switch (node.type) {
    case 'percent':
      return true;
    case 'binary':
      return hasPercent(node.left) || hasPercent(node.right);
    case 'neg':
      return hasPercent(node.arg);
    case 'call':
      return node.args.some(hasPercent);
    default:
      return false;
  }
}

/** The scalar with every percent sign read as a unit (`28\%` → 28) or as 1/100 (→ 28/100). */
export function readPercent(node: AnswerNode, asFraction: boolean): AnswerNode {
  switch (node.type) {
    case 'percent': {
      const arg = readPercent(node.arg, asFraction);
      return asFraction ? { type: 'binary', op: '/', left: arg, right: { type: 'number', digits: '100', decimal: false } } : arg;
    }
    case 'binary':
      return { ...node, left: readPercent(node.left, asFraction), right: readPercent(node.right, asFraction) };
    case 'neg':
      return { ...node, arg: readPercent(node.arg, asFraction) };
    case 'call':
      return { ...node, args: node.args.map((a) => readPercent(a, asFraction)) };
    default:
      return node;
  }
}

/** Symbol names occurring in a scalar. */
export function symbolsOf(node: AnswerNode, into = new Set<string>()): Set<string> {
  switch (node.type) {
    case 'symbol':
      into.add(node.name);
      break;
    case 'binary':
      symbolsOf(node.left, into);
      symbolsOf(node.right, into);
      break;
    case 'neg':
    case 'percent':
      symbolsOf(node.arg, into);
      break;
    case 'call':
      for (const a of node.args) symbolsOf(a, into);
      break;
    default:
      break;
  }
  return into;
}

/** Math-Verify's "expression of only symbols" (`x`, `f(x)`, `a+b`): the left side of an assignment. */
export function onlySymbols(node: AnswerNode): boolean {
  switch (node.type) {
    case 'symbol':
      return true;
    case 'binary':
      return onlySymbols(node.left) && onlySymbols(node.right);
    case 'neg':
      return onlySymbols(node.arg);
    case 'call':
      return node.args.every(onlySymbols);
    default:
      return false;
  }
}
