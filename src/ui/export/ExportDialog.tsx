/**
 * The export dialog: format, which samples, chat template, tokenizer, then a preview of what
 * leaves the studio and what is held back (with reasons and per-sample overrides), and the
 * files to download. The bytes are those `hint-studio export` writes for a backup of this studio.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EXPORT_FORMATS, FORMAT_LAYOUTS, TRAINING_FORMATS, reasoningDropWarning, type AnyExportFormat } from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { useActions, useServices, useStudioState } from '../app/StudioContext';
import { Dialog } from '../common/Dialog';
import { currentChecks } from '../../store/checks/checks';
import { cliArgsFor, conversionTargets, recordedSettings, reviewOverrides, samplesInExportOrder, settingsWithCheckLevel, shellQuote, type ExportChoices } from '../../store/project/export';
import { ExportFiles } from './ExportFiles';
import { ExportFormatOptions, heldForOutputs, type FormatOptions } from './ExportFormatOptions';
import { ExportPreview, type OverrideDraft } from './ExportPreview';
import { FullChecksStatus } from './FullChecksStatus';
import { FORMAT_LABELS, templateOptions } from './exportOptions';
import { readTokenizerFiles, type ChosenTokenizer } from './tokenizerFiles';
import { ExportRunStatus } from './ExportRunStatus';
import { useExportPlan } from './useExportPlan';
import { useFullExportChecks } from './useFullExportChecks';
import './export.css';
import { errorText } from '../../core/util';

const validTime = (iso: string) => /^\d{4}-\d\d-\d\dT/.test(iso) && !Number.isNaN(Date.parse(iso));

export function ExportDialog() {
  const actions = useActions();
  const services = useServices();
  // The dialog's exports and the tokenizer they use, off the page's thread; ended on close.
  const session = useMemo(() => services.exportSession(), [services]);
  useEffect(() => () => session.dispose(), [session]);
  const samplesById = useStudioState((s) => s.samples);
  const settings = useStudioState((s) => s.settings);
  const samples = useMemo(() => samplesInExportOrder(samplesById), [samplesById]);
  const targets = useMemo(() => conversionTargets(settings), [settings]);
  // Verdicts in the cache are reused; the full checks below replace the quick ones as they land.
  const checksCache = useStudioState((s) => s.checks);
  const known = useCallback((sample: Sample) => currentChecks({ checks: checksCache }, sample)?.result, [checksCache]);

  const [format, setFormat] = useState<AnyExportFormat>('cort');
  // Off by default: a format that cannot mask interpreter output holds those samples back.
  const [formatOptions, setFormatOptions] = useState<FormatOptions>({ trainOnOutputs: false });
  const [include, setInclude] = useState<'approved' | 'all'>('approved');
  const [loaded, setLoaded] = useState<ChosenTokenizer | null>(null);
  const [tokenizerError, setTokenizerError] = useState<string | null>(null);
  const [loadingTokenizer, setLoadingTokenizer] = useState(false);
  const options = useMemo(() => templateOptions(settings, loaded?.template), [settings, loaded]);
  const [templateKey, setTemplateKey] = useState(options[0].key);
  const template = (options.find((o) => o.key === templateKey) ?? options[0]).template;
  // Fixed when the dialog opens so the preview and the downloads carry the same time; editable
  // only to reproduce an earlier export byte for byte.
  const [exportedAt, setExportedAt] = useState(() => new Date().toISOString());
  const [drafts, setDrafts] = useState<Record<string, OverrideDraft>>(() =>
    Object.fromEntries(Object.entries(reviewOverrides(samples)).map(([id, reason]) => [id, { checked: true, reason }])),
  );

  const choices: ExportChoices = useMemo(
    () => ({
      format,
      // Only what this format takes, as the CLI's flags: a layout of another format is not passed.
      layout: formatOptions.layout && FORMAT_LAYOUTS[format]?.includes(formatOptions.layout) ? formatOptions.layout : undefined,
      convertTo: formatOptions.convertTo,
      enableThinking: format === 'verl-multiturn' ? formatOptions.enableThinking : undefined,
      trainOnOutputs: formatOptions.trainOnOutputs,
      include,
      chatTemplate: template,
      ...(loaded ? { tokenizerFiles: loaded.files } : {}),
      overrides: Object.fromEntries(Object.entries(drafts).filter(([, d]) => d.checked).map(([id, d]) => [id, d.reason.trim()])),
      exportedAt,
    }),
    [format, formatOptions, include, template, loaded, drafts, exportedAt],
  );
  // The gate needs the full checks (as `hint-studio export` runs them) unless the user chooses
  // not to wait; then the manifest records that only the quick checks ran.
  const [quickOnly, setQuickOnly] = useState(false);
  const fullChecks = useFullExportChecks(samples, include, !quickOnly);
  const fullChecksPending = !quickOnly && (!fullChecks.settled || fullChecks.failed.length > 0);
  const recorded = useMemo(() => settingsWithCheckLevel(recordedSettings(settings), quickOnly), [settings, quickOnly]);
  const plan = useExportPlan(session, samples, choices, recorded, known);
  // The template warning shows next to the template when this format's manifest carries it.
  // Renders the template on a test conversation: once per template, not on every progress tick.
  const drop = useMemo(() => reasoningDropWarning(template), [template]);
  const dropWarning = drop && plan.result?.manifest.warnings.includes(drop) ? drop : null;
  const heldOutputs = useMemo(() => (plan.result ? heldForOutputs(format, plan.result.heldBack) : []), [format, plan.result]);
  const override = useCallback((id: string, draft: OverrideDraft) => setDrafts((d) => ({ ...d, [id]: draft })), []);
  const missingReason = Object.values(choices.overrides).some((reason) => !reason);
  const timeProblem = validTime(exportedAt) ? null : 'Write the time as ISO 8601, e.g. 2025-06-01T12:00:00.000Z.';

  async function chooseTokenizer(files: FileList | null) {
    if (!files?.length) return;
    setLoadingTokenizer(true);
    setTokenizerError(null);
    try {
      const next = await readTokenizerFiles([...files]);
      // Built (and checked) in the export's worker, which keeps it for every export with these files.
      await session.loadTokenizer(next.files);
      setLoaded(next);
      if (next.template) setTemplateKey('tokenizer-config');
    } catch (err) {
      setTokenizerError(errorText(err));
    } finally {
      setLoadingTokenizer(false);
    }
  }

  const close = () => actions.closeExportDialog.run('button');
  return (
    <Dialog
      title="Export training data"
      testId="export-dialog"
      className="export-dialog"
      onClose={close}
      actions={
        <button className="btn" onClick={close} data-testid="export-close">
          {actions.closeExportDialog.label}
        </button>
      }
    >
      <p className="modal__hint">
        The same bytes as <code>hint-studio export</code> on a backup of this studio, plus a manifest.json with versions,
        counts, the template and a SHA-256 per file.
      </p>

      <div className="field-row">
        <label className="field">
          <span>Format</span>
          <select className="select" value={format} onChange={(e) => setFormat(e.target.value as AnyExportFormat)} data-testid="export-format">
            <optgroup label="Trace formats">
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f].label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Tool-call training formats">
              {TRAINING_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f].label}
                </option>
              ))}
            </optgroup>
          </select>
          <small className="export-dialog__note">{FORMAT_LABELS[format].description}</small>
        </label>
        <fieldset className="field export-dialog__include">
          <span>Samples</span>
          <label>
            <input type="radio" name="export-include" checked={include === 'approved'} onChange={() => setInclude('approved')} data-testid="export-include-approved" />{' '}
            Approved only
          </label>
          <label>
            <input type="radio" name="export-include" checked={include === 'all'} onChange={() => setInclude('all')} data-testid="export-include-all" /> All
            samples (checks still apply)
          </label>
        </fieldset>
      </div>

      <div className="field-row">
        <label className="field">
          <span>Chat template</span>
          <select className="select" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)} data-testid="export-template">
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Tokenizer {format === 'tokenized' ? '(required)' : '(optional: exact token statistics)'}</span>
          <input
            type="file"
            multiple
            accept=".json"
            className="export-dialog__file"
            onChange={(e) => void chooseTokenizer(e.target.files)}
            data-testid="export-tokenizer-input"
            aria-label="tokenizer.json and optionally tokenizer_config.json"
          />
          <small className="export-dialog__note" data-testid="export-tokenizer-status">
            {loadingTokenizer
              ? 'Loading tokenizer…'
              : loaded
                ? `Loaded ${loaded.names.join(' + ')}`
                : 'tokenizer.json, and tokenizer_config.json for its special tokens and chat template'}
          </small>
        </label>
      </div>
      <ExportFormatOptions
        format={format}
        options={formatOptions}
        onChange={setFormatOptions}
        heldForOutputs={heldOutputs.length}
        outputsTrained={plan.result?.manifest.outputsTrained ?? 0}
        targets={targets}
      />
      {tokenizerError && (
        <div className="modal__error" role="alert">
          {tokenizerError}
        </div>
      )}
      {dropWarning && (
        <div className="export-dialog__alert" role="alert" data-testid="export-drop-warning">
          {dropWarning}
        </div>
      )}

      <details className="export-dialog__advanced">
        <summary>Reproducibility</summary>
        <label className="field">
          <span>Exported at (written into manifest.json; set an earlier export&apos;s time to reproduce it byte for byte)</span>
          <input className="input" value={exportedAt} onChange={(e) => setExportedAt(e.target.value.trim())} data-testid="export-exported-at" />
        </label>
        <p className="export-dialog__note">The same files from a backup of this studio (Back up project), with the CLI:</p>
        <code className="export-dialog__cli" data-testid="export-cli">
          hint-studio export BACKUP.json --out DIR {cliArgsFor(choices).map(shellQuote).join(' ')}
        </code>
      </details>

      <FullChecksStatus checks={fullChecks} quickOnly={quickOnly} onQuickOnly={setQuickOnly} />
      <ExportRunStatus run={plan} />
      {plan.error ? (
        <div className="export-dialog__alert" role="alert" data-testid="export-error">
          {plan.error}
        </div>
      ) : plan.result && plan.verdicts ? (
        <>
          <ExportPreview
            samples={samplesById}
            result={plan.result}
            verdicts={plan.verdicts}
            overrides={drafts}
            onOverride={override}
            shownElsewhere={dropWarning}
            heldForOutputs={heldOutputs}
          />
          {(missingReason || timeProblem) && (
            <div className="modal__error" role="alert">
              {missingReason ? 'Give a reason for every sample exported despite failing checks.' : timeProblem}
            </div>
          )}
          <ExportFiles files={plan.result.files} exportedAt={exportedAt} disabled={plan.busy || fullChecksPending || missingReason || !!timeProblem} />
        </>
      ) : plan.progress || plan.cancelled ? null : (
        <p className="modal__hint" role="status">
          Checking samples…
        </p>
      )}
    </Dialog>
  );
}
