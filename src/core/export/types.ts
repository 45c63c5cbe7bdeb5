/**
 * Contracts of the exporters: what the studio and the CLI pass in, what comes back.
 * Everything here is plain data so the same call works in the browser and in Node.
 */
import type { ExecutionProfile } from '../exec/semantics/profile';
import type { Sample } from '../sample/types';
import type { ChatTemplate } from '../template';

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

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'cort',
  'prompt-completion',
  'messages',
  'sharegpt',
  'verl-sft',
  'verl-rl',
  'tokenized',
];

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
  format?: ExportFormat;
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
  studioVersion: string;
  pyodideVersion?: string;
  /** Settings worth recording (sampling, limits...). Secrets are dropped before writing. */
  settings?: Record<string, unknown>;
  /** The execution profile the outputs and checks follow; defaults to `settings.semantics`, else 'cort'. */
  semantics?: ExecutionProfile;
  /** ISO time written into the manifest; fixed by the caller so the output is reproducible. */
  exportedAt: string;
  /** verl RL `extra_info.split`; defaults to 'train'. */
  split?: string;
}

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
}

export interface HeldBackSample {
  sampleId: string;
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
  format: ExportFormat;
  exportedAt: string;
  studioVersion: string;
  pyodideVersion: string | null;
  counts: { input: number; exported: number; heldBack: number; overridden: number };
  /** Character offsets in every file are Unicode code points (see offsets.ts). */
  offsetUnit: 'codepoint';
  tokenStatistics: TokenStatistics | null;
  /** The template every templated string was rendered with (source included, so it can be re-run). */
  chatTemplate: ChatTemplate;
  /** How the exported outputs were produced and checked (core/exec: 'cort' = CoRT's pipeline). */
  semantics: ExecutionProfile;
  settings: Record<string, unknown>;
  heldBack: HeldBackSample[];
  overrides: string[];
  /** Sample id → the reason given for exporting it despite failing checks (overridden ids only). */
  overrideReasons: Record<string, string>;
  /** Things a researcher should know about the data (e.g. CoRT's output regex disagreeing with the trace). */
  warnings: string[];
  files: { name: string; mediaType: string; bytes: number; sha256: string }[];
}

export interface ExportResult {
  /** The data files followed by `manifest.json`. */
  files: ExportFile[];
  manifest: ExportManifest;
  heldBack: HeldBackSample[];
}
