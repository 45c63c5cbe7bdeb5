/**
 * Studio settings: model endpoints (OpenAI-compatible servers with their chat template),
 * CoRT's sampling limits, the reviewer's name and the project's execution semantics. Saved locally only (localSettings.ts);
 * API keys never leave this browser and are shown masked after entry.
 */
import { isProjectSemantics } from '../../core/exec';
import { DEEPSEEK_R1_DISTILL_QWEN } from '../../core/template';
import { defineCommand } from '../commands/types';
import type { StudioContext } from '../context';
import { customProfilesOf, getProfile, isBuiltinProfileId, isTraceProfileId, profileOfSample } from '../../core/profiles/registry';
import { parseWithProfile } from '../../core/profiles/parse';
import { projectProfileOfText } from '../../core/profiles/detect';
import { renderTrace } from '../../core/trace';
import { projectProfiles } from './profiles';
import type { Sample } from '../../core/sample/types';
import { defaultSettings, type ModelEndpoint, type SamplingSettings, type StudioSettings } from './state';
import { describeSaveError } from '../session/saveQueue';

export { defaultSettings, type ModelEndpoint, type SamplingSettings, type StudioSettings } from './state';

export function newEndpoint(id: string): ModelEndpoint {
  return { id, name: 'Local vLLM', baseURL: 'http://localhost:8000', model: '', template: DEEPSEEK_R1_DISTILL_QWEN };
}

/** The endpoint Continue uses: the chosen one, else the first. */
/**
 * Problems imported without a trace take the project's trace profile (Settings); everything
 * else keeps what import detected. Returns the samples to store (the same object when none changed).
 */
export function withProjectProfile(samples: Record<string, Sample>, newIds: readonly string[], settings: Pick<StudioSettings, 'traceProfile' | 'customProfiles'>): Record<string, Sample> {
  const registry = projectProfiles(settings);
  const profile = settings.traceProfile;
  // Settings can come from a backup: an id this studio does not know is never given to a sample.
  if (!isTraceProfileId(profile, registry) || profile === 'cort') return samples;
  const project = getProfile(profile, registry);
  const custom = !isBuiltinProfileId(profile);
  let next = samples;
  for (const id of newIds) {
    const s = samples[id];
    if (!s) continue;
    let changed: Sample | undefined;
    if (s.original === '' && s.trace.segments.length === 0 && s.profile === undefined) changed = { ...s, profile };
    else if (custom && s.profile !== profile && isTraceProfileId(s.profile ?? 'cort', registry) && renderTrace(s.trace) === s.original) {
      // A project's own profile reads the traces written in its markers (projectProfileOfText).
      const detected = profileOfSample(s, registry);
      if (projectProfileOfText(s.original, detected, project) === project) changed = { ...s, profile, trace: parseWithProfile(s.original, project) };
    }
    if (!changed) continue;
    if (next === samples) next = { ...samples };
    next[id] = changed;
  }
  return next;
}

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

export interface SettingsService {
  /** Reads the saved settings (start of the studio). */
  load(): Promise<void>;
  /** Replaces the settings and keeps them in this browser's local database. */
  save(settings: StudioSettings): Promise<void>;
}

export function createSettingsService(ctx: StudioContext): SettingsService {
  const { get, set, local } = ctx;
  /**
   * On a team server, the project learns this studio's own trace profiles (the server refuses
   * a sample of a profile it does not know, rather than summarize it under another rule).
   */
  function shareProfiles(settings: StudioSettings): void {
    const share = ctx.deps.team?.shareProfiles;
    const own = customProfilesOf(projectProfiles(settings));
    if (!share || own.length === 0) return;
    share(own).catch((err: unknown) => set({ saveError: `Your trace profiles could not be given to the team server, so samples of them are not saved there: ${describeSaveError(err)}` }));
  }
  return {
    async load() {
      const saved = await local.get<Partial<StudioSettings>>(SETTINGS_KEY).catch(() => undefined);
      if (!saved) return;
      const base = defaultSettings();
      const semantics = isProjectSemantics(saved.semantics) ? saved.semantics : base.semantics;
      const loaded: StudioSettings = { ...base, ...saved, semantics, sampling: { ...base.sampling, ...saved.sampling } };
      // A profile id this studio does not know (a newer studio's) is dropped, not trusted.
      if (!isTraceProfileId(loaded.traceProfile, projectProfiles(loaded))) delete loaded.traceProfile;
      set({ settings: loaded });
      shareProfiles(loaded);
    },
    save(settings) {
      // Checks computed under other semantics (or another prompt template) no longer hold.
      const before = get().settings;
      const rerun = before.semantics !== settings.semantics || activeEndpoint(before)?.template.source !== activeEndpoint(settings)?.template.source;
      set(rerun ? { settings, checks: {} } : { settings });
      if (settings.customProfiles !== before.customProfiles) shareProfiles(settings);
      return local.put(SETTINGS_KEY, settings).catch((err: unknown) => {
        set({ saveError: `Settings not saved: ${describeSaveError(err)}` });
      });
    },
  };
}

export function settingsCommands(ctx: StudioContext, service: SettingsService) {
  const { get, set } = ctx;
  return {
    openSettings: defineCommand({
      id: 'openSettings',
      label: 'Settings',
      group: 'Studio',
      scope: 'global',
      keys: [','],
      capture: 'none',
      perform: () => set({ settingsOpen: true }),
    }),
    closeSettings: defineCommand({
      id: 'closeSettings',
      label: 'Close settings',
      group: 'Studio',
      scope: 'dialog:settings',
      capture: 'none',
      perform: () => set({ settingsOpen: false }),
    }),
    saveSettings: defineCommand({
      id: 'saveSettings',
      label: 'Save settings',
      group: 'Studio',
      scope: 'dialog:settings',
      takesArgs: true,
      capture: 'none',
      perform: (_call, settings: StudioSettings) => service.save(settings),
    }),
    /** Patch a few fields (e.g. the reviewer name from the review panel). */
    updateSettings: defineCommand({
      id: 'updateSettings',
      label: 'Change settings',
      group: 'Studio',
      scope: 'global',
      takesArgs: true,
      capture: 'none',
      perform: (_call, patch: Partial<StudioSettings>) => service.save({ ...get().settings, ...patch }),
    }),
  };
}
