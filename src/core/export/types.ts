/**
 * Contracts of the exporters: what the studio and the CLI pass in, what comes back.
 * Everything here is plain data so the same call works in the browser and in Node.
 */
import type { ExecutionSemantics, ProjectSemantics } from '../exec/semantics/profile';
import type { Sample } from '../sample/types';
import type { ChatTemplate } from '../template';
import type { ProfileRegistry, TraceProfile, TraceProfileId } from '../profiles/types';

/** The training-data layouts the studio writes. */
export type ExportFormat =
  /** CoRT JSONL with segments, output spans, hints, stats, checks and review (the default). */
  | 'cort'
  /** TRL / OpenAI style: chat-templated `prompt` string + `completion` (reasoning kept). */
  | 'prompt-completion'
  /** `messages: [{role, content}]` JSONL. */
  | 'messages'
  /** LLaMA-Factory sharegpt JSONL plus its `dataset_info.json` entry. */
  | 'sharegpt'
  /** verl SFT parquet: `prompt` / `response` string columns. */
  | 'verl-sft'
  /** verl RL parquet: data_source, prompt [{role, content}], ability, reward_model, extra_info. */
  | 'verl-rl'
  /** `input_ids` + `labels` JSONL made with the user's own tokenizer. */
  | 'tokenized';

/**
 * Training formats for tool-integrated traces (issue 12). Kept apart from ExportFormat because
 * the studio's export dialog does not offer them; the CLI and exportSamples take both.
 */
export type TrainingFormat =
  /** verl multi-turn SFT parquet: `messages` with code as assistant tool_calls and outputs as tool turns, `tools`. */
  | 'verl-multiturn'
  /** TRL SFT with tool calls: {messages, tools} (or conversational prompt/completion); train with assistant_only_loss. */
  | 'trl'
  /** axolotl chat_template records whose assistant message carries `train_detail` spans masking the outputs. */
  | 'axolotl'
  /** LLaMA-Factory sharegpt with function_call / observation turns, plus its dataset_info.json entry. */
  | 'llamafactory-tools'
  /** OpenRLHF SFT: --multiturn messages (or templated input/output without outputs). */
  | 'openrlhf'
  /** TRL preference pairs from hint cuts: chosen = annotated trace from the cut, rejected = the cut branch. */
  | 'dpo'
  /** TRL stepwise supervision {prompt, completions, labels} from step labels. */
  | 'prm'
  /** OpenAI chat messages with tool_calls and tool turns (the chat profile's own format). */
  | 'openai-messages'
  /** Anthropic messages with thinking / tool_use / tool_result blocks (the chat profile's own format). */
  | 'anthropic-messages';

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'cort',
  'prompt-completion',
  'messages',
  'sharegpt',
  'verl-sft',
  'verl-rl',
  'tokenized',
];

export const TRAINING_FORMATS: readonly TrainingFormat[] = [
  'verl-multiturn',
  'trl',
  'axolotl',
  'llamafactory-tools',
  'openrlhf',
  'dpo',
  'prm',
  'openai-messages',
  'anthropic-messages',
];

/** Every format exportSamples writes. */
export type AnyExportFormat = ExportFormat | TrainingFormat;
export const ALL_EXPORT_FORMATS: readonly AnyExportFormat[] = [...EXPORT_FORMATS, ...TRAINING_FORMATS];

/** Record layouts a format offers: TRL 'messages' | 'prompt-completion', OpenRLHF 'multiturn' | 'input-output'. */
export type ExportLayout = 'messages' | 'prompt-completion' | 'multiturn' | 'input-output';

/** The layouts each format offers; the first is its default. */
export const FORMAT_LAYOUTS: Partial<Record<AnyExportFormat, readonly ExportLayout[]>> = {
  trl: ['messages', 'prompt-completion'],
  openrlhf: ['multiturn', 'input-output'],
};

/**
 * The little a tokenizer must do for the tokenized export. `encode` must NOT add BOS/EOS of
 * its own (the chat template already wrote them) but must recognise special tokens written
 * in the text, as `@lenml/tokenizers` does with `add_special_tokens: false`.
 */
export interface TokenizerLike {
  /** Shown in the manifest, e.g. "DeepSeek-R1-Distill-Qwen-1.5B tokenizer.json". */
  name?: string;
  encode(text: string): number[];
  /** Appended after the response (and trained on) when given, as SFT trainers do. */
  eosTokenId?: number;
}

/** The result of the quality checks for one sample. */
export interface CheckResult {
  ok: boolean;
  reasons: string[];
}

/** Where the export asks whether a sample may leave the studio. Checks plug in here. */
export interface ExportGate {
  checks?: (sample: Sample) => CheckResult;
}

export interface ExportOptions {
  /** Defaults to 'cort'. */
  format?: AnyExportFormat;
  /** 'approved' (default): only samples whose review status is approved. */
  include?: 'approved' | 'all';
  gate?: ExportGate;
  /** Sample ids exported although their checks fail; listed in the manifest. */
  overrides?: string[];
  /**
   * Sample id → why it is exported despite failing checks. Recorded in the manifest for the
   * overrides that actually let a failing sample through; reasons for other ids are dropped.
   */
  overrideReasons?: Record<string, string>;
  /** Defaults to the DeepSeek-R1-Distill-Qwen preset. */
  chatTemplate?: ChatTemplate;
  /** Required for 'tokenized'; optional otherwise (adds token statistics to the manifest). */
  tokenizer?: TokenizerLike;
  /**
   * Called after each sample the tokenizer encoded (the tokenized format, token statistics),
   * with how many of how many; it may throw to stop the export (a cancelled download).
   */
  onTokenized?: (done: number, total: number) => void;
  studioVersion: string;
  pyodideVersion?: string;
  /** Settings worth recording (sampling, limits...). Secrets are dropped before writing. */
  settings?: Record<string, unknown>;
  /**
   * The execution profile the outputs and checks follow, written into the manifest and every
   * CoRT record; defaults to `settings.semantics`, else 'cort' (see executionProfileOf).
   */
  semantics?: ProjectSemantics;
  /** ISO time written into the manifest; fixed by the caller so the output is reproducible. */
  exportedAt: string;
  /** verl RL `extra_info.split`; defaults to 'train'. */
  split?: string;
  /**
   * Convert every sample's trace to this profile before writing (code and outputs re-written in
   * its markers). A sample whose conversion does not survive the round trip back is held back.
   */
  convertTo?: TraceProfileId;
  /**
   * The profiles sample ids and convertTo resolve against: the built-ins and the project's own
   * (profileRegistry). Defaults to the built-ins; an id it does not know is an error.
   */
  profiles?: ProfileRegistry;
  /** Record layout for 'trl' (default 'messages') and 'openrlhf' (default 'multiturn'). */
  layout?: ExportLayout;
  /** verl-multiturn: write an `enable_thinking` column with this value (omitted when unset). */
  enableThinking?: boolean;
  /**
   * Formats that cannot keep interpreter output out of the loss (verl-sft, prompt-completion,
   * messages, sharegpt) hold back every sample with output; true keeps them, trained on their
   * outputs, and the manifest says how many (`outputsTrained`).
   */
  trainOnOutputs?: boolean;
}

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
}

/** Which rule held a sample back: its review, its loss mask, its checks, or the format. */
export type HeldBackStage = 'review' | 'loss-mask' | 'checks' | 'format';

export interface HeldBackSample {
  sampleId: string;
  /** The start of the problem on one line (≤ 80 characters), so people can tell samples apart. */
  problem: string;
  stage: HeldBackStage;
  reasons: string[];
}

/** A sample that passed the gate, with the check result recorded next to it. */
export interface GatedSample {
  sample: Sample;
  checks: CheckResult & { overridden: boolean };
}

export interface TokenStatistics {
  tokenizer: string;
  samples: number;
  totalTokens: number;
  /** Tokens that carry a loss (labels != -100); only for the tokenized format. */
  trainedTokens?: number;
  maxTokens: number;
  meanTokens: number;
}

export interface ExportManifest {
  format: AnyExportFormat;
  exportedAt: string;
  studioVersion: string;
  pyodideVersion: string | null;
  counts: { input: number; exported: number; heldBack: number; overridden: number };
  /** Character offsets in every file are Unicode code points (see offsets.ts). */
  offsetUnit: 'codepoint';
  tokenStatistics: TokenStatistics | null;
  /** The template every templated string was rendered with (source included, so it can be re-run). */
  chatTemplate: ChatTemplate;
  /** How the project runs CoRT traces (core/exec: 'cort' = CoRT's pipeline, or 'notebook'). */
  semantics: ProjectSemantics;
  /** The semantics each exported trace profile's outputs were produced and checked under (cort traces: `semantics`; ToRL, SimpleTIR, ReTool, rStar2: 'fresh'). */
  traceSemantics: Partial<Record<TraceProfileId, ExecutionSemantics>>;
  settings: Record<string, unknown>;
  heldBack: HeldBackSample[];
  overrides: string[];
  /** Sample id → the reason given for exporting it despite failing checks (overridden ids only). */
  overrideReasons: Record<string, string>;
  /** Things a researcher should know about the data (e.g. CoRT's output regex disagreeing with the trace). */
  warnings: string[];
  /** How many exported samples follow each trace profile (after conversion). */
  traceProfiles: Partial<Record<TraceProfileId, number>>;
  /** The profile every trace was converted to, or null when traces kept their own. */
  convertedTo: TraceProfileId | null;
  /** The project's own profiles this export uses, whole (absent when it uses built-ins only). */
  customProfiles?: TraceProfile[];
  /**
   * Exported samples whose interpreter output the format trains on (a format without a mask,
   * exported with `trainOnOutputs`); 0 when every output is masked or held back.
   */
  outputsTrained: number;
  files: { name: string; mediaType: string; bytes: number; sha256: string }[];
}

export interface ExportResult {
  /** The data files followed by `manifest.json`. */
  files: ExportFile[];
  manifest: ExportManifest;
  heldBack: HeldBackSample[];
}
