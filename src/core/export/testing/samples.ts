/**
 * Hand-made samples for the export tests and golden files: what an annotator produces with
 * hints, code, interpreter output, astral characters, and the messy cases (CRLF fence).
 */
import type { Sample } from '../../sample/types';
import type { Segment } from '../../trace/types';
import { makeCodeSegment, makeOutputSegment } from '../../trace';
import { approvalOf, type ReviewedSample } from '../../review';

/** CoRT's prompt suffix, after the problem. */
export const PROMPT_SUFFIX =
  '\nPlease integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}.';

export const PROMPT_HINT = "Okay, let's try to solve this problem step by step using multiple python code calls.";
export const HINT_1 = 'It looks tedious, and we can use python code to simplify the reasoning.';
export const HINT_2 = "We don't need to doubt the accuracy of python calculations.";

function prose(id: string, text: string, extra: Partial<Segment> = {}): Segment {
  return { id, kind: 'prose', text, origin: 'model', ...extra };
}

function problemRecord(problem: string, gtAnswer: string): Record<string, unknown> {
  return { problem, gt_answer: gtAnswer, prompt: problem + PROMPT_SUFFIX, source: 'aime24' };
}

/** An approved sample carries the approval of its content, as the review records it. */
function sample(id: string, problem: string, gtAnswer: string, segments: Segment[], extra: Partial<Sample> = {}): ReviewedSample {
  const prompt = problem + PROMPT_SUFFIX;
  const made: ReviewedSample = {
    id,
    problem,
    gtAnswer,
    source: 'aime24',
    prompt,
    record: problemRecord(problem, gtAnswer),
    origin: { format: 'cort-inference', file: 'aime24.jsonl', line: 1, genIndex: 0 },
    original: '',
    trace: { segments },
    branches: [],
    status: 'approved',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
    ...extra,
  };
  if (made.status === 'approved') made.approval = approvalOf(made, { by: 'Ada Reviewer', at: '2025-01-02T00:00:00.000Z' });
  return made;
}

/** Prompt-hint, Hint-1 with code and output, Hint-2, think end, boxed answer; 🙂 and 𝑥 shift UTF-16 offsets. */
export const hintedSample: Sample = sample('sample-hinted', 'Find 𝑥 such that 𝑥^3 = 125.', '5', [
  prose('h0', PROMPT_HINT, { origin: 'hint', hintType: 'prompt-hint' }),
  prose('p1', '\nWe need 𝑥 with 𝑥^3 = 125 🙂. '),
  prose('h1', HINT_1 + '\n', { origin: 'hint', hintType: 'hint-1' }),
  makeCodeSegment('import sympy as sp\nx = sp.symbols("x")\nprint(sp.solve(x**3 - 125, x))', 'python', { id: 'c1', origin: 'model' }),
  makeOutputSegment('[5, -5/2 - 5*sqrt(3)*I/2, -5/2 + 5*sqrt(3)*I/2]', { id: 'o1' }),
  prose('h2', HINT_2, { origin: 'hint', hintType: 'hint-2' }),
  prose('p2', ' The real root is 5 ✅.\n'),
  { id: 't', kind: 'think-end', text: '</think>', origin: 'model' },
  { id: 'a', kind: 'answer', text: '\n\nThe answer is \\boxed{5}.', origin: 'model' },
], {
  // The generation before the hints: the logprob and length describe it, not the hinted trace.
  original: 'We need 𝑥 with 𝑥^3 = 125. Let me expand (𝑥 - 5)(𝑥^2 + 5𝑥 + 25) by hand...\n</think>\n\nThe answer is \\boxed{5}.',
  record: { ...problemRecord('Find 𝑥 such that 𝑥^3 = 125.', '5'), gen_cumulative_logprob: -812.25, gen_cumulative_seq_len: 1530 },
});

/**
 * An output block whose closing fence has a CRLF: CoRT's regex does not end the match there
 * and runs on to the next "```\n" (the code fence after it), so the gate holds it back.
 */
export const crlfSample: Sample = sample('sample-crlf', 'Compute 2+2.', '4', [
  prose('p0', 'Compute.\n'),
  makeCodeSegment('print(2+2)', 'python', { id: 'c1', origin: 'model' }),
  { id: 'o1', kind: 'output', text: '```output\n4\n```\r\n', origin: 'interpreter', lang: 'output', closed: true },
  prose('p1', 'Check again:\n'),
  makeCodeSegment('print(4)', 'python', { id: 'c2', origin: 'model' }),
  makeOutputSegment('4', { id: 'o2' }),
  { id: 't', kind: 'think-end', text: '</think>', origin: 'model' },
  { id: 'a', kind: 'answer', text: '\\boxed{4}', origin: 'model' },
]);

/** A draft: never exported unless include = 'all'. */
export const draftSample: Sample = sample(
  'sample-draft',
  'What is 3*3?',
  '9',
  [prose('p0', 'It is 9.\n'), { id: 't', kind: 'think-end', text: '</think>', origin: 'model' }, { id: 'a', kind: 'answer', text: '\\boxed{9}', origin: 'model' }],
  { status: 'draft' },
);

/** Approved, but its final answer is wrong: a check (in tests) fails on it. */
export const wrongAnswerSample: Sample = sample(
  'sample-wrong',
  'What is 6*7?',
  '42',
  [prose('p0', 'Surely 41.\n'), { id: 't', kind: 'think-end', text: '</think>', origin: 'model' }, { id: 'a', kind: 'answer', text: '\\boxed{41}', origin: 'model' }],
  {
    // Unedited since import: the generation's own statistics stay.
    original: 'Surely 41.\n</think>\\boxed{41}',
    origin: { format: 'cort-inference', file: 'mixed.jsonl', line: 7, genIndex: 2 },
    record: { ...problemRecord('What is 6*7?', '42'), gen_cumulative_logprob: -20.5, gen_cumulative_seq_len: 9 },
  },
);

export const ALL_TEST_SAMPLES: Sample[] = [hintedSample, crlfSample, draftSample, wrongAnswerSample];
