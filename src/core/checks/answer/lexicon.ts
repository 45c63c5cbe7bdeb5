/**
 * What the answer parser (parse.ts) knows by name — LaTeX function, Greek-letter, relation
 * and matrix commands — and the node builders it shares.
 */
import { kindOf, type AnswerNode, type RelationOp } from './ast';
import { AnswerSyntaxError } from './tokenize';

/** LaTeX function commands → SymPy function names. */
export const FUNCTIONS: Record<string, string> = {
  sin: 'sin', cos: 'cos', tan: 'tan', cot: 'cot', sec: 'sec', csc: 'csc',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  ln: 'log', log: 'log', exp: 'exp',
};

export const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta',
  'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'phi', 'varphi', 'chi',
  'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);

export const RELATIONS: Record<string, RelationOp> = {
  '=': '=', '<': '<', '>': '>', in: '=', equiv: '=', le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=', lt: '<', gt: '>',
};
export const MATRICES = new Set(['pmatrix', 'bmatrix', 'Bmatrix', 'matrix', 'smallmatrix']);
/** Commands that never start an implicit factor (`2\cdot 3`, `a \cup b`, ...). */
export const NOT_FACTORS = new Set(['cdot', 'times', 'div', 'cup', 'pm', 'mp', 'approx', '}', '%', 'rfloor', 'rceil', '\\', ...Object.keys(RELATIONS)]);

type NumberNode = Extract<AnswerNode, { type: 'number' }>;
export const num = (digits: string, decimal = false): NumberNode => ({ type: 'number', digits, decimal });
/** Arithmetic only on values: `2(1, 2)` or `[0, 1] + 3` is not an answer we can read. */
export function operand(node: AnswerNode): AnswerNode {
  if (kindOf(node) !== 'scalar') throw new AnswerSyntaxError(`a ${node.type} cannot be part of an expression`);
  return node;
}
export const bin = (op: '+' | '-' | '*' | '/' | '^', left: AnswerNode, right: AnswerNode): AnswerNode => ({ type: 'binary', op, left: operand(left), right: operand(right) });

/** Numerals as values: `025` → `25`, `1.50` → `1.5`, `.5` → `0.5`, `3.` → `3`. */
export function normalizeNumeral(raw: string): NumberNode {
  let [whole, frac = ''] = raw.split('.');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  return frac ? num(`${whole}.${frac}`, true) : num(whole);
}

/** `\text{(C)}` → `c`, `\text{ Evelyn }` → `evelyn`: Math-Verify reads text as a lower-case symbol without spaces or parentheses. */
export function textAtom(text: string): AnswerNode | null {
  const name = text.replace(/[\s()]/g, '').toLowerCase();
  if (!name) return null;
  return /^\d+(?:\.\d+)?$/.test(name) ? normalizeNumeral(name) : { type: 'symbol', name };
}
