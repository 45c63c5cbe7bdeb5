/** `runChecks`: every automatic check of a sample, for the review checklist and approval. */
import { finalAnswer } from '../answer';
import type { Executor } from '../exec/types';
import { DEFAULT_PROJECT_SEMANTICS, executionSetup, type ProjectSemantics } from '../exec';
import type { ChatTemplate } from '../template/types';
import type { Sample } from '../sample/types';
import { answerVerdict, type AnswerVerdict } from './answer';
import { efficiencyChecks, efficiencyMetrics, type TokenCount } from './efficiency';
import { checkReproduction, structureChecks } from './structure';
import { failing, type CheckResult, type SampleChecks } from './types';
import { lossMaskCheck } from '../export/lossMask';
import { profileOfSample } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';

export interface RunChecksOptions {
  /** Without one, the SymPy answer comparison and the reproduction run are skipped. */
  executor?: Executor;
  tokenCounter?: TokenCount;
  /**
   * The project's choice for CoRT traces (default cort): how their code runs for the
   * reproduction and which structure rules apply. Other trace profiles run under their own
   * semantics.
   */
  semantics?: ProjectSemantics;
  /** The chat template of the prompt CoRT scans before the response (default: DeepSeek-R1-Distill-Qwen). */
  template?: ChatTemplate;
  /** Per code block in the reproduction run; default: the trace profile's own limit. */
  timeoutMs?: number;
  /** The project's profiles (built-ins + its own) the sample's profile id resolves against; the built-ins by default. */
  profiles?: ProfileRegistry;
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
    case 'pending':
      // Decided once the interpreter has run; until then neither pass nor fail.
      return { ...base, status: 'skipped', detail: `pending: ${v.detail}` };
    case 'unparseable':
      // Undecided is for a human to judge, not a reason to block.
      return { ...base, status: 'warn', detail: `could not decide: ${v.detail}` };
  }
}

/**
 * The answer verdict of a sample — the one function behind the checks, the library column
 * and filter, `hint-studio stats` and the export gate. Undefined without a ground truth.
 * Without `executor` what only SymPy can decide is 'pending'.
 */
export async function sampleAnswerVerdict(sample: Sample, executor?: Executor, profiles?: ProfileRegistry): Promise<AnswerVerdict | undefined> {
  return sample.gtAnswer?.trim() ? answerVerdict(finalAnswer(sample.trace, profileOfSample(sample, profiles).answer), sample.gtAnswer, executor) : undefined;
}

/** The checks with the answer verdict replaced (a pending one decided later by SymPy). */
export function withAnswerVerdict(checks: SampleChecks, answer: AnswerVerdict): SampleChecks {
  const rows = checks.checks.map((c) => (c.id === 'answer' ? answerCheck(answer) : c));
  return { ...checks, answer, checks: rows, ok: failing(rows).length === 0 };
}

export async function runChecks(sample: Sample, options: RunChecksOptions = {}): Promise<SampleChecks> {
  const { executor, tokenCounter } = options;
  const traceProfile = profileOfSample(sample, options.profiles);
  const setup = executionSetup(traceProfile, options.semantics ?? DEFAULT_PROJECT_SEMANTICS, sample.prompt, options.template);
  const answer = await sampleAnswerVerdict(sample, executor, options.profiles);
  const reproduction: CheckResult = executor
    ? await checkReproduction(sample.trace, executor, { namespace: `hint-studio:reproduction:${sample.id}`, profile: setup, timeoutMs: options.timeoutMs })
    : { id: 'reproduction', label: 'Outputs reproduce', status: 'skipped', detail: 'no interpreter' };
  const efficiency = efficiencyMetrics(sample, tokenCounter);
  const checks = [
    answerCheck(answer),
    ...structureChecks(sample.trace, setup),
    lossMaskCheck(sample.trace, traceProfile),
    reproduction,
    ...efficiencyChecks(efficiency),
  ];
  return { ok: failing(checks).length === 0, checks, answer, efficiency };
}
