/**
 * The SymPy side of answer equivalence: one Python program that compares a batch of scalar
 * pairs and prints one JSON line. It runs as a script (fresh globals, state put back after),
 * so it never touches any sample's variables; the pairs are data on stdin.
 */
import type { Executor } from '../../exec/types';
import type { ScalarOutcome } from './compare';
import { SYMPY_NAMES } from './sympy';

export interface SympyPair {
  gold: string;
  answer: string;
  /** A decimal stands alone on one side: compare rounded to 6 decimal places (Math-Verify's float_rounding). */
  rounded: boolean;
  /** A plain number stands alone on one side: skip the 15-digit numeric test (Math-Verify does). */
  atomic: boolean;
}

const MARKER = 'HINT_STUDIO_ANSWER_CHECK ';

/**
/**
 * The one program that compares answers. It is constant: the pairs arrive as JSON on stdin,
 * never inside the code, so nothing an answer contains can become Python to run. Executors may
 * rely on that (the browser runs it only in an interpreter no sample code ever ran in). The
 * order of tests is Math-Verify's `sympy_expr_eq` for two scalars: structural equality;
 * rounded to 6 places when a decimal stands alone, else `(g - a).evalf(15, chop)` unless a
 * plain number stands alone; `simplify(g - a)` is zero. Then, beyond Math-Verify, SymPy's
 * `equals` for constants, which proves some equalities `simplify` misses.
 */
export const SYMPY_ANSWER_PROGRAM = `def _hint_studio_answer_check(payload):
    import json
    import sympy
    names = {name: getattr(sympy, name) for name in ${JSON.stringify(SYMPY_NAMES)}}

    def compare(g, a, rounded, atomic):
        if g == a:
            return [True, "sympy-structural", ""]
        if g.is_infinite or a.is_infinite:
            return [False, "sympy-structural", ""]
        if rounded:
            try:
                if g.round(6) == a.round(6):
                    return [True, "sympy-rounded", ""]
            except Exception:
                pass
        elif not atomic:
            try:
                if (g - a).evalf(15, chop=True) == 0:
                    return [True, "sympy-numeric", ""]
            except Exception:
                pass
        if sympy.simplify(g - a).is_zero:
            return [True, "sympy-simplify", ""]
        if not g.free_symbols and not a.free_symbols and not rounded and a.equals(g) is True:
            return [True, "sympy-equals", ""]
        return [False, "sympy-simplify", ""]

    results = []
    for g_src, a_src, rounded, atomic in json.loads(payload):
        try:
            g = eval(g_src, {"__builtins__": {}}, names)
            a = eval(a_src, {"__builtins__": {}}, names)
            results.append(compare(g, a, rounded, atomic))
        except Exception as exc:
            results.append([None, "sympy-error", f"{type(exc).__name__}: {exc}"[:200]])
    print(${JSON.stringify(MARKER)} + json.dumps(results))

import sys
_hint_studio_answer_check(sys.stdin.read())
`;

/** What the program reads on stdin. Pair strings come from toSympy (our own emitter). */
export function sympyInput(pairs: SympyPair[]): string {
  return JSON.stringify(pairs.map((p) => [p.gold, p.answer, p.rounded, p.atomic]));
}

export const ANSWER_CHECK_NAMESPACE = 'hint-studio:answer-check';
/** First use imports SymPy (2–3 s in Pyodide); simplify on a hard pair can take longer. */
const ANSWER_CHECK_TIMEOUT_MS = 60_000;

/** Run the batch; throws with a readable message when the interpreter fails. */
export async function runSympyPairs(executor: Executor, pairs: SympyPair[], namespace = ANSWER_CHECK_NAMESPACE): Promise<ScalarOutcome[]> {
  const result = await executor.run(namespace, SYMPY_ANSWER_PROGRAM, { timeoutMs: ANSWER_CHECK_TIMEOUT_MS, mode: 'script', stdin: sympyInput(pairs) });
  const line = result.full.split('\n').find((l) => l.startsWith(MARKER));
  if (result.status !== 'ok' || !line) {
    const last = result.full.trim().split('\n').pop() ?? '';
    throw new Error(`SymPy check ${result.status}${last ? `: ${last}` : ''}`);
  }
  const rows = JSON.parse(line.slice(MARKER.length)) as Array<[boolean | null, string, string]>;
  return rows.map(([equal, method, detail]) => ({ equal, method, detail: detail || undefined }));
}
