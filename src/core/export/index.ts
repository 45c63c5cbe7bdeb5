/**
 * The exporters: turn curated samples into training files plus manifest.json. Pure and
 * deterministic (same samples + options → same bytes), so the studio's download and the
 * CLI's files are identical.
 */
import type { Sample } from '../sample/types';
import { renderTrace } from '../trace';
import { DEEPSEEK_R1_DISTILL_QWEN, renderGenerationPrompt, type ChatTemplate } from '../template';
import { FORMAT_LAYOUTS, type AnyExportFormat, type ExportLayout, type ExportManifest, ExportOptions, ExportResult, GatedSample, HeldBackSample, TokenizerLike } from './types';
import type { FormatOutput } from './format-result';
import type { PreparedSample } from './prepared';
import { gateSamples, heldBackEntry } from './gate';
import { cortFiles } from './cort-record';
import { messagesFiles, promptCompletionFiles, reasoningDropWarning, sharegptFiles } from './chat-formats';
import { verlRlFiles, verlSftFiles } from './verl';
import { tokenStatistics, tokenizedFiles } from './tokenized';
import { fileEntries, manifestFile, redactSettings } from './manifest';
import { axolotlFiles, chatJsonFiles, dpoFiles, llamaFactoryToolsFiles, openRlhfFiles, prmFiles, trlFiles, verlMultiturnFiles } from './formats';
import type { OpenRlhfLayout } from './formats/openrlhf';
import type { TrlLayout } from './formats/trl';
import { BUILTIN_REGISTRY, customProfilesOf, getProfile, profileOfSample, unknownProfileMessage } from '../profiles/registry';
import { convertSample } from '../profiles/convert';
import type { ProfileRegistry, TraceProfile, TraceProfileId } from '../profiles/types';
import { projectSemanticsOf } from './profile';
import { splitUnmasked } from './unmasked';
import { semanticsFor } from '../exec/semantics/profile';
import type { ExecutionSemantics } from '../exec/semantics/profile';

export type * from './types';
export { EXPORT_FORMATS, TRAINING_FORMATS, ALL_EXPORT_FORMATS, FORMAT_LAYOUTS } from './types';
export { reasoningDropWarning, LLAMA_FACTORY_DATASET } from './chat-formats';
export { TokenizerRequiredError, IGNORE_INDEX, tokenizeSample, trainingPieces } from './tokenized';
export { CortRecordInvalidError, cortRecordProblems, cortExportSchema } from './validate';
export { buildCortRecord, cortOutputSpans, CORT_EXPORT_KEYS, GENERATION_STATS, type CortExportRecord, type CortReview, type CortOrigin } from './cort-record';
export { parseCortExportRecord, isCortExportRecord } from './roundtrip';
export { CodePointIndex, codePointLength } from './offsets';
export { redactSettings, sha256Hex, MANIFEST_NAME } from './manifest';
export { exportArchive, archiveFiles, EXPORT_ARCHIVE_NAME } from './archive';
export { gateSamples, heldBackEntry } from './gate';
export { lossMaskCheck, lossMaskProblems, interpreterOutputs, LOSS_MASK_CHECK_ID } from './lossMask';
export { projectSemanticsOf } from './profile';
export { UNMASKED_FORMATS, splitUnmasked, interpreterCharacters } from './unmasked';
export { exportVerdicts, verdictGate, verdictOf, reviewOverrides, type ExportVerdicts, type ExportVerdictOptions } from './verdicts';
export * from './formats';

function writeFormat(format: AnyExportFormat, samples: PreparedSample[], options: ExportOptions): FormatOutput {
  const createdBy = `hint-studio ${options.studioVersion}`;
  switch (format) {
    case 'cort':
      return cortFiles(samples, projectSemanticsOf(options));
    case 'prompt-completion':
      return { files: promptCompletionFiles(samples) };
    case 'messages':
      return { files: messagesFiles(samples) };
    case 'sharegpt':
      return { files: sharegptFiles(samples) };
    case 'verl-sft':
      return verlSftFiles(samples, createdBy);
    case 'verl-rl':
      return verlRlFiles(samples, createdBy, options.split ?? 'train');
    case 'tokenized':
      return tokenizedFiles(samples, options.tokenizer, options.onTokenized);
    case 'verl-multiturn':
      return verlMultiturnFiles(samples, createdBy, { enableThinking: options.enableThinking });
    case 'trl':
      return trlFiles(samples, layoutFor(format, options) as TrlLayout);
    case 'axolotl':
      return axolotlFiles(samples);
    case 'llamafactory-tools':
      return llamaFactoryToolsFiles(samples);
    case 'openrlhf':
      return openRlhfFiles(samples, layoutFor(format, options) as OpenRlhfLayout);
    case 'dpo':
      return dpoFiles(samples);
    case 'prm':
      return prmFiles(samples);
    case 'openai-messages':
      return chatJsonFiles(samples, 'openai');
    case 'anthropic-messages':
      return chatJsonFiles(samples, 'anthropic');
  }
}

/** The layout asked for, checked against the format's own (the first is its default). */
function layoutFor(format: AnyExportFormat, options: ExportOptions): ExportLayout {
  const allowed = FORMAT_LAYOUTS[format] ?? [];
  const layout = options.layout ?? allowed[0];
  if (!allowed.includes(layout)) throw new Error(`--layout for ${format} must be one of ${allowed.join(', ')}, not "${layout}"`);
  return layout;
}

/** A gated sample with its exported trace (converted when asked) and rendered strings; or why it cannot be. */
function prepareSample(g: GatedSample, template: ChatTemplate, convertTo: TraceProfileId | undefined, profiles: ProfileRegistry): PreparedSample | HeldBackSample {
  const from = profileOfSample(g.sample, profiles);
  let sample = g.sample;
  let profile = from;
  if (convertTo !== undefined && convertTo !== from.id) {
    profile = getProfile(convertTo, profiles);
    const converted = convertSample(g.sample, from, profile);
    if (!converted.ok) return heldBackEntry(g.sample, 'format', [converted.reason]);
    sample = converted.sample;
  }
  return { ...g, sample, profile, response: renderTrace(sample.trace), templatedPrompt: renderGenerationPrompt(template, sample.prompt) };
}

/** Formats whose assistant messages a trainer renders through the chat template (which may drop the reasoning). */
const TEMPLATED_MESSAGE_FORMATS: ReadonlySet<AnyExportFormat> = new Set<AnyExportFormat>([
  'messages',
  'sharegpt',
  'verl-multiturn',
  'trl',
  'axolotl',
  'llamafactory-tools',
  'openrlhf',
]);

/** Token statistics of prompt + response for the formats that do not tokenize themselves. */
function textTokenStatistics(tokenizer: TokenizerLike, samples: PreparedSample[], onTokenized?: (done: number, total: number) => void) {
  return tokenStatistics(
    tokenizer,
    samples.map((p, i) => {
      const length = tokenizer.encode(p.templatedPrompt + p.response).length;
      onTokenized?.(i + 1, samples.length);
      return length;
    }),
  );
}

/** The reasons of the overrides that took effect, so the manifest never names an id that was not overridden. */
function overrideReasonsOf(overridden: readonly string[], reasons: Record<string, string> = {}): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const id of overridden) if (Object.hasOwn(reasons, id)) recorded[id] = reasons[id];
  return recorded;
}

/**
 * The project's own profiles the export uses (its samples' or the one converted to), carried
 * whole in the manifest so a re-import (or another studio) knows them. Absent when none.
 */
function customProfilesField(used: readonly TraceProfile[], custom: readonly TraceProfile[]): { customProfiles?: TraceProfile[] } {
  const kept = custom.filter((c) => used.includes(c));
  return kept.length ? { customProfiles: kept } : {};
}

export async function exportSamples(samples: readonly Sample[], options: ExportOptions): Promise<ExportResult> {
  const format = options.format ?? 'cort';
  const template = options.chatTemplate ?? DEEPSEEK_R1_DISTILL_QWEN;
  const profiles = options.profiles ?? BUILTIN_REGISTRY;
  // A sample of a profile the project does not know is an error, never read as CoRT's.
  const unknown = samples.filter((s) => s.profile !== undefined && !profiles.some((p) => p.id === s.profile));
  if (unknown.length) throw new Error(`${unknownProfileMessage(unknown[0].profile!, profiles)} Samples: ${unknown.map((s) => s.id).join(', ')}`);
  if (options.convertTo !== undefined) getProfile(options.convertTo, profiles);
  const gate = gateSamples(samples, options.include ?? 'approved', options.gate, options.overrides, profiles);

  const prepared: PreparedSample[] = [];
  const conversionHeldBack: HeldBackSample[] = [];
  for (const g of gate.exported) {
    const p = prepareSample(g, template, options.convertTo, profiles);
    if ('reasons' in p) conversionHeldBack.push(p);
    else prepared.push(p);
  }
  // Formats that cannot mask interpreter output hold back the samples that have some.
  const unmasked = splitUnmasked(format, prepared, options.trainOnOutputs === true);
  const written = writeFormat(format, unmasked.kept, options);
  const output = { ...written, heldBack: [...unmasked.heldBack, ...(written.heldBack ?? [])], warnings: [...unmasked.warnings, ...(written.warnings ?? [])] };

  const formatHeldBack = output.heldBack;
  const formatHeldBackIds = new Set(formatHeldBack.map((h) => h.sampleId));
  const heldBack: HeldBackSample[] = [...gate.heldBack, ...conversionHeldBack, ...formatHeldBack];
  const semantics = projectSemanticsOf(options);
  const traceProfiles: Partial<Record<TraceProfileId, number>> = {};
  const traceSemantics: Partial<Record<TraceProfileId, ExecutionSemantics>> = {};
  for (const p of prepared) {
    if (formatHeldBackIds.has(p.sample.id)) continue;
    traceProfiles[p.profile.id] = (traceProfiles[p.profile.id] ?? 0) + 1;
    traceSemantics[p.profile.id] = semanticsFor(p.profile, semantics);
  }
  const warnings = [...(output.warnings ?? [])];
  // OpenRLHF's input-output layout carries the already templated prompt: no template runs on it.
  if (TEMPLATED_MESSAGE_FORMATS.has(format) && !(format === 'openrlhf' && options.layout === 'input-output')) {
    const drop = reasoningDropWarning(template);
    if (drop) warnings.unshift(drop);
  }

  const manifest: ExportManifest = {
    format,
    exportedAt: options.exportedAt,
    studioVersion: options.studioVersion,
    pyodideVersion: options.pyodideVersion ?? null,
    counts: {
      input: samples.length,
      exported: prepared.length - formatHeldBack.length,
      heldBack: heldBack.length,
      overridden: gate.overridden.length,
    },
    offsetUnit: 'codepoint',
    tokenStatistics:
      output.tokenStatistics ??
      (options.tokenizer ? textTokenStatistics(options.tokenizer, prepared.filter((p) => !formatHeldBackIds.has(p.sample.id)), options.onTokenized) : null),
    chatTemplate: template,
    semantics,
    traceSemantics,
    settings: redactSettings(options.settings ?? {}),
    heldBack,
    overrides: gate.overridden,
    overrideReasons: overrideReasonsOf(gate.overridden, options.overrideReasons),
    warnings,
    traceProfiles,
    convertedTo: options.convertTo ?? null,
    ...customProfilesField(prepared.map((p) => p.profile), customProfilesOf(profiles)),
    outputsTrained: unmasked.trained.filter((p) => !formatHeldBackIds.has(p.sample.id)).length,
    files: await fileEntries(output.files),
  };
  return { files: [...output.files, manifestFile(manifest)], manifest, heldBack };
}
