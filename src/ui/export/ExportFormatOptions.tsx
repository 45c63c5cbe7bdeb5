/**
 * The options a training format takes, each the same as a `hint-studio export` flag: the record
 * layout (--layout), converting every trace to one profile (--convert-to), verl's enable_thinking
 * column (--enable-thinking), and for the formats that cannot mask interpreter output, whether to
 * train on it anyway (--train-on-outputs, off by default).
 */
import { FORMAT_LAYOUTS, UNMASKED_FORMATS, type AnyExportFormat, type ExportLayout, type HeldBackSample } from '../../core/export';
import type { TraceProfileId } from '../../core/profiles/types';
import type { ConversionTarget } from '../../store/project/export';
import { LAYOUT_LABELS } from './exportOptions';

export interface FormatOptions {
  layout?: ExportLayout;
  convertTo?: TraceProfileId;
  enableThinking?: boolean;
  trainOnOutputs: boolean;
}

/** The held-back samples a format without a mask stops for their interpreter output. */
export function heldForOutputs(format: AnyExportFormat, heldBack: readonly HeldBackSample[]): HeldBackSample[] {
  const why = UNMASKED_FORMATS[format];
  return why ? heldBack.filter((h) => h.stage === 'format' && h.reasons.some((r) => r.includes(why))) : [];
}

interface Props {
  format: AnyExportFormat;
  options: FormatOptions;
  onChange: (options: FormatOptions) => void;
  /** Samples with interpreter output held back now (unmasked formats with the option off). */
  heldForOutputs: number;
  /** Samples trained on their outputs now (the option on). */
  outputsTrained: number;
  /** The profiles "convert to" offers: the built-ins and the project's own (conversionTargets). */
  targets: readonly ConversionTarget[];
}

const targetOption = (p: ConversionTarget) => (
  <option key={p.id} value={p.id}>
    convert to {p.name} ({p.id})
  </option>
);

export function ExportFormatOptions({ format, options, onChange, heldForOutputs: held, outputsTrained, targets }: Props) {
  const custom = targets.filter((p) => p.custom);
  const layouts = FORMAT_LAYOUTS[format];
  const unmasked = UNMASKED_FORMATS[format];
  const set = (patch: Partial<FormatOptions>) => onChange({ ...options, ...patch });
  return (
    <>
      <div className="field-row">
        {layouts && (
          <label className="field">
            <span>Layout</span>
            <select className="select" value={options.layout ?? layouts[0]} onChange={(e) => set({ layout: e.target.value as ExportLayout })} data-testid="export-layout">
              {layouts.map((l) => (
                <option key={l} value={l}>
                  {LAYOUT_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Trace profile</span>
          <select
            className="select"
            value={options.convertTo ?? ''}
            onChange={(e) => set({ convertTo: e.target.value ? (e.target.value as TraceProfileId) : undefined })}
            data-testid="export-convert-to"
          >
            <option value="">each trace as it is (its own profile)</option>
            {targets.filter((p) => !p.custom).map(targetOption)}
            {custom.length > 0 && <optgroup label="This project's own profiles">{custom.map(targetOption)}</optgroup>}
          </select>
          <small className="export-dialog__note">
            {options.convertTo
              ? 'Code and outputs are re-written in this profile’s markers; a trace that does not convert back to the same bytes is held back with the reason. Outputs are not re-run.'
              : 'Each sample keeps the markers of its own trace profile.'}
          </small>
        </label>
        {format === 'verl-multiturn' && (
          <label className="field">
            <span>enable_thinking column</span>
            <select
              className="select"
              value={options.enableThinking === undefined ? '' : String(options.enableThinking)}
              onChange={(e) => set({ enableThinking: e.target.value === '' ? undefined : e.target.value === 'true' })}
              data-testid="export-enable-thinking"
            >
              <option value="">not written</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
            <small className="export-dialog__note">verl&apos;s multi-turn SFT dataset passes it to the chat template.</small>
          </label>
        )}
      </div>
      {unmasked && (
        <div className={`export-dialog__outputs${options.trainOnOutputs ? ' export-dialog__outputs--on' : ''}`} data-testid="export-outputs">
          <p>
            <strong>This format cannot keep interpreter output out of the loss.</strong> {unmasked[0].toUpperCase() + unmasked.slice(1)}.
          </p>
          <p data-testid="export-outputs-status">
            {options.trainOnOutputs
              ? `${outputsTrained} sample${outputsTrained === 1 ? '' : 's'} will train the model to write the interpreter's output itself (the manifest counts them in outputsTrained).`
              : held > 0
                ? `${held} sample${held === 1 ? ' has' : 's have'} interpreter output and ${held === 1 ? 'is' : 'are'} held back (listed below), so the model is never trained to write what the interpreter printed.`
                : 'No exported sample has interpreter output.'}
          </p>
          <label>
            <input type="checkbox" checked={options.trainOnOutputs} onChange={(e) => set({ trainOnOutputs: e.target.checked })} data-testid="export-train-on-outputs" /> Train on
            interpreter output anyway: keep these samples, and the model learns to produce the outputs as if it had computed them
          </label>
        </div>
      )}
    </>
  );
}
