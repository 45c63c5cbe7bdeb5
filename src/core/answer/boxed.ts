/**
 * Final-answer extraction: the content of `\boxed{...}` (CoRT's prompt asks the model to
 * "put your final answer within \boxed{}").
 */
import type { Trace } from '../trace/types';
import { matchBrace } from './latex';

/** `\boxed` or `\fbox`, not followed by more letters (so `\boxedx` is some other macro). */
const BOX_COMMAND = /\\(?:boxed|fbox)(?![A-Za-z])/;

/**
 * The contents of every box, in order of appearance: `\boxed{...}` with nested braces,
 * and the brace-less form `\boxed 5` (one token, up to whitespace or `$`, as the common
 * math-eval scripts read it). Unclosed boxes are skipped. A box nested inside another box
 * is part of the outer box's content, not a separate entry.
 */
export function extractAllBoxed(text: string): string[] {
  const found: string[] = [];
  const re = new RegExp(BOX_COMMAND, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let i = m.index + m[0].length;
    const spaceStart = i;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '{') {
      const end = matchBrace(text, i);
      if (end === -1) continue;
      found.push(text.slice(i + 1, end - 1).trim());
      re.lastIndex = end;
    } else if (i > spaceStart) {
      const token = /^[^\s$]+/.exec(text.slice(i));
      if (token) {
        found.push(token[0]);
        re.lastIndex = i + token[0].length;
      }
    }
  }
  return found;
}

/** The content of the last box in `text`, or null. */
export function extractBoxed(text: string): string | null {
  const all = extractAllBoxed(text);
  return all.length ? all[all.length - 1] : null;
}

/** The last box found scanning `segments` from the end. */
function lastBoxIn(segments: Trace['segments']): string | null {
  for (let i = segments.length - 1; i >= 0; i--) {
    const box = extractBoxed(segments[i].text);
    if (box !== null) return box;
  }
  return null;
}

/**
 * The trace's final answer: the last box in the answer region (after the boundary: `</think>`,
 * ReTool's and rStar2's `<answer>`) if there is one there; otherwise the last box in any prose
 * (a model that ran out of budget or never closed its thinking often still boxed an answer).
 * Code blocks are never searched; output blocks only where the project's grader reads them
 * (`searchOutputs`: ToRL and SimpleTIR grade the last box of the whole response, and
 * SimpleTIR's final_answer() prints one) — elsewhere a box printed by code is not the answer.
 */
export function finalAnswer(trace: Trace, rule: { searchOutputs: boolean } = { searchOutputs: false }): string | null {
  if (rule.searchOutputs) return lastBoxIn(trace.segments.filter((s) => s.kind !== 'code' && s.kind !== 'think-end'));
  const answerRegion = trace.segments.filter((s) => s.kind === 'answer');
  return lastBoxIn(answerRegion) ?? lastBoxIn(trace.segments.filter((s) => s.kind === 'prose'));
}
