/**
 * OpenRLHF SFT (openrlhf/datasets/sft_dataset.py).
 * - 'multiturn' (default): {messages} for `--multiturn --apply_chat_template --input_key messages`;
 *   OpenRLHF computes the loss on assistant turns only, so outputs (tool turns) are masked.
 * - 'input-output': {input, output} for `--input_key input --output_key output` without
 *   --apply_chat_template: `input` is the templated prompt, `output` the response. OpenRLHF
 *   trains on the whole output, so a sample with interpreter output is held back rather than
 *   letting its outputs be trained on.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import { sampleMessages } from './chat-messages';
import { jsonlFormat } from './jsonl';

export type OpenRlhfLayout = 'multiturn' | 'input-output';

export function openRlhfFiles(samples: readonly PreparedSample[], layout: OpenRlhfLayout = 'multiturn'): FormatOutput {
  const { file, heldBack } = jsonlFormat('openrlhf.jsonl', 'openrlhf', samples, (p) => {
    if (layout === 'input-output') {
      if (p.sample.trace.segments.some((s) => s.kind === 'output')) {
        return { ok: false, reason: 'has interpreter output, which --input_key/--output_key would train on: use the multiturn layout' };
      }
      return { ok: true, records: [{ input: p.templatedPrompt, output: p.response }] };
    }
    const built = sampleMessages(p);
    return built.ok ? { ok: true, records: [{ messages: built.messages }] } : built;
  });
  const flags =
    layout === 'multiturn'
      ? 'OpenRLHF flags: --multiturn --apply_chat_template --input_key messages'
      : 'OpenRLHF flags: --input_key input --output_key output (no --apply_chat_template: input is already templated)';
  return { files: [file], heldBack, warnings: [flags] };
}
