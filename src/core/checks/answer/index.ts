/** Answer equivalence: our LaTeX answer parser + SymPy in the interpreter, following Math-Verify. See docs/answer-equivalence.md. */
export { answerVerdict, answerVerdictNow, verdictMatches, type AnswerVerdict, type AnswerVerdictOptions, type Verdict } from './verdict';
export { parseAnswer, type ParsedAnswer } from './parse';
export { cleanAnswer } from './clean';
export { toSympy } from './sympy';
export type { AnswerNode, AnswerKind } from './ast';
