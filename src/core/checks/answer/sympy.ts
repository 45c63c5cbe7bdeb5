/**
 * AnswerNode (scalar) → a SymPy expression string, evaluated on the Python side in a
 * namespace that holds exactly the names used here (see python.ts). Integers are wrapped
 * in `Integer(...)` so `1/2` stays exact instead of becoming Python's float 0.5.
 */
import type { AnswerNode } from './ast';

/** Every SymPy name the emitted strings may use; python.ts imports exactly these. */
export const SYMPY_NAMES = [
  'Integer', 'Float', 'Symbol', 'pi', 'E', 'oo', 'sqrt', 'root', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc',
  'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'log', 'exp', 'factorial', 'binomial', 'Abs', 'floor', 'ceiling',
] as const;

const CONSTANTS = { pi: 'pi', e: 'E', infinity: 'oo' } as const;

export function toSympy(node: AnswerNode): string {
  switch (node.type) {
    case 'number':
      // 30 significant digits so a long decimal like 1.5707963267948966 survives intact.
      return node.decimal ? `Float('${node.digits}', 30)` : `Integer(${node.digits})`;
    case 'symbol':
      // Real, as Math-Verify declares its symbols (unless the answer looks complex).
      return `Symbol(${JSON.stringify(node.name)}, real=True)`;
    case 'constant':
      return CONSTANTS[node.name];
    case 'neg':
      return `(-${toSympy(node.arg)})`;
    case 'binary':
      return `(${toSympy(node.left)} ${node.op === '^' ? '**' : node.op} ${toSympy(node.right)})`;
    case 'call':
      return `${node.fn}(${node.args.map(toSympy).join(', ')})`;
    default:
      throw new Error(`toSympy: ${node.type} is not a scalar`);
  }
}
