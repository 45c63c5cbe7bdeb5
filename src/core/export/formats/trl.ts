/**
 * TRL SFT with tool calls (docs: dataset_formats.md "Tool Calling", sft_trainer.md): either a
 * conversational language-modeling record {messages, tools} or a conversational
 * prompt-completion record {prompt, completion, tools}. Interpreter outputs are `tool` turns;
 * train with assistant_only_loss=True (with prompt-completion, completion_only_loss also
 * drops the prompt) so they carry no loss.
 */
import type { FormatOutput } from '../format-result';
import type { PreparedSample } from '../prepared';
import { sampleMessages } from './chat-messages';
import { jsonlFormat } from './jsonl';

export type TrlLayout = 'messages' | 'prompt-completion';

export const TRL_TRAINING_NOTE =
  'Train with SFTConfig(assistant_only_loss=True): interpreter outputs are tool turns, and only assistant turns may carry a loss. ' +
  'The chat template must mark assistant turns with {% generation %} (TRL patches known families such as Qwen3).';

export function trlFiles(samples: readonly PreparedSample[], layout: TrlLayout = 'messages'): FormatOutput {
  const { file, heldBack } = jsonlFormat('trl.jsonl', 'trlTools', samples, (p) => {
    const built = sampleMessages(p, { toolName: true });
    if (!built.ok) return built;
    const tools = built.tools;
    const split = built.messages.findIndex((m) => m.role === 'user') + 1;
    const record = layout === 'messages' ? { messages: built.messages, tools } : { prompt: built.messages.slice(0, split), completion: built.messages.slice(split), tools };
    return { ok: true, records: [record] };
  });
  return { files: [file], heldBack, warnings: [TRL_TRAINING_NOTE] };
}
