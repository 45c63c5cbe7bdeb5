import { projectProfileProblems } from '../../store/settings/profiles';
import type { TraceProfile } from '../../core/profiles/types';
import { useState } from 'react';
import { useActions, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { endpointProblems, newEndpoint, samplingProblems, type ModelEndpoint, type StudioSettings } from '../../store/settings/settings';
import { EndpointForm } from './EndpointForm';
import { SettingsTokenizer } from './SettingsTokenizer';
import { StorageLine } from './StorageLine';
import { SettingsProfiles } from './SettingsProfiles';
import './settings.css';

/**
 * Settings: model endpoints, CoRT's sampling limits, the reviewer's name. Saved in this
 * browser only (API keys included, shown masked, never exported).
 */

const NO_PROFILES: TraceProfile[] = [];
export function SettingsDialog() {
  const actions = useActions();
  const saved = useStudioState((s) => s.settings);
  const [draft, setDraft] = useState<StudioSettings>(saved);
  const [selected, setSelected] = useState<string | null>(saved.activeEndpointId ?? saved.endpoints[0]?.id ?? null);
  const [shownProblems, setShownProblems] = useState<string[]>([]);
  const endpoint = draft.endpoints.find((e) => e.id === selected);

  const patchEndpoint = (next: ModelEndpoint) => setDraft((d) => ({ ...d, endpoints: d.endpoints.map((e) => (e.id === next.id ? next : e)) }));
  const addEndpoint = () => {
    const created = newEndpoint(`endpoint-${Date.now().toString(36)}`);
    setDraft((d) => ({ ...d, endpoints: [...d.endpoints, created], activeEndpointId: d.activeEndpointId ?? created.id }));
    setSelected(created.id);
  };
  const removeEndpoint = (id: string) => {
    const endpoints = draft.endpoints.filter((e) => e.id !== id);
    setDraft((d) => ({ ...d, endpoints, activeEndpointId: d.activeEndpointId === id ? (endpoints[0]?.id ?? null) : d.activeEndpointId }));
    setSelected(endpoints[0]?.id ?? null);
  };
  const sampling = draft.sampling;
  const setSampling = (patch: Partial<StudioSettings['sampling']>) => setDraft((d) => ({ ...d, sampling: { ...d.sampling, ...patch } }));

  const save = async () => {
    const problems = [...draft.endpoints.flatMap((e) => endpointProblems(e).map((p) => `${e.name || 'Endpoint'}: ${p}`)), ...samplingProblems(draft.sampling), ...projectProfileProblems(draft)];
    setShownProblems(problems);
    if (problems.length) return;
    await actions.saveSettings.run('button', draft);
    actions.closeSettings.run('button');
  };

  return (
    <Dialog
      title="Settings"
      testId="settings-dialog"
      className="settings"
      onClose={() => actions.closeSettings.run('button')}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
      }}
      actions={
        <>
          <button className="btn" onClick={() => actions.closeSettings.run('button')}>
            Cancel <span className="kbd">Esc</span>
          </button>
          <button className="btn btn--primary" onClick={() => void save()} data-testid="settings-save">
            Save <span className="kbd">Ctrl</span>+<span className="kbd">Enter</span>
          </button>
        </>
      }
    >
      <p className="modal__hint">Kept in this browser only. API keys are never exported or shown again in full.</p>
      <StorageLine />

      <h3 className="settings__section">Model endpoints</h3>
      <div className="settings__endpoints">
        <ul className="stack-list stack-list--tight" role="listbox" aria-label="Endpoints">
          {draft.endpoints.map((e) => (
            <li key={e.id}>
              <button className={`settings__endpoint${e.id === selected ? ' settings__endpoint--selected' : ''}`} onClick={() => setSelected(e.id)}>
                <span>{e.name || 'Unnamed'}</span>
                {e.id === (draft.activeEndpointId ?? draft.endpoints[0]?.id) && <span className="chip chip--ok">used by Continue</span>}
              </button>
            </li>
          ))}
          <li>
            <button className="btn btn--small" onClick={addEndpoint} data-testid="endpoint-add">
              + Add endpoint
            </button>
          </li>
        </ul>
        {endpoint ? (
          <EndpointForm
            key={endpoint.id}
            endpoint={endpoint}
            onChange={patchEndpoint}
            onRemove={() => removeEndpoint(endpoint.id)}
            isActive={endpoint.id === (draft.activeEndpointId ?? draft.endpoints[0]?.id)}
            onMakeActive={() => setDraft((d) => ({ ...d, activeEndpointId: endpoint.id }))}
          />
        ) : (
          <p className="side-panel__help">No endpoint yet. Add the OpenAI-compatible server (vLLM, SGLang, llama.cpp…) that serves your model.</p>
        )}
      </div>

      <h3 className="settings__section">Sampling (CoRT&apos;s values by default)</h3>
      <div className="field-row settings__sampling">
        <NumberField label="Temperature" value={sampling.temperature} step={0.05} onChange={(v) => setSampling({ temperature: v })} testId="setting-temperature" />
        <NumberField label="top_p" value={sampling.topP} step={0.01} onChange={(v) => setSampling({ topP: v })} testId="setting-top-p" />
        <NumberField label="Max tokens per call" value={sampling.maxTokens} onChange={(v) => setSampling({ maxTokens: v })} testId="setting-max-tokens" />
        <NumberField label="Model length" value={sampling.modelLength} onChange={(v) => setSampling({ modelLength: v })} testId="setting-model-length" />
        <NumberField label="Max rounds" value={sampling.maxRounds} onChange={(v) => setSampling({ maxRounds: v })} testId="setting-max-calls" />
        <NumberField label="Time per call (s)" value={sampling.callTimeoutMs / 1000} onChange={(v) => setSampling({ callTimeoutMs: v * 1000 })} testId="setting-timeout" />
        <NumberField label="Continue ×N default" value={draft.continueCount} onChange={(v) => setDraft((d) => ({ ...d, continueCount: v }))} testId="setting-continue-n" />
      </div>

      <SettingsProfiles
        semantics={draft.semantics}
        onSemantics={(semantics) => setDraft((d) => ({ ...d, semantics }))}
        traceProfile={draft.traceProfile}
        onTraceProfile={(traceProfile) => setDraft((d) => ({ ...d, traceProfile }))}
        customProfiles={draft.customProfiles ?? NO_PROFILES}
        onCustomProfiles={(customProfiles) => setDraft((d) => ({ ...d, customProfiles }))}
      />

      <SettingsTokenizer />

      <h3 className="settings__section">Review</h3>
      <label className="field">
        <span>Reviewer name (signs your reviews)</span>
        <input className="input" value={draft.reviewerName} onChange={(e) => setDraft((d) => ({ ...d, reviewerName: e.target.value }))} data-testid="setting-reviewer" />
      </label>

      {shownProblems.length > 0 && (
        <ul className="modal__error" role="alert" data-testid="settings-problems">
          {shownProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

function NumberField({ label, value, onChange, step, testId }: { label: string; value: number; onChange: (v: number) => void; step?: number; testId: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input className="input" type="number" step={step ?? 1} value={Number.isFinite(value) ? value : ''} onChange={(e) => onChange(e.target.valueAsNumber)} data-testid={testId} />
    </label>
  );
}
