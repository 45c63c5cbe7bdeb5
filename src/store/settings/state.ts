/**
 * Settings' shapes: model endpoints (OpenAI-compatible servers with their chat template),
 * CoRT's sampling limits, the reviewer's name, the project's execution semantics, and which
 * tokenizer counts tokens.
 */
import { DEFAULT_PROJECT_SEMANTICS, type ProjectSemantics } from '../../core/exec';
import { CORT_DEFAULTS, type GenerationSettings } from '../../core/generate';
import type { TokenCounter, TokenCounts } from '../../core/tokens';
import type { ChatTemplate } from '../../core/template';
import type { TraceProfile, TraceProfileId } from '../../core/profiles/types';

export interface ModelEndpoint {
  id: string;
  /** Display name, recorded in segment provenance (`meta.endpoint`). */
  name: string;
  /** Server root of an OpenAI-compatible API, e.g. http://localhost:8000. */
  baseURL: string;
  /** Model name as the server knows it. */
  model: string;
  /** Bearer key; stored locally only, never exported, never recorded. */
  apiKey?: string;
  template: ChatTemplate;
}

export type SamplingSettings = Omit<GenerationSettings, 'model'>;

export interface StudioSettings {
  endpoints: ModelEndpoint[];
  activeEndpointId: string | null;
  sampling: SamplingSettings;
  /** Who signs reviews (read by the review feature). */
  reviewerName: string;
  /** How many continuations Continue ×N samples by default. */
  continueCount: number;
  /**
   * How the code of CoRT-syntax traces runs everywhere (cells, Run all, continuations, checks,
   * export gate): CoRT's pipeline by default; other trace profiles run under their own semantics.
   */
  semantics: ProjectSemantics;
  /**
   * The trace profile this project's new traces are written in: a problem imported without a
   * trace takes it (Continue, hints and checks then follow it); traces that carry markers keep
   * the profile detected on import. Absent: CoRT.
   */
  traceProfile?: TraceProfileId;
  /**
   * The project's own trace profiles (copies of a built-in with other rules or tags), validated
   * with the profile schema; with the built-ins they are the registry every profile id resolves
   * against (projectProfiles). Carried in backups with the settings; absent: none.
   */
  customProfiles?: TraceProfile[];
}

/** What the settings show about the loaded model tokenizer. */
export interface ModelTokenizerInfo {
  /** `name_or_path` or `tokenizer_class` of tokenizer_config.json, or the tokenizer file's name. */
  name: string;
  files: string[];
  /** Tokenizer model type and vocabulary size, e.g. "BPE, 151,669 tokens". */
  summary: string;
  loadedAt: string;
}

export interface TokenCountingState {
  /** The counter every count on this thread uses (the sample view); null until the first load finishes. */
  counter: TokenCounter | null;
  /**
   * The library's counts, of the same tokenizer, made off the page's thread where it can (a
   * worker): null until loaded. Loading it builds no tokenizer on the page.
   */
  counts: TokenCounts | null;
  /** The loaded model tokenizer; null while the Qwen estimate counts. */
  model: ModelTokenizerInfo | null;
  /**
   * The id of the tokenizer chosen in Settings (`TokenCounter.id`), known from the local
   * settings before it is loaded (tokenizer.ts `expectTokenizer`): kept check results counted
   * by it count from the first moment of a reload. Null until read.
   */
  chosen: string | null;
  loading: boolean;
  /** Why the last load failed, naming the file; cleared by the next success. */
  error: string | null;
}

export interface SettingsSlice {
  settings: StudioSettings;
  settingsOpen: boolean;
  tokenCounting: TokenCountingState;
}

export function defaultSettings(): StudioSettings {
  return { endpoints: [], activeEndpointId: null, sampling: { ...CORT_DEFAULTS }, reviewerName: '', continueCount: 4, semantics: DEFAULT_PROJECT_SEMANTICS };
}

export function initialSettingsSlice(): SettingsSlice {
  return { settings: defaultSettings(), settingsOpen: false, tokenCounting: { counter: null, counts: null, model: null, chosen: null, loading: false, error: null } };
}
