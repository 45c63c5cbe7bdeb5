/**
 * Formats with no way to keep interpreter output out of the loss. Each names a single text a
 * trainer computes the loss on as a whole (verl's single-turn SFT response, TRL's text
 * completion, an assistant message, a sharegpt `gpt` turn), and none of these frameworks
 * documents a field to mask a span inside it. A sample with interpreter output would train the
 * model to write the interpreter's text, so it is held back — with the format that does mask
 * it named — unless the user asks to keep it (`trainOnOutputs`), which the manifest then counts.
 */
import { interpreterRanges } from '../profiles/parse';
import { heldBackEntry } from './gate';
import { codePointLength } from './offsets';
import type { PreparedSample } from './prepared';
import type { AnyExportFormat, HeldBackSample } from './types';

/** Why a format cannot mask the output, and what to export instead. */
export const UNMASKED_FORMATS: Partial<Record<AnyExportFormat, string>> = {
  'verl-sft':
    "verl's single-turn SFT dataset (prompt/response) computes the loss on every response token and has no field to mask a span: export verl-multiturn (outputs become tool turns, which verl does not train) or tokenized (labels -100 over the outputs)",
  'prompt-completion':
    'TRL trains every token of a text completion (completion_only_loss only drops the prompt): export trl (outputs become tool turns; assistant_only_loss) or tokenized (labels -100 over the outputs, which TRL reads as given)',
  messages:
    'a trainer computes the loss on the whole assistant message, outputs included: export trl or openai-messages (outputs become tool turns) or tokenized',
  sharegpt:
    'LLaMA-Factory trains every gpt turn: export llamafactory-tools (outputs become observation turns, which LLaMA-Factory never trains) or tokenized',
};

/** Characters (code points) of interpreter output in a prepared sample's response (the profile's mask). */
export function interpreterCharacters(p: PreparedSample): number {
  return interpreterRanges(p.sample.trace, p.profile).reduce((n, [s, e]) => n + codePointLength(p.response.slice(s, e)), 0);
}

export interface UnmaskedSplit {
  kept: PreparedSample[];
  heldBack: HeldBackSample[];
  /** Kept samples that train on their outputs (only with trainOnOutputs). */
  trained: PreparedSample[];
  warnings: string[];
}

/** Which samples a format without a mask may carry. */
export function splitUnmasked(format: AnyExportFormat, samples: readonly PreparedSample[], trainOnOutputs: boolean): UnmaskedSplit {
  const why = UNMASKED_FORMATS[format];
  if (!why) return { kept: [...samples], heldBack: [], trained: [], warnings: [] };
  const withOutput = samples.filter((p) => interpreterCharacters(p) > 0);
  if (trainOnOutputs) {
    const chars = withOutput.reduce((n, p) => n + interpreterCharacters(p), 0);
    const warnings = withOutput.length
      ? [`${withOutput.length} of ${samples.length} samples train on their interpreter output (${chars} characters), as asked: ${why}.`]
      : [];
    return { kept: [...samples], heldBack: [], trained: withOutput, warnings };
  }
  const held = new Set(withOutput);
  return {
    kept: samples.filter((p) => !held.has(p)),
    heldBack: withOutput.map((p) => heldBackEntry(p.sample, 'format', [`it has interpreter output, which ${format} cannot keep out of the loss: ${why}`])),
    trained: [],
    warnings: [],
  };
}
