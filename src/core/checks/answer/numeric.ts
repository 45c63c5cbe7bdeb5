/**
 * Floating-point evaluation of scalar answers, used only to *refute*: two expressions whose
 * values differ by far more than rounding error at some point cannot be equal however SymPy
 * simplifies them, so "different" is decided without an interpreter. (Equality is never
 * concluded from floats, except a decimal answer rounded to 6 places, away from a tie.)
 */
import { symbolsOf, type AnswerNode } from './ast';

interface Value {
  v: number;
  /** Largest magnitude met while computing: float error is relative to it, not to the result. */
  m: number;
}

const FACTORIAL_MAX = 170;

function factorial(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

const UNARY: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  cot: (x) => 1 / Math.tan(x), sec: (x) => 1 / Math.cos(x), csc: (x) => 1 / Math.sin(x),
  asin: Math.asin, acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
  exp: Math.exp, Abs: Math.abs, floor: Math.floor, ceiling: Math.ceil,
  factorial: (x) => (Number.isInteger(x) && x >= 0 && x <= FACTORIAL_MAX ? factorial(x) : NaN),
};

function evaluate(node: AnswerNode, env: Map<string, number>): Value | null {
  const ok = (v: number, ...parts: Value[]): Value | null =>
    Number.isFinite(v) ? { v, m: Math.max(Math.abs(v), ...parts.map((p) => p.m)) } : null;
  switch (node.type) {
    case 'number':
      return ok(Number(node.digits));
    case 'symbol': {
      const v = env.get(node.name);
      return v === undefined ? null : ok(v);
    }
    case 'constant':
      return node.name === 'pi' ? ok(Math.PI) : node.name === 'e' ? ok(Math.E) : null;
    case 'neg': {
      const a = evaluate(node.arg, env);
      return a && ok(-a.v, a);
    }
    case 'binary': {
      const l = evaluate(node.left, env);
      const r = l && evaluate(node.right, env);
      if (!l || !r) return null;
      const v = { '+': l.v + r.v, '-': l.v - r.v, '*': l.v * r.v, '/': l.v / r.v, '^': Math.pow(l.v, r.v) }[node.op];
      return ok(v, l, r);
    }
    case 'call': {
      const args = node.args.map((a) => evaluate(a, env));
      if (args.some((a) => !a)) return null;
      const [x, y] = args as Value[];
      if (node.fn in UNARY) return ok(UNARY[node.fn](x.v), x);
      if (node.fn === 'log') return ok(Math.log(x.v) / Math.log(y.v), x, y);
      if (node.fn === 'root') return ok(Math.pow(x.v, 1 / y.v), x, y);
      if (node.fn === 'binomial' && Number.isInteger(x.v) && Number.isInteger(y.v) && x.v <= FACTORIAL_MAX) {
        return ok(factorial(x.v) / (factorial(y.v) * factorial(x.v - y.v)), x, y);
      }
      return null;
    }
    default:
      return null;
  }
}

/** A stable pseudo-random value in [0.3, 1.7) per symbol and point: positive, away from 0 and 1. */
function sampleValue(name: string, point: number): number {
  let h = 2166136261 ^ point;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return 0.3 + ((h >>> 0) % 1_000_003) / 1_000_003 * 1.4;
}

/** Relative error a well-behaved double evaluation stays far below. */
const FLOAT_SLACK = 1e-9;
/** Math-Verify rounds decimals to 6 places: values this far apart round differently for sure. */
const ROUNDED_GAP = 2e-6;

/**
 * True when the two scalars certainly differ: at some sample point (every name given a
 * value) their values are further apart than float error could explain. False means
 * "could not tell", never "equal".
 */
export function certainlyDifferent(gold: AnswerNode, answer: AnswerNode, rounded: boolean): boolean {
  const names = [...symbolsOf(gold, symbolsOf(answer))];
  for (let point = 0; point < 2; point++) {
    const env = new Map(names.map((n) => [n, sampleValue(n, point)]));
    const g = evaluate(gold, env);
    const a = evaluate(answer, env);
    if (!g || !a) continue;
    const slack = FLOAT_SLACK * Math.max(1, g.m, a.m) + (rounded ? ROUNDED_GAP : 0);
    if (Math.abs(g.v - a.v) > slack) return true;
  }
  return false;
}

/**
 * For a symbol-free pair with a decimal on one side: whether both round to the same 6
 * decimals, or null when a value is too large or too near a rounding tie to trust a double.
 */
export function roundedFloatsEqual(gold: AnswerNode, answer: AnswerNode): boolean | null {
  const env = new Map<string, number>();
  const rounded: number[] = [];
  for (const node of [gold, answer]) {
    const value = evaluate(node, env);
    if (!value || value.m > 1e6) return null;
    const scaled = value.v * 1e6;
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-3) return null;
    rounded.push(Math.round(scaled));
  }
  return rounded[0] === rounded[1];
}
