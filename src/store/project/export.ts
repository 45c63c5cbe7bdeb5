/**
 * The studio side of the export: which samples, in which order, with which checks verdicts,
 * settings and versions — so that a download from the studio and `hint-studio export` on a
 * backup of the same studio produce the same bytes. The file writing itself is core/export.
 */
import { isBuiltinProfileId } from '../../core/profiles/registry';
import { projectProfiles } from '../settings/profiles';
import type { StudioSettings } from '../settings/state';
import studioPackage from '../../../package.json' with { type: 'json' };
import pyodidePackage from 'pyodide/package.json' with { type: 'json' };
import {
  exportSamples,
  verdictOf,
  redactSettings,
  verdictGate,
  type AnyExportFormat,
  type ExportLayout,
  type ExportResult,
  type ExportVerdicts,
  type TokenizerLike,
} from '../../core/export';
import type { Sample } from '../../core/sample/types';
import { approvalGateReason } from '../../core/review';
import { TEMPLATE_PRESETS, type ChatTemplate } from '../../core/template';
import type { TraceProfileId } from '../../core/profiles/types';
import type { CheckEntry } from '../checks/state';
import { errorText } from '../../core/util';
import type { SampleChecks } from '../../core/checks';

/** Written into every manifest; the CLI reads the same two package.json files. */
export const STUDIO_VERSION: string = studioPackage.version;
export const PYODIDE_VERSION: string = pyodidePackage.version;

/**
 * Samples in the order every export and backup writes them: by id. Ids are content-derived,
 * so two studios holding the same samples write them in the same order whatever order they
 * were imported in (and the CLI, reading the backup, keeps that order).
 */
export function samplesInExportOrder(samples: Record<string, Sample>): Sample[] {
  return Object.values(samples).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The settings a backup carries and a manifest records: everything but secrets. The same
 * value in both places is what makes the studio's manifest equal the CLI's, which reads the
 * settings out of the backup.
 */
export function recordedSettings(settings: unknown): Record<string, unknown> {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return {};
  return redactSettings(settings as Record<string, unknown>);
}

/**
 * The gate verdicts and the reviewers' overrides are computed in core (core/export/verdicts)
 * so that `hint-studio export` applies the very same gate; re-exported for the dialog.
 */
export { exportVerdicts, reviewOverrides, type ExportVerdicts } from '../../core/export';

/** The user's tokenizer as the files they chose: built where the export runs, never on the page. */
export interface ExportTokenizerFiles {
  /** Names these files' text: the same key, the same tokenizer (the page numbers each choice). */
  key: number;
  /** The tokenizer file's name, as the CLI names it in the manifest ("tokenizer.json"). */
  name: string;
  /**
   * The tokenizer file's bytes (~10 MB), never decoded on the page: a copy is handed to the
   * worker once, where they are read and the tokenizer built (exportRun.ts).
   */
  tokenizerJson: Uint8Array;
  /** tokenizer_config.json, when chosen: its EOS token and added tokens. */
  tokenizerConfig?: string;
  configName?: string;
}

/** How long the export dialog's verdicts are worked on before letting the page paint. */
const CHECKS_TASK_MS = 30;

/**
 * `exportVerdicts` for the export dialog, a slice of work a task: the samples the checks cache
 * (`known`) has no entry for are checked by `check` — the studio's quick checks
 * (`services.checks.quickChecksOf`: in the quick checks worker, or here when there is none) —
 * and kept in `ran` (per sample object), so that a change in the cache does not check them all
 * again. Reading the cache for hundreds of long traces (their content hashed the first time)
 * and checking them here each held the page for a second or more in one task. Rejects once
 * `signal` aborts.
 */
export async function exportVerdictsInSlices(
  samples: readonly Sample[],
  { known, check, ran, signal }: { known: (sample: Sample) => SampleChecks | undefined; check: (sample: Sample) => Promise<SampleChecks>; ran: WeakMap<Sample, SampleChecks>; signal?: AbortSignal },
): Promise<ExportVerdicts> {
  const verdicts: ExportVerdicts = new Map();
  let since = performance.now();
  for (const sample of samples) {
    if (signal?.aborted) throw new Error('stopped');
    // `known` hashes the sample's content the first time: hundreds of long traces are a slice of work too.
    let checks = known(sample) ?? ran.get(sample);
    if (!checks) ran.set(sample, (checks = await check(sample)));
    // exportVerdicts' reduction, a sample at a time.
    verdicts.set(sample.id, verdictOf(checks));
    if (performance.now() - since > CHECKS_TASK_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    }
  }
  return verdicts;
}

/**
 * The samples whose checks the gate reads: with 'approved' the others (not approved, or
 * changed since approval) are held back before any check, so only they need the interpreter
 * (as in `hint-studio export`).
 */
export function samplesTheGateChecks(samples: readonly Sample[], include: 'approved' | 'all'): Sample[] {
  return include === 'all' ? [...samples] : samples.filter((s) => approvalGateReason(s) === null);
}

/** How far the full (interpreter) checks of an export set have come. */
export interface FullChecksProgress {
  done: number;
  total: number;
  /** Samples whose interpreter run failed: their verdict would only be the quick one. */
  failed: { sampleId: string; error: string }[];
}

/**
 * Runs the full checks of the given samples one after another (they share one background
 * interpreter; in turn keeps a reproduction's cells from queueing behind the next sample's),
 * reporting progress after each. An abort stops before the next sample; the run under way
 * finishes in the background and still lands in the checks cache.
 */
export async function checkFullyInTurn(
  sampleIds: readonly string[],
  checkFully: (sampleId: string) => Promise<CheckEntry | undefined>,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (progress: FullChecksProgress) => void } = {},
): Promise<FullChecksProgress> {
  const progress: FullChecksProgress = { done: 0, total: sampleIds.length, failed: [] };
  onProgress?.({ ...progress });
  for (const sampleId of sampleIds) {
    if (signal?.aborted) break;
    let entry: CheckEntry | undefined;
    try {
      entry = await checkFully(sampleId);
    } catch (err) {
      progress.failed.push({ sampleId, error: errorText(err) });
    }
    if (entry && entry.level !== 'full') progress.failed.push({ sampleId, error: entry.error ?? 'the interpreter did not finish' });
    progress.done += 1;
    if (!signal?.aborted) onProgress?.({ ...progress, failed: [...progress.failed] });
  }
  return progress;
}

/**
 * The manifest's record that the gate ran without the interpreter (the user chose not to
 * wait): an `exportChecks` entry in its settings. Such an export may differ from the CLI's, which
 * always runs the full checks, and says so.
 */
export const QUICK_CHECKS_ONLY = {
  level: 'quick',
  skipped: ['SymPy answer equivalence', 'reproduction of recorded outputs by a fresh run'],
  note: 'exported from the studio before the full checks finished; `hint-studio export` may hold back more samples',
} as const;

export function settingsWithCheckLevel(settings: Record<string, unknown>, quickOnly: boolean): Record<string, unknown> {
  return quickOnly ? { ...settings, exportChecks: QUICK_CHECKS_ONLY } : settings;
}

/** What the export dialog asks the user. */
export interface ExportChoices {
  format: AnyExportFormat;
  /** The record layout of a format that offers several (FORMAT_LAYOUTS); absent: its default. */
  layout?: ExportLayout;
  /** Convert every trace to this profile first (`--convert-to`); absent: traces keep their own. */
  convertTo?: TraceProfileId;
  /** verl-multiturn's `enable_thinking` column (`--enable-thinking`); absent: no column. */
  enableThinking?: boolean;
  /** Formats without a loss mask keep samples with interpreter output, trained on it (`--train-on-outputs`). */
  trainOnOutputs?: boolean;
  include: 'approved' | 'all';
  chatTemplate: ChatTemplate;
  tokenizer?: TokenizerLike;
  /**
   * The user's tokenizer as the files they chose (the browser's dialog): built where the
   * export runs (exportRun.ts), a worker in the browser. Takes the place of `tokenizer`.
   */
  tokenizerFiles?: ExportTokenizerFiles;
  /** Sample id → why the annotator exports it although its checks fail. */
  overrides: Record<string, string>;
  /** ISO time for the manifest. */
  exportedAt: string;
}

/** A profile the dialog can convert every trace to: the built-ins, then the project's own. */
export interface ConversionTarget {
  id: TraceProfileId;
  name: string;
  /** One of the project's own profiles (Settings → Trace profiles), not a built-in. */
  custom: boolean;
}

/**
 * What "convert to" offers: every profile of the project's registry (`projectProfiles`), the one
 * `exportStudioSamples` and `hint-studio export --convert-to` resolve the id with.
 */
export function conversionTargets(settings: Pick<StudioSettings, 'customProfiles'> | undefined): ConversionTarget[] {
  return projectProfiles(settings).map((p) => ({ id: p.id, name: p.name, custom: !isBuiltinProfileId(p.id) }));
}

/**
 * The `hint-studio export` arguments that write the same files from a backup of this studio
 * (after PROJECT): what the dialog shows under Reproducibility. A template that is not a preset
 * (an endpoint's, a tokenizer_config.json's) is named by its file, which the user must save.
 */
export function cliArgsFor(choices: ExportChoices): string[] {
  const args = ['--format', choices.format, '--include', choices.include];
  if (choices.layout) args.push('--layout', choices.layout);
  if (choices.convertTo) args.push('--convert-to', choices.convertTo);
  if (choices.enableThinking !== undefined) args.push('--enable-thinking', String(choices.enableThinking));
  if (choices.trainOnOutputs) args.push('--train-on-outputs');
  const preset = TEMPLATE_PRESETS.find((t) => JSON.stringify(t) === JSON.stringify(choices.chatTemplate));
  args.push('--template', preset ? preset.id : 'tokenizer_config.json');
  if (choices.tokenizer || choices.tokenizerFiles) args.push('--tokenizer', 'tokenizer.json');
  for (const [id, reason] of Object.entries(choices.overrides)) args.push('--override', `${id}=${reason}`);
  args.push('--exported-at', choices.exportedAt);
  return args;
}

/** One argument as a POSIX shell reads it back unchanged. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The export of the studio's samples. `hint-studio export` makes the same `exportSamples`
 * call from a backup (src/cli/commands/export.ts), with verdicts from the same `exportVerdicts`.
 */
export function exportStudioSamples(
  samples: readonly Sample[],
  choices: ExportChoices,
  verdicts: ExportVerdicts,
  settings: Record<string, unknown>,
  onTokenized?: (done: number, total: number) => void,
): Promise<ExportResult> {
  if (choices.tokenizerFiles && !choices.tokenizer) throw new Error('The chosen tokenizer files are built where the export runs: run it through exportRun.ts.');
  return exportSamples(samples, {
    format: choices.format,
    include: choices.include,
    chatTemplate: choices.chatTemplate,
    tokenizer: choices.tokenizer,
    ...(onTokenized ? { onTokenized } : {}),
    // Only ids the checks actually stop become overrides; core records their reasons.
    overrides: Object.keys(choices.overrides),
    overrideReasons: choices.overrides,
    gate: verdictGate(verdicts),
    studioVersion: STUDIO_VERSION,
    pyodideVersion: PYODIDE_VERSION,
    settings,
    exportedAt: choices.exportedAt,
    layout: choices.layout,
    convertTo: choices.convertTo,
    enableThinking: choices.enableThinking,
    trainOnOutputs: choices.trainOnOutputs === true,
    // The project's own profiles, as `hint-studio export` reads them from the backup's settings.
    profiles: projectProfiles(settings as Pick<StudioSettings, 'customProfiles'>),
  });
}
