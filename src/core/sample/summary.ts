/** One line of facts about a sample, shared by the library view and `hint-studio stats`. */
import { finalAnswer } from '../answer';
import { profileOfSample } from '../profiles/registry';
import type { ProfileRegistry } from '../profiles/types';
import { answerVerdictNow, verdictMatches, type Verdict } from '../checks/answer';
import type { TokenCounter } from '../tokens';
import { renderTrace } from '../trace';
import type { ReviewStatus, Sample } from './types';

export interface SampleSummary {
  id: string;
  problemExcerpt: string;
  source?: string;
  status: ReviewStatus;
  /** Tokens of the response (the trace), when a counter was given. */
  tokens?: number;
  tokensAreEstimate: boolean;
  codeBlocks: number;
  outputBlocks: number;
  /** The final boxed answer, or null when the trace has none. */
  answer: string | null;
  hasAnswer: boolean;
  /**
   * The answer verdict (core/checks/answer) as far as it is decided without an interpreter:
   * 'pending' where SymPy must decide; null when there is no ground truth or no answer.
   */
  answerVerdict: Verdict | null;
  /** true / false when the verdict is decided; null when there is nothing to compare or it is not decided. */
  answerMatches: boolean | null;
}

const EXCERPT_LENGTH = 120;

/** The problem on one line, cut at a word boundary near EXCERPT_LENGTH characters. */
export function problemExcerpt(problem: string, length = EXCERPT_LENGTH): string {
  const flat = problem.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${space > length * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function summarizeSample(sample: Sample, tokenCounter?: TokenCounter, profiles?: ProfileRegistry): SampleSummary {
  const segments = sample.trace.segments;
  const answer = finalAnswer(sample.trace, profileOfSample(sample, profiles).answer);
  const hasGroundTruth = sample.gtAnswer !== undefined && sample.gtAnswer.trim() !== '';
  const summary: SampleSummary = {
    id: sample.id,
    problemExcerpt: problemExcerpt(sample.problem),
    status: sample.status,
    tokensAreEstimate: tokenCounter?.isEstimate ?? false,
    codeBlocks: segments.filter((s) => s.kind === 'code').length,
    outputBlocks: segments.filter((s) => s.kind === 'output').length,
    answer,
    hasAnswer: answer !== null,
    answerVerdict: null,
    answerMatches: null,
  };
  if (answer !== null && hasGroundTruth) {
    const verdict = answerVerdictNow(answer, sample.gtAnswer);
    summary.answerVerdict = verdict.verdict;
    summary.answerMatches = verdictMatches(verdict);
  }
  if (sample.source !== undefined) summary.source = sample.source;
  if (tokenCounter) summary.tokens = tokenCounter.count(renderTrace(sample.trace));
  return summary;
}
