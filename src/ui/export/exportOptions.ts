/** The choices the export dialog offers: formats with a one-line description, chat templates. */
import type { AnyExportFormat, ExportLayout } from '../../core/export';
import { TEMPLATE_PRESETS, type ChatTemplate } from '../../core/template';
import type { StudioSettings } from '../../store/settings/settings';

export const FORMAT_LABELS: Record<AnyExportFormat, { label: string; description: string }> = {
  cort: {
    label: 'CoRT JSONL',
    description: 'One record per sample: the problem fields, prompt, response, segment offsets, output spans to mask, hints, checks and review.',
  },
  'prompt-completion': {
    label: 'Prompt / completion JSONL',
    description: 'TRL style: the chat-templated prompt and the completion (the whole reasoning trace).',
  },
  messages: { label: 'Chat messages JSONL', description: '`messages: [{role, content}]` per sample.' },
  sharegpt: { label: 'LLaMA-Factory sharegpt', description: 'sharegpt JSONL plus the dataset_info.json entry that registers it.' },
  'verl-sft': { label: 'verl SFT parquet', description: '`prompt` / `response` string columns.' },
  'verl-rl': {
    label: 'verl RL parquet',
    description: 'data_source, prompt, ability, reward_model {style, ground_truth}, extra_info; samples without a ground truth are held back.',
  },
  tokenized: {
    label: 'Tokenized JSONL',
    description: 'input_ids + labels (-100 over the prompt and interpreter output), made with the model\'s own tokenizer.json.',
  },
  'verl-multiturn': {
    label: 'verl multi-turn SFT parquet',
    description: '`messages` with each code call an assistant tool call and its output a tool turn (verl trains assistant turns only), `tools`, optionally `enable_thinking`.',
  },
  trl: {
    label: 'TRL SFT with tools',
    description: '`messages` with tool_calls and tool turns plus `tools` (train with assistant_only_loss), or conversational prompt / completion.',
  },
  axolotl: {
    label: 'axolotl chat_template',
    description: 'Records whose assistant message carries `train_detail` spans that keep the interpreter output out of the loss, plus the dataset YAML.',
  },
  'llamafactory-tools': {
    label: 'LLaMA-Factory sharegpt with tools',
    description: 'function_call / observation turns (observations are never trained) plus the dataset_info.json entry with its tags.',
  },
  openrlhf: {
    label: 'OpenRLHF SFT',
    description: '--multiturn messages with tool turns, or templated input / output records.',
  },
  dpo: {
    label: 'DPO preference pairs (TRL)',
    description: 'Per hint cut: prompt + prefix, chosen = the trace from the cut as annotated, rejected = the original continuation kept as the branch.',
  },
  prm: {
    label: 'Step labels (TRL stepwise, PRM)',
    description: '{prompt, completions, labels}: every step up to the first error, good → true, neutral and bad → false (as TRL\'s PRM800K conversion).',
  },
  'openai-messages': { label: 'OpenAI chat messages', description: 'The chat profile\'s own JSONL: assistant tool_calls and role "tool" turns.' },
  'anthropic-messages': { label: 'Anthropic messages', description: 'The chat profile\'s own JSONL: thinking, tool_use and tool_result content blocks.' },
};

export const LAYOUT_LABELS: Record<ExportLayout, string> = {
  messages: 'messages (tool turns; assistant_only_loss)',
  'prompt-completion': 'prompt / completion (conversational)',
  multiturn: 'multiturn messages (--multiturn)',
  'input-output': 'input / output (templated text)',
};

export interface TemplateOption {
  /** Select value: `preset:<id>`, `endpoint:<id>` or `tokenizer-config`. */
  key: string;
  label: string;
  template: ChatTemplate;
}

/**
 * Presets, the template of every endpoint in the settings, and the one from a loaded
 * tokenizer_config.json. The first option is the default: the active endpoint's template when
 * the settings have one (that is the model being annotated), else the DeepSeek-R1 preset.
 */
export function templateOptions(settings: StudioSettings | undefined, fromTokenizerConfig?: ChatTemplate): TemplateOption[] {
  const endpoints = settings?.endpoints ?? [];
  const active = endpoints.find((e) => e.id === settings?.activeEndpointId) ?? endpoints[0];
  const ordered = active ? [active, ...endpoints.filter((e) => e !== active)] : [];
  return [
    ...ordered.map((e) => ({ key: `endpoint:${e.id}`, label: `${e.template.name} (settings: ${e.name})`, template: e.template })),
    ...TEMPLATE_PRESETS.map((t) => ({ key: `preset:${t.id}`, label: `${t.name} (preset)`, template: t })),
    ...(fromTokenizerConfig ? [{ key: 'tokenizer-config', label: `chat_template of ${fromTokenizerConfig.name}`, template: fromTokenizerConfig }] : []),
  ];
}
