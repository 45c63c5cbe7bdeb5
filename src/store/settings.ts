/**
 * Studio settings: model endpoints (OpenAI-compatible servers with their chat template),
 * CoRT's sampling limits and the reviewer's name. Saved locally only (localSettings.ts);
 * API keys never leave this browser and are shown masked after entry.
 */
import { CORT_DEFAULTS, type GenerationSettings } from '../core/generate';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../core/template';
import { DEFAULT_EXECUTION_PROFILE, isExecutionProfile, profileRun, type ExecutionProfile, type ProfileRun } from '../core/exec';
import type { Sample } from '../core/sample/types';
import type { ChatTemplate } from '../core/template';
import { defineAction } from './actions';
import type { HintEngineeringContext } from './hints';
import { createTokenizerActions, initialTokenCountingSlice, type TokenCountingSlice } from './tokenizer';

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
  /** How code runs everywhere (cells, Run all, continuations, checks, export gate): CoRT's pipeline by default. */
  semantics: ExecutionProfile;
}

/** Token counting (the model's tokenizer.json or the Qwen estimate) lives in tokenizer.ts. */
export interface SettingsSlice extends TokenCountingSlice {
  settings: StudioSettings;
  settingsOpen: boolean;
}

export function defaultSettings(): StudioSettings {
  return { endpoints: [], activeEndpointId: null, sampling: { ...CORT_DEFAULTS }, reviewerName: '', continueCount: 4, semantics: DEFAULT_EXECUTION_PROFILE };
}

/**
 * What running `sample`'s code needs under the chosen semantics: for cort, the text CoRT
 * scans before the response is the prompt through the active endpoint's chat template
 * (DeepSeek-R1-Distill-Qwen, CoRT's family, without one).
 */
export function sampleProfile(settings: Partial<StudioSettings> | undefined, sample: Pick<Sample, 'prompt'>): ProfileRun {
  const semantics = isExecutionProfile(settings?.semantics) ? settings.semantics : DEFAULT_EXECUTION_PROFILE;
  const endpoint = settings?.endpoints ? activeEndpoint(settings as StudioSettings) : undefined;
  return profileRun(semantics, sample.prompt, endpoint?.template);
}

export function initialSettingsSlice(): SettingsSlice {
  return { settings: defaultSettings(), settingsOpen: false, ...initialTokenCountingSlice() };
}

export function newEndpoint(id: string): ModelEndpoint {
  return { id, name: 'Local vLLM', baseURL: 'http://localhost:8000', model: '', template: DEEPSEEK_R1_DISTILL_QWEN };
}

/** The endpoint Continue uses: the chosen one, else the first. */
export function activeEndpoint(settings: StudioSettings): ModelEndpoint | undefined {
  return settings.endpoints.find((e) => e.id === settings.activeEndpointId) ?? settings.endpoints[0];
}

/** `sk-…abcd`: enough to recognise a key, never enough to use it. */
export function maskApiKey(key: string | undefined): string {
  if (!key) return '';
  return key.length <= 8 ? '••••' : `${key.slice(0, 3)}…${key.slice(-4)}`;
}

/** Problems that stop an endpoint from being used, as sentences for the form. */
export function endpointProblems(endpoint: ModelEndpoint): string[] {
  const problems: string[] = [];
  if (!endpoint.name.trim()) problems.push('Give the endpoint a name.');
  try {
    const url = new URL(endpoint.baseURL);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('The base URL must start with http:// or https://.');
  } catch {
    problems.push('The base URL is not a URL (e.g. http://localhost:8000).');
  }
  if (!endpoint.model.trim()) problems.push('Enter the model name the server serves.');
  if (!endpoint.template.source.trim()) problems.push('The chat template is empty.');
  return problems;
}

/** Problems with sampling values (CoRT's are the defaults). */
export function samplingProblems(s: SamplingSettings): string[] {
  const problems: string[] = [];
  if (!(s.temperature >= 0 && s.temperature <= 2)) problems.push('Temperature must be between 0 and 2.');
  if (!(s.topP > 0 && s.topP <= 1)) problems.push('top_p must be in (0, 1].');
  if (!(Number.isInteger(s.maxTokens) && s.maxTokens > 0)) problems.push('Max tokens must be a positive whole number.');
  if (!(Number.isInteger(s.maxRounds) && s.maxRounds >= 1)) problems.push('Max rounds must be a whole number ≥ 1.');
  if (!(Number.isInteger(s.modelLength) && s.modelLength > 0)) problems.push('The model length must be a positive whole number.');
  if (!(s.callTimeoutMs > 0)) problems.push('The per-call time limit must be positive.');
  return problems;
}

const SETTINGS_KEY = 'settings';

export function createSettingsActions({ store, local }: HintEngineeringContext) {
  const get = store.getState;
  const set = store.setState;

  function save(settings: StudioSettings): Promise<void> {
    // Checks computed under other semantics (or another prompt template) no longer hold.
    const before = get().settings;
    const rerun = before.semantics !== settings.semantics || activeEndpoint(before)?.template.source !== activeEndpoint(settings)?.template.source;
    set(rerun ? { settings, checks: {} } : { settings });
    return local.put(SETTINGS_KEY, settings).catch((err: unknown) => {
      set({ saveError: `Settings not saved: ${err instanceof Error ? err.message : String(err)}` });
    });
  }

  return {
    ...createTokenizerActions({ store, local }),
    loadSettings: defineAction({
      name: 'loadSettings',
      label: 'Load settings',
      perform: async () => {
        const saved = await local.get<Partial<StudioSettings>>(SETTINGS_KEY).catch(() => undefined);
        if (!saved) return;
        const base = defaultSettings();
        set({ settings: { ...base, ...saved, sampling: { ...base.sampling, ...saved.sampling } } });
      },
    }),
    openSettings: defineAction({
      name: 'openSettings',
      label: 'Settings',
      keys: [','],
      when: (s) => !s.settingsOpen && !s.pasteDialogOpen,
      perform: () => set({ settingsOpen: true }),
    }),
    closeSettings: defineAction({
      name: 'closeSettings',
      label: 'Close settings',
      keys: ['Escape'],
      when: (s) => s.settingsOpen,
      perform: () => set({ settingsOpen: false }),
    }),
    saveSettings: defineAction({
      name: 'saveSettings',
      label: 'Save settings',
      perform: (settings: StudioSettings) => save(settings),
    }),
    /** Patch a few fields (e.g. the reviewer name from the review panel). */
    updateSettings: defineAction({
      name: 'updateSettings',
      label: 'Change settings',
      perform: (patch: Partial<StudioSettings>) => save({ ...get().settings, ...patch }),
    }),
  };
}
