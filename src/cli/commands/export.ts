/**
 * `hint-studio export PROJECT.json --format F --out DIR [--tokenizer tokenizer.json]
 *  [--include all|approved] [--override ID[=REASON]...] [--override-reason TEXT]`: the
 * exporter of the studio, run in Node. The checks gate is the studio's (`exportVerdicts`),
 * run with the Node Python interpreter so the SymPy answer check and the reproduction run
 * take part; the files are exactly those `exportSamples` returns — the same bytes the studio
 * offers for download when its checks ran with the interpreter too.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_PROJECT_SEMANTICS, isProjectSemantics, type ProjectSemantics } from '../../core/exec';
import { CliError, type CliCommand, type CliIO } from '../io';
import { readInput, readProjectFile } from '../inputs';
import { readTokenizerFiles } from '../load';
import type { Executor } from '../../core/exec/types';
import { parseProject, type ParsedProject } from '../../core/project';
import type { Sample } from '../../core/sample/types';
import { approvalGateReason } from '../../core/review';
import { ChatTemplateError, TEMPLATE_PRESETS, templateFromTokenizerConfig, type ChatTemplate } from '../../core/template';
import { tokenizerFromFiles } from '../../core/tokens';
import {
  ALL_EXPORT_FORMATS,
  FORMAT_LAYOUTS,
  exportSamples,
  exportVerdicts,
  reviewOverrides,
  TokenizerRequiredError,
  verdictGate,
  type AnyExportFormat,
  type ExportLayout,
  type ExportVerdicts,
  type ExportResult,
  type TokenizerLike,
} from '../../core/export';
import { createNodeExecutor } from '../../python/node';
import { TRACE_PROFILE_IDS, type ProfileRegistry, type TraceProfileId } from '../../core/profiles/types';
import { loadProfiles, profilesOption, requireKnownProfiles } from '../profiles';
import { DEFAULT_TIMEOUT_MS, givenTimeoutMs, TIMEOUT_FLAGS, TIMEOUT_HELP } from '../timeout';
import { escapeControls } from '../terminal';

export interface ExportCommandOptions {
  /** A team server to export from instead of a project file (with `token`, and `project` when it has several). */
  server?: string;
  token?: string;
  project?: string;
  format: AnyExportFormat;
  out: string;
  include: 'approved' | 'all';
  tokenizer?: string;
  /** A preset id or a path to a tokenizer_config.json with a chat_template. */
  template?: string;
  /** `ID` or `ID=REASON`: export these samples although their checks fail. */
  override?: string[];
  /** The reason for every `--override ID` written without one. */
  overrideReason?: string;
  /** Fixed export time (ISO) for reproducible files; defaults to now. */
  exportedAt?: string;
  /** Record layout: trl messages|prompt-completion, openrlhf multiturn|input-output. */
  layout?: ExportLayout;
  /** A JSON file of the project's own trace profiles; without it, the backup's settings.customProfiles. */
  profiles?: string;
  /** Convert every trace to this profile first (held back when the round trip is not exact). */
  convertTo?: TraceProfileId;
  /** verl-multiturn: write enable_thinking with this value. */
  enableThinking?: 'true' | 'false';
  /** Seconds per code block in the reproduction check (CoRT: 30). */
  timeout?: string;
  /** verl-sft, prompt-completion, messages, sharegpt: keep samples with interpreter output, trained on it. */
  trainOnOutputs?: boolean;
}

const require = createRequire(import.meta.url);

function installedVersion(pkg: string): string | undefined {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** The user's tokenizer.json (+ its tokenizer_config.json), through the loader the studio uses. */
async function loadTokenizer(path: string): Promise<TokenizerLike> {
  const { tokenizerJson, tokenizerConfig } = await readTokenizerFiles(path);
  return tokenizerFromFiles(tokenizerJson, tokenizerConfig, basename(path));
}

/**
 * `--override` values into sample id → reason. `ID=REASON` splits at the first "=" (sample
 * ids never contain one); a bare `ID` takes `--override-reason`. Every override needs a
 * reason, as in the studio: the manifest records why a failing sample left anyway.
 */
export function parseOverrides(specs: readonly string[] = [], defaultReason?: string): Record<string, string> {
  const fallback = defaultReason?.trim();
  if (fallback !== undefined && !specs.some((spec) => !spec.includes('='))) {
    throw new CliError('--override-reason applies to the --override IDs written without a reason; there is none');
  }
  const reasons: Record<string, string> = {};
  for (const spec of specs) {
    const cut = spec.indexOf('=');
    const id = (cut < 0 ? spec : spec.slice(0, cut)).trim();
    const reason = cut < 0 ? fallback : spec.slice(cut + 1).trim();
    if (!id) throw new CliError(`--override "${spec}": no sample id`);
    if (!reason) throw new CliError(`--override ${id} needs a reason: write ${id}="why" or add --override-reason "why"`);
    reasons[id] = reason;
  }
  return reasons;
}

async function chooseTemplate(spec: string | undefined): Promise<ChatTemplate | undefined> {
  if (spec === undefined) return undefined;
  const preset = TEMPLATE_PRESETS.find((t) => t.id === spec);
  if (preset) return preset;
  if (!existsSync(spec)) {
    throw new CliError(`--template: "${spec}" is neither a preset (${TEMPLATE_PRESETS.map((t) => t.id).join(', ')}) nor a tokenizer_config.json`);
  }
  const text = await readInput(spec, 'tokenizer-config', ['json-object']);
  try {
    return templateFromTokenizerConfig(text, basename(spec));
  } catch (err) {
    if (err instanceof ChatTemplateError) throw new CliError(`${spec}: ${err.message}`);
    throw err;
  }
}

/**
 * The studio's gate verdicts, with the interpreter. Only the samples the gate will ask about
 * are checked: with --include approved, the others are held back before the checks.
 */
async function gateVerdicts(samples: readonly Sample[], include: 'approved' | 'all', semantics: ProjectSemantics, profiles: ProfileRegistry, given: number | undefined, executor?: Executor): Promise<ExportVerdicts> {
  const asked = include === 'all' ? samples : samples.filter((s) => approvalGateReason(s) === null);
  const runtime = executor ?? createNodeExecutor({ timeoutMs: given ?? DEFAULT_TIMEOUT_MS });
  try {
    return await exportVerdicts(asked, { executor: runtime, semantics, timeoutMs: given, profiles });
  } finally {
    if (!executor) await runtime.dispose();
  }
}

/** A GET against a team server with an API token; failures become one clear line. */
async function serverGet(server: string, path: string, token: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server), { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new CliError(`${server}: cannot connect (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})`);
  }
  if (response.status === 401) throw new CliError(`${server}: the server refused the token (make one with \`hint-studio user token NAME\` or in the studio)`);
  if (!response.ok) throw new CliError(`${server}${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

/**
 * A server project as a project file: the server's backup of it (samples in export order,
 * the project's settings), read exactly as a backup file on disk is read.
 */
async function serverProject(server: string, token: string | undefined, which: string | undefined): Promise<ParsedProject> {
  if (!token) throw new CliError('--server needs --token (or HINT_STUDIO_TOKEN): an API token of a user of that server');
  const projects = (await (await serverGet(server, '/api/projects', token)).json()) as { id: number; name: string }[];
  const chosen = which === undefined ? (projects.length === 1 ? projects[0] : undefined) : projects.find((p) => p.name === which || String(p.id) === which);
  if (!chosen) {
    const names = projects.map((p) => `"${p.name}"`).join(', ');
    throw new CliError(which === undefined ? `${server} has several projects (${names}): choose one with --project` : `${server} has no project "${which}" (it has ${names})`);
  }
  const backup = await (await serverGet(server, `/api/projects/${chosen.id}/backup`, token)).text();
  return parseProject(backup, `${server} project ${chosen.name}`);
}

/**
 * Export a project file, or a team server's project (options.server), into `options.out`;
 * returns what was written. Pass `executor` to share a running interpreter (the caller
 * disposes it); otherwise one is started and stopped here.
 */
export async function runExport(projectPath: string | undefined, options: ExportCommandOptions, executor?: Executor): Promise<ExportResult> {
  if ((projectPath === undefined) === (options.server === undefined)) throw new CliError('export needs a project file or --server URL (one of them)');
  const project = options.server
    ? await serverProject(options.server, options.token ?? process.env.HINT_STUDIO_TOKEN, options.project)
    : await readProjectFile(projectPath!);
  const settings = project.extras.settings;
  // The project's own profiles: --profiles, else those its backup's settings carry (the studio's Settings).
  const profiles = await loadProfiles(options.profiles, { custom: (settings as { customProfiles?: unknown } | null)?.customProfiles, where: 'settings.customProfiles' });
  if (options.convertTo !== undefined && !profiles.some((p) => p.id === options.convertTo)) {
    throw new CliError(`--convert-to must be one of ${profiles.map((p) => p.id).join(', ')}, not "${options.convertTo}"`);
  }
  requireKnownProfiles(project.samples, profiles, projectPath ?? options.server!);
  // A reviewer's approval override counts as in the studio; a reason given here replaces it.
  const overrides = { ...reviewOverrides(project.samples), ...parseOverrides(options.override, options.overrideReason) };
  const chatTemplate = await chooseTemplate(options.template);
  const tokenizer = options.tokenizer ? await loadTokenizer(options.tokenizer) : undefined;
  // Refused before the checks start the interpreter, not after.
  if (options.format === 'tokenized' && !tokenizer) throw new TokenizerRequiredError();

  // The project's own semantics (studio Settings), as the studio's export dialog uses them.
  // Each sample's trace profile decides its own semantics; this is the choice for CoRT traces.
  const semantics = isProjectSemantics((settings as { semantics?: unknown } | null)?.semantics) ? (settings as { semantics: ProjectSemantics }).semantics : DEFAULT_PROJECT_SEMANTICS;
  const verdicts = await gateVerdicts(project.samples, options.include, semantics, profiles, givenTimeoutMs(options.timeout), executor);
  const result = await exportSamples(project.samples, {
    format: options.format,
    include: options.include,
    gate: verdictGate(verdicts),
    overrides: Object.keys(overrides),
    overrideReasons: overrides,
    chatTemplate,
    tokenizer,
    studioVersion: (require('../../../package.json') as { version: string }).version,
    pyodideVersion: installedVersion('pyodide'),
    settings: settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {},
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    layout: options.layout,
    convertTo: options.convertTo,
    profiles,
    enableThinking: options.enableThinking === undefined ? undefined : options.enableThinking === 'true',
    trainOnOutputs: options.trainOnOutputs === true,
  });
  await mkdir(options.out, { recursive: true });
  for (const file of result.files) await writeFile(join(options.out, file.name), file.bytes);
  return result;
}

function summary(result: ExportResult, out: string, requested: readonly string[]): string {
  const { counts, warnings, overrideReasons } = result.manifest;
  const lines = [`Exported ${counts.exported} of ${counts.input} samples (${result.manifest.format}) to ${out}:`];
  for (const f of result.files) lines.push(`  ${f.name}  ${f.bytes.byteLength} bytes`);
  for (const [id, reason] of Object.entries(overrideReasons)) lines.push(`exported ${id} despite failing checks: ${reason}`);
  // An id the checks did not stop (or that is not in the project) changes nothing; say so rather than stay silent.
  for (const id of requested) if (!(id in overrideReasons)) lines.push(`note: --override ${id} had no effect (not a sample the checks hold back)`);
  for (const h of result.heldBack) lines.push(`held back ${h.sampleId} "${h.problem}": ${h.reasons.join('; ')}`);
  for (const w of warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/**
 * `executor`: a running interpreter for the checks, kept by the caller (tests share one);
 * by default each run starts its own and stops it when the checks are done.
 */
export function registerExportCommand(program: Command, io: CliIO, executor?: Executor): void {
  program
    .command('export')
    .description(
      'Write training data from a project file (CoRT JSONL by default) plus manifest.json; samples whose checks fail ' +
        '(answer, structure, reproduction by a fresh Python run) are held back unless overridden',
    )
    .argument('[project]', 'project file (PROJECT.json) saved by the studio; or use --server')
    .option('--server <url>', 'export from a team server (hint-studio serve) instead of a file')
    .option('--token <token>', 'API token for --server (default: $HINT_STUDIO_TOKEN)')
    .option('--project <name|id>', 'the server project, when the server has several')
    .requiredOption('--out <dir>', 'directory to write the files into')
    .option('--format <format>', `one of: ${ALL_EXPORT_FORMATS.join(', ')}`, 'cort')
    .option('--include <which>', 'approved (default) or all', 'approved')
    .option('--tokenizer <tokenizer.json>', "the model's tokenizer.json (required for --format tokenized)")
    .option('--template <preset|tokenizer_config.json>', `chat template: ${TEMPLATE_PRESETS.map((t) => t.id).join(', ')}, or a tokenizer_config.json`)
    .option('--override <id=reason...>', 'export these samples although their checks fail: ID=REASON, or ID with --override-reason (reasons go into manifest.json)')
    .option('--override-reason <text>', 'the reason for every --override id given without one')
    .option('--exported-at <iso>', 'fixed export time, for reproducible files')
    .option('--layout <layout>', 'trl: messages (default) or prompt-completion; openrlhf: multiturn (default) or input-output')
    .option('--convert-to <profile>', `convert every trace to this trace profile first: ${TRACE_PROFILE_IDS.join(', ')} or one of --profiles`)
    .addOption(profilesOption())
    .option('--enable-thinking <bool>', 'verl-multiturn: write an enable_thinking column (true or false)')
    .option(TIMEOUT_FLAGS, TIMEOUT_HELP)
    .option(
      '--train-on-outputs',
      'verl-sft, prompt-completion, messages, sharegpt cannot mask interpreter output, so samples with output are held back; this keeps them, trained on it (the manifest counts them)',
    )
    .action(async (project: string | undefined, opts: ExportCommandOptions) => {
      if (!ALL_EXPORT_FORMATS.includes(opts.format)) throw new CliError(`--format must be one of ${ALL_EXPORT_FORMATS.join(', ')}, not "${opts.format}"`);
      if (opts.layout !== undefined && !(FORMAT_LAYOUTS[opts.format] ?? []).includes(opts.layout)) {
        const allowed = FORMAT_LAYOUTS[opts.format];
        throw new CliError(allowed ? `--layout for ${opts.format} must be one of ${allowed.join(', ')}, not "${opts.layout}"` : `--format ${opts.format} has no --layout`);
      }
      if (opts.enableThinking !== undefined && opts.enableThinking !== 'true' && opts.enableThinking !== 'false') throw new CliError(`--enable-thinking must be true or false, not "${opts.enableThinking}"`);
      if (opts.include !== 'approved' && opts.include !== 'all') throw new CliError(`--include must be approved or all, not "${opts.include}"`);
      const result = await runExport(project, opts, executor);
      io.stdout(`${escapeControls(summary(result, opts.out, Object.keys(parseOverrides(opts.override, opts.overrideReason))))}\n`);
    });
}

export const exportCommand: CliCommand = {
  name: 'export',
  register(program: Command, io: CliIO) {
    registerExportCommand(program, io);
  },
};
