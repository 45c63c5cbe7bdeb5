/**
 * SimpleTIR's turn cut (recipe/simpletir/agent_utils.py, `_postprocess_responses`): a turn is
 * kept only up to its first code block — `re.search(r"^(.*?)(```(?:py|python)?\n.*?\n```)",
 * turn, re.DOTALL)` — as `preceding_text.strip() + code_block.strip()`; a turn without a block
 * is kept whole. In the studio a round may start with text already in the trace (a hint, a
 * Hint-1's open block): that text stays as it is, the cut applies to what the model generated.
 */
import { pythonRstrip, pythonStrip } from '../util/pythonText';

const OPENER = /```(?:py|python)?\n/;

/** The first block of `turn` as SimpleTIR's regex finds it: [start, end). */
export function firstInlineBlock(turn: string): [number, number] | null {
  const open = OPENER.exec(turn);
  if (!open) return null;
  const close = turn.indexOf('\n```', open.index + open[0].length);
  // Past the first opener the lazy match takes the first closing after it; without one, no later opener has one either.
  return close < 0 ? null : [open.index, close + 4];
}

/**
 * The generated text of a round as SimpleTIR keeps it; `block`: whether the turn holds a code
 * block. `before`: the text of the round already in the trace (since the last output); a block
 * that ends there was an earlier call (one that printed nothing), and the turn starts after it.
 */
export function cutAfterFirstBlock(before: string, generated: string): { kept: string; block: boolean } {
  const text = before + generated;
  let turnStart = 0;
  let found: [number, number] | null;
  for (;;) {
    const next = firstInlineBlock(text.slice(turnStart));
    found = next && [next[0] + turnStart, next[1] + turnStart];
    if (!found || found[1] > before.length) break;
    turnStart = found[1];
  }
  if (!found) return { kept: generated, block: false };
  const [start, end] = found;
  if (start < before.length) return { kept: generated.slice(0, end - before.length), block: true };
  // preceding_text.strip(): its end always, its start only where the turn starts with the model's text.
  const preceding = generated.slice(0, start - before.length);
  const stripped = pythonStrip(before.slice(turnStart)) === '' ? pythonStrip(preceding) : pythonRstrip(preceding);
  return { kept: stripped + generated.slice(start - before.length, end - before.length), block: true };
}
