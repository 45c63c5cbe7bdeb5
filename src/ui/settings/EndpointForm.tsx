import { useState } from 'react';
import { TEMPLATE_PRESETS, templateDropsReasoning, templateFromTokenizerConfig } from '../../core/template';
import { maskApiKey, type ModelEndpoint } from '../../store/settings/settings';
import { errorText } from '../../core/util';

interface Props {
  endpoint: ModelEndpoint;
  onChange: (next: ModelEndpoint) => void;
  onRemove: () => void;
  isActive: boolean;
  onMakeActive: () => void;
}

/** One endpoint: where the server is, which model, its key (masked once entered), its chat template. */
export function EndpointForm({ endpoint, onChange, onRemove, isActive, onMakeActive }: Props) {
  const [replacingKey, setReplacingKey] = useState(!endpoint.apiKey);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const patch = (p: Partial<ModelEndpoint>) => onChange({ ...endpoint, ...p });
  const presetId = TEMPLATE_PRESETS.some((t) => t.id === endpoint.template.id) ? endpoint.template.id : 'custom';

  const loadTokenizerConfig = async (file: File) => {
    try {
      patch({ template: templateFromTokenizerConfig(await file.text(), file.name) });
      setTemplateError(null);
    } catch (err) {
      setTemplateError(errorText(err));
    }
  };

  return (
    <div className="endpoint-form" data-testid="endpoint-form">
      <div className="field-row">
        <label className="field">
          <span>Name</span>
          <input className="input" value={endpoint.name} onChange={(e) => patch({ name: e.target.value })} data-testid="endpoint-name" />
        </label>
        <label className="field">
          <span>Model name</span>
          <input className="input" value={endpoint.model} placeholder="deepseek-ai/DeepSeek-R1-Distill-Qwen-32B" onChange={(e) => patch({ model: e.target.value })} data-testid="endpoint-model" />
        </label>
      </div>
      <label className="field">
        <span>Base URL (OpenAI-compatible, /v1/completions is added)</span>
        <input className="input" value={endpoint.baseURL} placeholder="http://localhost:8000" onChange={(e) => patch({ baseURL: e.target.value })} data-testid="endpoint-url" />
      </label>
      <label className="field">
        <span>API key (optional, stored in this browser only)</span>
        {replacingKey ? (
          <input
            className="input"
            type="password"
            autoComplete="off"
            value={endpoint.apiKey ?? ''}
            onChange={(e) => patch({ apiKey: e.target.value })}
            data-testid="endpoint-key"
          />
        ) : (
          <span className="endpoint-form__key">
            <code data-testid="endpoint-key-masked">{maskApiKey(endpoint.apiKey)}</code>
            <button className="btn btn--small" type="button" onClick={() => (patch({ apiKey: '' }), setReplacingKey(true))}>
              Replace
            </button>
          </span>
        )}
      </label>
      <div className="field-row">
        <label className="field">
          <span>Chat template</span>
          <select
            className="select"
            value={presetId}
            data-testid="endpoint-template"
            onChange={(e) => {
              const preset = TEMPLATE_PRESETS.find((t) => t.id === e.target.value);
              patch({ template: preset ?? { ...endpoint.template, id: 'custom', name: 'Custom template' } });
            }}
          >
            {TEMPLATE_PRESETS.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            <option value="custom">Custom (paste or load)</option>
          </select>
        </label>
        <label className="field">
          <span>Load tokenizer_config.json</span>
          <input type="file" accept=".json,application/json" onChange={(e) => e.target.files?.[0] && void loadTokenizerConfig(e.target.files[0])} data-testid="endpoint-tokenizer-config" />
        </label>
      </div>
      {presetId === 'custom' && (
        <label className="field">
          <span>Jinja template ({endpoint.template.name})</span>
          <textarea
            className="input endpoint-form__template"
            rows={5}
            spellCheck={false}
            value={endpoint.template.source}
            onChange={(e) => patch({ template: { ...endpoint.template, id: 'custom', source: e.target.value } })}
          />
        </label>
      )}
      {templateError && <div className="modal__error">{templateError}</div>}
      {safeDropsReasoning(endpoint) && (
        <p className="side-panel__help">This template keeps only the text after &lt;/think&gt; of assistant messages (fine for generation; chat exports lose the reasoning).</p>
      )}
      <div className="button-row">
        {!isActive && (
          <button className="btn btn--small" type="button" onClick={onMakeActive}>
            Use for Continue
          </button>
        )}
        <button className="btn btn--ghost btn--small" type="button" onClick={onRemove}>
          Remove endpoint
        </button>
      </div>
    </div>
  );
}

function safeDropsReasoning(endpoint: ModelEndpoint): boolean {
  try {
    return templateDropsReasoning(endpoint.template);
  } catch {
    return false;
  }
}
