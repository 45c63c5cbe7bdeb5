import { useEffect, type ChangeEvent } from 'react';
import { useActions, useServices, useStudioState } from '../app/StudioContext';
import './settingsTokenizer.css';

/**
 * Settings section "Token counting": the model's own tokenizer.json makes every count exact
 * (and drops the "≈"/"estimate" labels across the studio); without it the bundled Qwen3
 * tokenizer estimates. Applies at once rather than on Save: the file is read, checked and
 * stored in this browser as soon as it is chosen (src/store/settings/tokenizer.ts), and checked
 * and built in the token worker, not on the page.
 */
export function SettingsTokenizer() {
  const actions = useActions();
  const services = useServices();
  const { counts, model, loading, error } = useStudioState((s) => s.tokenCounting);
  useEffect(() => {
    // The library's counts: built in the token worker in the browser, never on the page.
    void services.tokens.ensureTokenCounts().catch((err: unknown) => console.warn('Token counter unavailable:', err));
  }, [services]);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = [...(input.files ?? [])];
    input.value = ''; // so choosing the same file again (after fixing it) fires again
    if (!chosen.length) return;
    const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, text: await f.text() })));
    await actions.loadModelTokenizer.run('button', files);
  };

  return (
    <section data-testid="tokenizer-settings">
      <h3 className="settings__section">Token counting</h3>
      <p className="settings-tokenizer__status" data-testid="tokenizer-status" data-exact={model ? 'true' : 'false'}>
        {model ? (
          <>
            Exact counts with <strong data-testid="tokenizer-name">{model.name}</strong>{' '}
            <span className="faint" data-testid="tokenizer-files">
              — {model.files.join(' + ')} · {model.summary}
            </span>
          </>
        ) : counts ? (
          <>Counts are estimates (≈) from the built-in Qwen3 tokenizer. Load your model&apos;s tokenizer.json to count exactly.</>
        ) : (
          'Loading the token counter…'
        )}
      </p>
      <div className="settings-tokenizer__actions">
        <label className="btn btn--small">
          {model ? 'Load another tokenizer.json…' : 'Load tokenizer.json…'}
          <input
            className="visually-hidden"
            type="file"
            multiple
            accept=".json,application/json"
            onChange={(e) => void onFiles(e)}
            disabled={loading}
            data-testid="tokenizer-input"
            aria-label="The model's tokenizer.json and optionally its tokenizer_config.json"
          />
        </label>
        {model && (
          <button className="btn btn--small" onClick={() => void actions.useBuiltInTokenEstimate.run('button')} disabled={loading} data-testid="tokenizer-use-estimate">
            {actions.useBuiltInTokenEstimate.label}
          </button>
        )}
        {loading && (
          <span className="faint" role="status">
            Loading tokenizer…
          </span>
        )}
      </div>
      <p className="settings-tokenizer__help faint">
        Choose tokenizer.json from the model&apos;s folder, with tokenizer_config.json if you have it (its special tokens). Kept in this browser only.
      </p>
      {error && (
        <p className="modal__error" role="alert" data-testid="tokenizer-error">
          {error}
        </p>
      )}
    </section>
  );
}
