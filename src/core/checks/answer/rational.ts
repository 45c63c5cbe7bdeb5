/**
 * Exact rational arithmetic over the answer AST — the fast path that decides numeric
 * answers (integers, decimals, fractions) without starting an interpreter.
 */
import type { AnswerNode } from './ast';

export interface Rational {
  n: bigint;
  d: bigint; // > 0, gcd(n, d) = 1
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Rational | null {
  if (d === 0n) return null;
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

function fromNumeral(digits: string): Rational {
  const [whole, frac = ''] = digits.split('.');
  return make(BigInt(whole + frac), 10n ** BigInt(frac.length))!;
}

/** Exponents beyond this are left to SymPy rather than building huge integers here. */
const MAX_EXPONENT = 256n;

function power(base: Rational, e: Rational): Rational | null {
  if (e.d !== 1n || abs(e.n) > MAX_EXPONENT) return null;
  const k = abs(e.n);
  const r = make(base.n ** k, base.d ** k);
  return r && e.n < 0n ? make(r.d, r.n) : r;
}

/** The exact value of a purely numeric scalar, or null when it needs SymPy (radicals, π, symbols...). */
export function evaluateRational(node: AnswerNode): Rational | null {
  switch (node.type) {
    case 'number':
      return fromNumeral(node.digits);
    case 'neg': {
      const v = evaluateRational(node.arg);
      return v && { n: -v.n, d: v.d };
    }
    case 'binary': {
      const l = evaluateRational(node.left);
      const r = l && evaluateRational(node.right);
      if (!l || !r) return null;
      switch (node.op) {
        case '+':
          return make(l.n * r.d + r.n * l.d, l.d * r.d);
        case '-':
          return make(l.n * r.d - r.n * l.d, l.d * r.d);
        case '*':
          return make(l.n * r.n, l.d * r.d);
        case '/':
          return make(l.n * r.d, l.d * r.n);
        case '^':
          return power(l, r);
      }
      return null;
    }
    case 'call': {
      if (node.fn !== 'Abs' && node.fn !== 'floor' && node.fn !== 'ceiling') return null;
      const v = evaluateRational(node.args[0]);
      if (!v) return null;
      if (node.fn === 'Abs') return { n: abs(v.n), d: v.d };
      const down = floorDiv(v.n, v.d);
      return { n: node.fn === 'floor' || down * v.d === v.n ? down : down + 1n, d: 1n };
    }
    default:
      return null;
  }
}

/** ⌊n / d⌋ for d > 0 (BigInt division truncates toward zero). */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d > n ? q - 1n : q;
}

/**
 * The value rounded to `places` decimals, ties to even (SymPy's `round`, which Math-Verify
 * applies with `float_rounding=6`), as an integer count of 10^-places units.
 */
export function roundToPlaces(r: Rational, places = 6): bigint {
  const scaled = r.n * 10n ** BigInt(places);
  const q = floorDiv(scaled, r.d);
  const twice = 2n * (scaled - q * r.d);
  if (twice > r.d) return q + 1n;
  if (twice < r.d) return q;
  return q % 2n === 0n ? q : q + 1n;
}

export function rationalsEqual(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}

export function rationalToNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

export function formatRational(r: Rational): string {
  return r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`;
}
