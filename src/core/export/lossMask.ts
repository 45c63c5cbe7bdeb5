/**
 * The loss mask, as CoRT's RL builds it: `response_mask` is zeroed wherever
 * `re.finditer(r'```output([\s\S]*?)```\n', response)` matches (DESIGN.md §2). The mask must
 * cover exactly the interpreter's outputs: a miss trains the model to write interpreter
 * output, an extra match hides the model's own text from the loss. Either poisons a training
 * run, so a sample whose mask is off fails this check and the export gate holds it back
 * (no override).
 *
 * What breaks it in real traces: a closing fence ending in CRLF or trailing blanks (the regex
 * wants "```\n" and runs on to the next one), an output that itself contains "```\n", an
 * output block at the very end with no "\n" after its fence, an unclosed output block, a
 * fence the parser accepts but the regex does not (```` ```Output ````, four backticks,
 * indentation), and "```output" written by the model (a hallucinated block, or the string
 * inside prose or code).
 */
import type { CheckResult } from '../checks/types';
import type { Segment, Trace } from '../trace/types';
import { cortOutputRanges } from './offsets';
import { interpreterRanges } from '../profiles/parse';
import type { TraceProfile } from '../profiles/types';

export const LOSS_MASK_CHECK_ID = 'loss-mask';
const LABEL = 'The loss mask covers exactly the interpreter outputs';

type Range = [number, number];

const isBlank = (seg: Segment) => (seg.kind === 'prose' || seg.kind === 'answer') && !/\S/.test(seg.text);
const WRITTEN_BY_A_PERSON_OR_MODEL = new Set(['model', 'annotator', 'hint']);

/**
 * Output blocks the interpreter wrote: output segments right after a code block (blank text
 * between them allowed), not written by the model or a person.
 */
export function interpreterOutputs(trace: Trace): Segment[] {
  const out: Segment[] = [];
  let previous: Segment | undefined;
  for (const seg of trace.segments) {
    if (seg.kind === 'output' && previous?.kind === 'code' && !WRITTEN_BY_A_PERSON_OR_MODEL.has(seg.origin)) out.push(seg);
    if (!isBlank(seg)) previous = seg;
  }
  return out;
}

/** Why CoRT's regex does not match this output block exactly, in the annotator's words. */
function whyUnmasked(seg: Segment, isLast: boolean): string {
  const text = seg.text;
  if (!seg.closed) return 'is never closed, so the regex finds no end';
  if (!text.startsWith('```output')) return `opens with "${text.split('\n')[0].replace(/\r$/, '')}", not exactly "\`\`\`output"`;
  const body = text.slice(text.indexOf('\n') + 1, text.lastIndexOf('```'));
  if (body.includes('```\n')) return 'contains "```" followed by a line break, where the regex stops early';
  if (text.endsWith('```\r\n')) return 'ends its closing fence with CRLF; the regex wants "```\\n" and runs on';
  if (!text.endsWith('\n')) return isLast ? 'ends the response with no line break after its closing fence' : 'has no line break after its closing fence';
  if (!text.endsWith('```\n')) return 'has blanks after its closing fence; the regex wants "```\\n"';
  return 'is matched with different bounds';
}

/** Which segment holds offset `at` (UTF-16) of the rendered trace. */
function segmentAt(trace: Trace, at: number): Segment | undefined {
  let start = 0;
  for (const seg of trace.segments) {
    if (at < start + seg.text.length) return seg;
    start += seg.text.length;
  }
  return trace.segments.at(-1);
}

/**
 * The masked ranges of the rendered response: CoRT's regex for CoRT traces; for other trace
 * profiles the profile's own rule (every output block, less a prefix the model generated).
 */
function maskedRanges(trace: Trace, response: string, profile: TraceProfile | undefined): Range[] {
  return !profile || profile.id === 'cort' ? cortOutputRanges(response) : interpreterRanges(trace, profile);
}

/** Every way the mask departs from the interpreter outputs; empty when it is exact. */
export function lossMaskProblems(trace: Trace, profile?: TraceProfile): { message: string; segmentId: string }[] {
  let response = '';
  const starts = new Map<Segment, number>();
  for (const seg of trace.segments) {
    starts.set(seg, response.length);
    response += seg.text;
  }
  const masked = maskedRanges(trace, response, profile);
  const outputs = interpreterOutputs(trace);
  // A prefix the model generated itself (ToRL's "```output" stop string) stays trained.
  const prefix = profile && profile.id !== 'cort' ? profile.mask.trainedPrefix : undefined;
  const skip = (s: Segment) => (prefix && s.text.startsWith(prefix) ? prefix.length : 0);
  const expected: Range[] = outputs.map((s) => [starts.get(s)! + skip(s), starts.get(s)! + s.text.length]);
  const key = (r: Range) => `${r[0]}:${r[1]}`;
  const maskedKeys = new Set(masked.map(key));
  const expectedKeys = new Set(expected.map(key));
  const problems: { message: string; segmentId: string }[] = [];
  outputs.forEach((seg, i) => {
    const [start, end] = expected[i];
    if (maskedKeys.has(key(expected[i]))) return;
    // Swallowed by a match that started earlier and ran on: the earlier block is the cause.
    const runOn = masked.find(([s, e]) => s < start && e >= end);
    const why = runOn ? `lies inside the mask running on from ${segmentAt(trace, runOn[0])!.id}` : whyUnmasked(seg, seg === trace.segments.at(-1));
    problems.push({ message: `output block ${seg.id} ${why}`, segmentId: seg.id });
  });
  for (const range of masked) {
    if (expectedKeys.has(key(range))) continue;
    const seg = segmentAt(trace, range[0])!;
    const what = seg.kind === 'output' ? `an output block written by ${seg.origin === 'imported' ? 'the model (no code before it)' : seg.origin}` : `${seg.kind} text`;
    // A match that starts inside an interpreter output is that output's mask running long, already reported.
    if (seg.kind === 'output' && outputs.includes(seg)) continue;
    problems.push({ message: `the regex masks ${what} in ${seg.id} (characters ${range[0]}–${range[1]})`, segmentId: seg.id });
  }
  return problems;
}

/** The check the reviewer sees and the export gate enforces. */
export function lossMaskCheck(trace: Trace, profile?: TraceProfile): CheckResult {
  const problems = lossMaskProblems(trace, profile);
  const base = { id: LOSS_MASK_CHECK_ID, label: LABEL };
  if (!problems.length) {
    const n = interpreterOutputs(trace).length;
    return { ...base, status: 'pass', detail: n ? `masks the ${n} output block${n === 1 ? '' : 's'} exactly` : 'no output blocks, nothing masked' };
  }
  return { ...base, status: 'fail', detail: problems.map((p) => p.message).join('; '), segmentIds: [...new Set(problems.map((p) => p.segmentId))] };
}
