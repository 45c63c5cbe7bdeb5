/**
 * Hand-made samples for the training formats: a CoRT sample annotated with a Hint-1 cut (the
 * original continuation kept as its branch) and step labels, the reference traces of ReTool,
 * rStar2 and SimpleTIR (scripts/reference/profile_traces.py), and a malformed trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample, StepLabel } from '../../sample/types';
import { buildSteps, parseTrace } from '../../trace';
import { HINT_1_DELAYED_CODE, insertHint } from '../../hints';
import { sampleOf } from '../../sample/testing/sampleOf';
import type { TraceProfileId } from '../../profiles/types';
import { sampleFromChatRecord } from '../../profiles/chat/sample';
import { approvalOf, type ReviewedSample } from '../../review';
import { PROMPT_SUFFIX } from './samples';

const NOW = '2025-01-01T00:00:00.000Z';
const LATER = '2025-01-02T00:00:00.000Z';

function base(id: string, problem: string, response: string, profile: TraceProfileId = 'cort'): Sample {
  const prompt = problem + PROMPT_SUFFIX;
  return sampleOf(response, {
    id,
    problem,
    gtAnswer: '0',
    source: 'hand-made',
    prompt,
    record: { problem, prompt },
    origin: { format: 'pasted', file: `${id}.txt` },
    status: 'approved',
    createdAt: NOW,
    updatedAt: LATER,
    ...(profile === 'cort' ? {} : { profile }),
  });
}

/** The model multiplies by hand; the annotator cuts there with Hint-1 and the model writes code. */
const ORIGINAL =
  "Okay, let's try to solve this problem step by step using multiple python code calls.\n" +
  'We need 𝑥 with 𝑥^3 = 125. Let me multiply by hand: 5*5 = 25, 25*5 = 125 🙂.\n\n' +
  'So 𝑥 = 5.\n</think>\n\nThe answer is \\boxed{5}.';
const CUT_AT = ORIGINAL.indexOf('Let me multiply');

function hintedCort(): Sample {
  const imported = base('cort-hinted', 'Find 𝑥 such that 𝑥^3 = 125.', ORIGINAL);
  imported.gtAnswer = '5';
  const hinted = insertHint(imported, CUT_AT, HINT_1_DELAYED_CODE, LATER);
  // The model completes the opened block, the interpreter answers, the model concludes.
  const continued = parseTrace(
    'import sympy as sp\nx = sp.symbols("x")\nprint(sp.solve(x**3 - 125, x)[0])\n```\n```output\n5\n```\nSo 𝑥 = 5.\n</think>\n\nThe answer is \\boxed{5}.',
  );
  const opened = hinted.trace.segments.at(-1)!;
  const [codeRest, ...rest] = continued.segments;
  const segments = [
    ...hinted.trace.segments.slice(0, -1),
    { ...opened, text: opened.text + codeRest.text, closed: true, origin: 'model' as const },
    ...rest.map((s, i) => ({ ...s, id: `m${i}`, origin: s.kind === 'output' ? ('interpreter' as const) : ('model' as const) })),
  ];
  const sample: Sample = { ...hinted, trace: { segments } };
  // Step labels: every step good up to the interpreter's answer, the hand-check after it bad.
  const labels: Record<string, StepLabel> = {};
  for (const step of buildSteps(sample.trace)) {
    if (step.kind === 'output' || step.kind === 'think-end') continue;
    labels[step.id] = { rating: step.text.startsWith('So 𝑥') ? -1 : step.kind === 'answer' ? 0 : 1, by: 'reviewer', at: LATER };
  }
  return { ...sample, stepLabels: labels };
}

type Piece = ['model' | 'interpreter', string];
const reference = JSON.parse(readFileSync(join(import.meta.dirname, '../../profiles/fixtures/reference.json'), 'utf8')) as Record<string, { pieces: Piece[] }>;
/** A reference trace (scripts/reference/profile_traces.py) as written: who wrote each piece. */
export const referencePieces = (id: string): Piece[] => reference[id].pieces;
const referenceText = (id: string) => referencePieces(id).map(([, t]) => t).join('');

/** An approved sample carries the approval of its final content, as the review records it. */
export function approved(sample: Sample): ReviewedSample {
  return sample.status === 'approved' ? { ...sample, approval: approvalOf(sample, { by: 'Ada Reviewer', at: LATER }) } : sample;
}

export const cortHinted = approved(hintedCort());
export const retoolSample = approved(base('retool-ref', 'What is 3!?', referenceText('retool'), 'retool'));
export const rstar2Sample = approved(base('rstar2-ref', 'What is 6*7?', referenceText('rstar2'), 'rstar2'));
export const simpletirSample = approved(base('simpletir-ref', 'What is 1+...+100?', referenceText('simpletir'), 'simpletir'));
/** An output the model wrote with no code before it: no chat turns can be made of it. */
export const hallucinatedOutput = approved(base('cort-hallucinated', 'What is 2+2?', 'So:\n```output\n4\n```\n</think>\n\\boxed{4}'));

/** An OpenAI conversation with a system prompt and a tool named "python". */
export const chatSample: Sample = approved({
  ...sampleFromChatRecord(JSON.parse(readFileSync(join(import.meta.dirname, '../../profiles/chat/fixtures/openai.json'), 'utf8')), { file: 'chat.jsonl', line: 1 }, NOW),
  id: 'chat-openai',
  status: 'approved',
});

export const TOOL_TEST_SAMPLES: Sample[] = [cortHinted, retoolSample, rstar2Sample, simpletirSample, chatSample, hallucinatedOutput];
