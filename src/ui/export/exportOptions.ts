/** The choices the export dialog offers: formats with a one-line description, chat templates. */
import type { ExportFormat } from '../../core/export';
import { TEMPLATE_PRESETS, type ChatTemplate } from '../../core/template';
import type { StudioSettings } from '../../store/settings/settings';

export const FORMAT_LABELS: Record<ExportFormat, { label: string; description: string }> = {
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
