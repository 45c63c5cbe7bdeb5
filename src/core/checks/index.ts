/** Automatic checks of a sample: answer equivalence, CoRT structure, reproduction, efficiency. */
export { runChecks, answerCheck, sampleAnswerVerdict, withAnswerVerdict, type RunChecksOptions } from './run';
export { failing, type CheckResult, type CheckStatus, type SampleChecks, type EfficiencyMetrics } from './types';
export {
  structureChecks,
  checkReproduction,
  isErrorOutput,
  MAX_CODE_CALLS,
  REPRODUCTION_NAMESPACE,
  type ReproducedCell,
  type ReproductionOptions,
} from './structure';
export { efficiencyMetrics, efficiencyChecks, codeRole, type CodeRole, type TokenCount } from './efficiency';
export { answerVerdict, answerVerdictNow, verdictMatches, parseAnswer, type AnswerVerdict, type Verdict } from './answer';
