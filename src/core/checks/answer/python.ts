/**
 * The SymPy side of answer equivalence: one Python cell that compares a batch of scalar
 * pairs and prints one JSON line. Run in its own namespace so it never touches the
 * sample's variables; the pairs are data on stdin.
 */
import type { Executor } from '../../exec/types';
import type { ScalarOutcome } from './compare';
import { SYMPY_NAMES } from './sympy';

/** Relative tolerance when either side has a decimal literal (Math-Verify rounds to 6 places). */
export const DECIMAL_TOLERANCE = 1e-6;
/** Relative tolerance for the numeric fallback between exact values, where simplify can miss. */
export const EXACT_TOLERANCE = 1e-15;

export interface SympyPair {
  gold: string;
  answer: string;
  /** Either side has a decimal literal: compare up to DECIMAL_TOLERANCE. */
  approximate: boolean;
}

const MARKER = 'HINT_STUDIO_ANSWER_CHECK ';

/**
 * The one program that compares answers. It is constant: the pairs arrive as JSON on stdin,
 * never inside the code, so nothing an answer contains can become Python to run. Executors may
 * rely on that (the browser runs it only in an interpreter no sample code ever ran in).
 */
export const SYMPY_ANSWER_PROGRAM = `def _hint_studio_answer_check(payload):
    import json
    import sympy
    names = {name: getattr(sympy, name) for name in ${JSON.stringify(SYMPY_NAMES)}}

    def close(g, a, tol):
        gv, av = sympy.N(g, 30), sympy.N(a, 30)
        if not (gv.is_number and av.is_number and gv.is_finite and av.is_finite):
            return None
        return bool(abs(gv - av) <= tol * max(1, abs(gv)))

    def compare(g, a, approximate):
        if g == a:
            return [True, "sympy-structural", ""]
        if g.is_infinite or a.is_infinite:
            return [False, "sympy-structural", ""]
        if not approximate and sympy.simplify(g - a) == 0:
            return [True, "sympy-simplify", ""]
        # Strict like Math-Verify: an answer in other variables than the gold is not equal.
        if g.free_symbols != a.free_symbols:
            return [False, "symbols-differ", "different variables"]
        if not g.free_symbols:
            near = close(g, a, ${DECIMAL_TOLERANCE} if approximate else ${EXACT_TOLERANCE})
            if near is not None:
                return [near, "sympy-numeric", ""]
        if a.equals(g) is True:
            return [True, "sympy-equals", ""]
        return [False, "sympy-simplify", ""]

    results = []
    for g_src, a_src, approximate in json.loads(payload):
        try:
            g = eval(g_src, {"__builtins__": {}}, names)
            a = eval(a_src, {"__builtins__": {}}, names)
            results.append(compare(g, a, approximate))
        except Exception as exc:
            results.append([None, "sympy-error", f"{type(exc).__name__}: {exc}"[:200]])
    print(${JSON.stringify(MARKER)} + json.dumps(results))

import sys as _hint_studio_sys
_hint_studio_answer_check(_hint_studio_sys.stdin.read())
del _hint_studio_answer_check, _hint_studio_sys
`;

/** What the program reads on stdin. Pair strings come from toSympy (our own emitter). */
export function sympyInput(pairs: SympyPair[]): string {
  return JSON.stringify(pairs.map((p) => [p.gold, p.answer, p.approximate]));
}

export const ANSWER_CHECK_NAMESPACE = 'hint-studio:answer-check';
/** First use imports SymPy (2–3 s in Pyodide); simplify on a hard pair can take longer. */
const ANSWER_CHECK_TIMEOUT_MS = 60_000;

/** Run the batch; throws with a readable message when the interpreter fails. */
export async function runSympyPairs(executor: Executor, pairs: SympyPair[], namespace = ANSWER_CHECK_NAMESPACE): Promise<ScalarOutcome[]> {
  const result = await executor.run(namespace, SYMPY_ANSWER_PROGRAM, { timeoutMs: ANSWER_CHECK_TIMEOUT_MS, stdin: sympyInput(pairs) });
  const line = result.full.split('\n').find((l) => l.startsWith(MARKER));
  if (result.status !== 'ok' || !line) {
    const last = result.full.trim().split('\n').pop() ?? '';
    throw new Error(`SymPy check ${result.status}${last ? `: ${last}` : ''}`);
  }
  const rows = JSON.parse(line.slice(MARKER.length)) as Array<[boolean | null, string, string]>;
  return rows.map(([equal, method, detail]) => ({ equal, method, detail: detail || undefined }));
}
