/**
 * The checks gate's verdicts, computed one way for the studio's export dialog and for
 * `hint-studio export`: the automatic checks (core/checks) of every sample, reduced to
 * "ok, or these failing checks". Sharing this function is what lets the studio's download
 * and the CLI's files agree byte for byte, also for samples the gate holds back.
 */
import { failing, runChecks, type SampleChecks, type TokenCount } from '../checks';
import type { Executor } from '../exec/types';
import type { ProjectSemantics } from '../exec/semantics/profile';
import type { ReviewedSample } from '../review';
import { approvalState } from '../review/approval';
import type { Sample } from '../sample/types';
import type { ProfileRegistry } from '../profiles/types';
import type { CheckResult, ExportGate } from './types';

/** Sample id → gate verdict. */
export type ExportVerdicts = Map<string, CheckResult>;

export interface ExportVerdictOptions {
  /**
   * The Python interpreter. With it the gate includes the SymPy answer comparison and the
   * reproduction run ("outputs not reproduced by a fresh run"); without it those two checks
   * are skipped rather than guessed.
   */
  executor?: Executor;
  /** Only feeds the efficiency rows, which warn but never fail; accepted so callers can share one counter. */
  tokenCounter?: TokenCount;
  /** Check results already computed for a sample's current content (the studio's checks cache). */
  known?: (sample: Sample) => SampleChecks | undefined;
  /** Per code block in the reproduction run; default: each trace profile's own limit. */
  timeoutMs?: number;
  /** How the reproduction runs code (default cort). */
  semantics?: ProjectSemantics;
  /** The project's profiles (built-ins + its own); the built-ins by default. */
  profiles?: ProfileRegistry;
}

/**
 * A sample's gate verdict: ok, or the failing checks as readable reasons ("label: detail").
 * An answer still pending (only SymPy can decide it, and no interpreter ran) is not a pass:
 * the gate cannot vouch for a verdict it does not have.
 */
export function verdictOf(checks: SampleChecks): CheckResult {
  const reasons = failing(checks).map((c) => `${c.label}: ${c.detail}`);
  if (checks.answer?.verdict === 'pending') reasons.push(`answer not decided yet: ${checks.answer.detail}`);
  return { ok: reasons.length === 0, reasons };
}

/**
 * Runs the automatic checks the gate needs. Samples are checked one after another: with an
 * interpreter every check queues cells on the same runtime anyway, and a sequential run keeps
 * a reproduction's namespace from interleaving with the next sample's.
 */
export async function exportVerdicts(samples: readonly Sample[], options: ExportVerdictOptions = {}): Promise<ExportVerdicts> {
  const { executor, tokenCounter, known, semantics } = options;
  const verdicts: ExportVerdicts = new Map();
  for (const sample of samples) {
    const checks = known?.(sample) ?? (await runChecks(sample, { executor, tokenCounter, timeoutMs: options.timeoutMs, profiles: options.profiles, ...(semantics ? { semantics } : {}) }));
    verdicts.set(sample.id, verdictOf(checks));
  }
  return verdicts;
}

/** The gate over precomputed verdicts; a sample without one is held back, never waved through. */
export function verdictGate(verdicts: ExportVerdicts): ExportGate {
  return { checks: (sample) => verdicts.get(sample.id) ?? { ok: false, reasons: ['not checked yet'] } };
}

/**
 * Overrides a reviewer already gave: a sample approved although its checks failed carries
 * the reviewer's reason (core/review), which the export takes over instead of asking again.
 * The studio's dialog starts from these and the CLI applies them, so both export the same set.
 */
export function reviewOverrides(samples: readonly Sample[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const sample of samples as readonly ReviewedSample[]) {
    const review = sample.review;
    // Only an approval of the current content: an override given for other text does not carry over.
    if (approvalState(sample).status === 'approved' && review?.status === 'approved' && review.overrideReason) {
      overrides[sample.id] = `approved by ${review.by || 'a reviewer'} despite failing checks: ${review.overrideReason}`;
    }
  }
  return overrides;
}
