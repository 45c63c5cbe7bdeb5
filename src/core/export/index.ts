/**
 * The exporters: turn curated samples into training files plus manifest.json. Pure and
 * deterministic (same samples + options → same bytes), so the studio's download and the
 * CLI's files are identical.
 */
import type { Sample } from '../sample/types';
import { renderTrace } from '../trace';
import { DEEPSEEK_R1_DISTILL_QWEN, renderGenerationPrompt } from '../template';
import type { ExportFormat, ExportManifest, ExportOptions, ExportResult, HeldBackSample, TokenizerLike } from './types';
import type { FormatOutput } from './format-result';
import type { PreparedSample } from './prepared';
import { gateSamples } from './gate';
import { cortFiles } from './cort-record';
import { messagesFiles, promptCompletionFiles, reasoningDropWarning, sharegptFiles } from './chat-formats';
import { verlRlFiles, verlSftFiles } from './verl';
import { tokenStatistics, tokenizedFiles } from './tokenized';
import { fileEntries, manifestFile, redactSettings } from './manifest';
import { DEFAULT_EXECUTION_PROFILE, isExecutionProfile } from '../exec/semantics/profile';

export type * from './types';
export { EXPORT_FORMATS } from './types';
export { reasoningDropWarning, LLAMA_FACTORY_DATASET } from './chat-formats';
export { TokenizerRequiredError, IGNORE_INDEX, tokenizeSample, trainingPieces } from './tokenized';
export { CortRecordInvalidError, cortRecordProblems, cortExportSchema } from './validate';
export { buildCortRecord, cortOutputSpans, CORT_EXPORT_KEYS, type CortExportRecord } from './cort-record';
export { parseCortExportRecord, isCortExportRecord } from './roundtrip';
export { CodePointIndex, codePointLength } from './offsets';
export { redactSettings, sha256Hex, MANIFEST_NAME } from './manifest';
export { gateSamples } from './gate';
export { exportVerdicts, verdictGate, verdictOf, reviewOverrides, type ExportVerdicts, type ExportVerdictOptions } from './verdicts';

function writeFormat(format: ExportFormat, samples: PreparedSample[], options: ExportOptions): FormatOutput {
  const createdBy = `hint-studio ${options.studioVersion}`;
  switch (format) {
    case 'cort':
      return cortFiles(samples);
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
      return tokenizedFiles(samples, options.tokenizer);
  }
}

/** Token statistics of prompt + response for the formats that do not tokenize themselves. */
function textTokenStatistics(tokenizer: TokenizerLike, samples: PreparedSample[]) {
  return tokenStatistics(
    tokenizer,
    samples.map((p) => tokenizer.encode(p.templatedPrompt + p.response).length),
  );
}

/** The reasons of the overrides that took effect, so the manifest never names an id that was not overridden. */
function overrideReasonsOf(overridden: readonly string[], reasons: Record<string, string> = {}): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const id of overridden) if (Object.hasOwn(reasons, id)) recorded[id] = reasons[id];
  return recorded;
}

export async function exportSamples(samples: readonly Sample[], options: ExportOptions): Promise<ExportResult> {
  const format = options.format ?? 'cort';
  const template = options.chatTemplate ?? DEEPSEEK_R1_DISTILL_QWEN;
  const gate = gateSamples(samples, options.include ?? 'approved', options.gate, options.overrides);

  const prepared: PreparedSample[] = gate.exported.map((g) => ({
    ...g,
    response: renderTrace(g.sample.trace),
    templatedPrompt: renderGenerationPrompt(template, g.sample.prompt),
  }));
  const output = writeFormat(format, prepared, options);

  const formatHeldBack = output.heldBack ?? [];
  const formatHeldBackIds = new Set(formatHeldBack.map((h) => h.sampleId));
  const heldBack: HeldBackSample[] = [...gate.heldBack, ...formatHeldBack];
  const warnings = [...(output.warnings ?? [])];
  if (format === 'messages' || format === 'sharegpt') {
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
      (options.tokenizer ? textTokenStatistics(options.tokenizer, prepared.filter((p) => !formatHeldBackIds.has(p.sample.id))) : null),
    chatTemplate: template,
    semantics: options.semantics ?? (isExecutionProfile(options.settings?.semantics) ? options.settings.semantics : DEFAULT_EXECUTION_PROFILE),
    settings: redactSettings(options.settings ?? {}),
    heldBack,
    overrides: gate.overridden,
    overrideReasons: overrideReasonsOf(gate.overridden, options.overrideReasons),
    warnings,
    files: await fileEntries(output.files),
  };
  return { files: [...output.files, manifestFile(manifest)], manifest, heldBack };
}
