/** `runChecks`: every automatic check of a sample, for the review checklist and approval. */
import { finalAnswer } from '../answer';
import type { Executor } from '../exec/types';
import { DEFAULT_EXECUTION_PROFILE, profileRun, type ExecutionProfile } from '../exec';
import type { ChatTemplate } from '../template/types';
import type { Sample } from '../sample/types';
import { answerVerdict, type AnswerVerdict } from './answer';
import { efficiencyChecks, efficiencyMetrics, type TokenCount } from './efficiency';
import { checkReproduction, structureChecks } from './structure';
import { failing, type CheckResult, type SampleChecks } from './types';

export interface RunChecksOptions {
  /** Without one, the SymPy answer comparison and the reproduction run are skipped. */
  executor?: Executor;
  tokenCounter?: TokenCount;
  /** How code runs for the reproduction and which structure rules apply (default: cort). */
  semantics?: ExecutionProfile;
  /** The chat template of the prompt CoRT scans before the response (default: DeepSeek-R1-Distill-Qwen). */
  template?: ChatTemplate;
}

export function answerCheck(v: AnswerVerdict | undefined): CheckResult {
  const base = { id: 'answer', label: 'Final answer equals ground truth' };
  if (!v) return { ...base, status: 'skipped', detail: 'the sample has no ground-truth answer' };
  switch (v.verdict) {
    case 'equal':
      return { ...base, status: 'pass', detail: `equal (${v.method})` };
    case 'different':
      return { ...base, status: 'fail', detail: `different: ${v.detail}` };
    case 'no-answer':
      return { ...base, status: 'fail', detail: v.detail };
    case 'unparseable':
      // Undecided is for a human to judge, not a reason to block.
      return { ...base, status: v.method === 'needs-interpreter' ? 'skipped' : 'warn', detail: `could not decide: ${v.detail}` };
  }
}

export async function runChecks(sample: Sample, options: RunChecksOptions = {}): Promise<SampleChecks> {
  const { executor, tokenCounter } = options;
  const profile = profileRun(options.semantics ?? DEFAULT_EXECUTION_PROFILE, sample.prompt, options.template);
  const answer = sample.gtAnswer?.trim() ? await answerVerdict(finalAnswer(sample.trace), sample.gtAnswer, executor) : undefined;
  const reproduction: CheckResult = executor
    ? await checkReproduction(sample.trace, executor, { namespace: `hint-studio:reproduction:${sample.id}`, profile })
    : { id: 'reproduction', label: 'Outputs reproduce', status: 'skipped', detail: 'no interpreter' };
  const efficiency = efficiencyMetrics(sample, tokenCounter);
  const checks = [answerCheck(answer), ...structureChecks(sample.trace, profile), reproduction, ...efficiencyChecks(efficiency)];
  return { ok: failing(checks).length === 0, checks, answer, efficiency };
}
