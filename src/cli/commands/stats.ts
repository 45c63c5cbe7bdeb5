/**
 * `hint-studio stats FILE [--json]`: per sample: tokens, code/output blocks, the answer and
 * every review check (answer equivalence by SymPy, structure, reproduction, efficiency) —
 * computed by the same core code the studio runs, with Pyodide in Node.
 *
 * `answerMatches`, the matches column and the footer are the checks' answer verdict
 * (core/checks/answer): the same verdict the studio's library and checks show. With
 * --no-checks no interpreter runs, and answers only SymPy can decide are 'pending'.
 */
import type { Command } from 'commander';
import { failing, runChecks, type SampleChecks } from '../../core/checks';
import { verdictMatches, type Verdict } from '../../core/checks/answer';
import type { Executor } from '../../core/exec/types';
import type { Sample } from '../../core/sample/types';
import { summarizeSample, type SampleSummary } from '../../core/sample/summary';
import { createNodeExecutor } from '../../python/node';
import { loadQwenEstimate, tokenCounterFromTokenizerJson, type TokenCounter } from '../../core/tokens';
import type { CliCommand, CliIO } from '../io';
import { loadFileWithProfiles, printRejects, readTokenizerFiles } from '../load';
import { profilesOption, requireKnownProfiles } from '../profiles';
import type { ProfileRegistry } from '../../core/profiles/types';
import { DEFAULT_TIMEOUT_MS, givenTimeoutMs, TIMEOUT_FLAGS, TIMEOUT_HELP } from '../timeout';
import { formatTable } from '../table';
import { chosenSemantics, semanticsOption, templateOption, type SemanticsOptions } from './semantics';
import { TEMPLATE_PRESETS } from '../../core/template';
import { escapeControls, jsonLine } from '../terminal';

export interface StatsOptions extends SemanticsOptions {
  json?: boolean;
  /** A JSON file of the project's own trace profiles; without it, those a project or backup file carries. */
  profiles?: string;
  /** false with --no-tokens. */
  tokens?: boolean;
  /** Path of a model's tokenizer.json for exact counts. */
  tokenizer?: string;
  /** false with --no-checks: skip the checks (no interpreter is started). */
  checks?: boolean;
  /** Seconds per code block in the reproduction check (CoRT: 30). */
  timeout?: string;
}

/** The model's own tokenizer when given (with tokenizer_config.json from the same folder), else the Qwen3 estimate. */
async function tokenCounter(options: StatsOptions): Promise<TokenCounter | undefined> {
  if (options.tokens === false) return undefined;
  if (!options.tokenizer) return loadQwenEstimate();
  const { tokenizerJson, tokenizerConfig } = await readTokenizerFiles(options.tokenizer);
  return tokenCounterFromTokenizerJson(tokenizerJson, tokenizerConfig, options.tokenizer);
}

/** yes / no when decided; 'pending' (needs SymPy) and '?' (could not decide) are neither. */
function matchesCell(verdict: Verdict | null): string {
  switch (verdict) {
    case 'equal':
      return 'yes';
    case 'different':
      return 'no';
    case 'pending':
      return 'pending';
    case 'unparseable':
      return '?';
    default:
      return '-';
  }
}
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

type Row = SampleSummary & { index: number; checks?: SampleChecks };

/** "pass", or which checks fail (a warning does not block approval, so it is not listed). */
function checksCell(checks: SampleChecks | undefined): string {
  if (!checks) return '-';
  const failed = failing(checks);
  return failed.length ? `fail: ${failed.map((c) => c.id).join(',')}` : 'pass';
}

/** The checks of every sample, in one interpreter started for the run (a caller may share its own). */
async function checkAll(samples: Sample[], counter: TokenCounter | undefined, options: StatsOptions, given: number | undefined, profiles: ProfileRegistry, executor?: Executor): Promise<SampleChecks[]> {
  const runtime = executor ?? createNodeExecutor({ timeoutMs: given ?? DEFAULT_TIMEOUT_MS });
  const semantics = chosenSemantics(options);
  const template = TEMPLATE_PRESETS.find((t) => t.id === options.template);
  try {
    const results: SampleChecks[] = [];
    for (const sample of samples) results.push(await runChecks(sample, { executor: runtime, tokenCounter: counter, semantics, timeoutMs: given, profiles, ...(template ? { template } : {}) }));
    return results;
  } finally {
    if (!executor) await runtime.dispose();
  }
}

/** The answer verdict of the checks (decided with SymPy) replaces the summary's, which may be pending. */
function withCheckedAnswer(row: Row): Row {
  const verdict = row.checks?.answer;
  if (!verdict || !row.hasAnswer) return row;
  return { ...row, answerVerdict: verdict.verdict, answerMatches: verdictMatches(verdict) };
}

function table(rows: Row[], counter: TokenCounter | undefined): string {
  const text = formatTable(rows, [
    { header: '#', cell: (r) => String(r.index), align: 'right' },
    { header: 'id', cell: (r) => r.id },
    { header: 'source', cell: (r) => r.source ?? '' },
    ...(counter ? [{ header: 'tokens', cell: (r: Row) => String(r.tokens), align: 'right' as const }] : []),
    { header: 'code', cell: (r) => String(r.codeBlocks), align: 'right' },
    { header: 'output', cell: (r) => String(r.outputBlocks), align: 'right' },
    { header: 'answer', cell: (r) => (r.answer === null ? '-' : clip(r.answer, 20)) },
    { header: 'matches', cell: (r) => matchesCell(r.answerVerdict) },
    ...(rows.some((r) => r.checks) ? [{ header: 'checks', cell: (r: Row) => checksCell(r.checks) }] : []),
    { header: 'problem', cell: (r) => clip(r.problemExcerpt, 50) },
  ]);
  const answered = rows.filter((r) => r.hasAnswer).length;
  const matching = rows.filter((r) => r.answerMatches === true).length;
  const pending = rows.filter((r) => r.answerVerdict === 'pending').length;
  const undecided = rows.filter((r) => r.answerVerdict === 'unparseable').length;
  const open = [pending && `${pending} pending (SymPy decides them; run without --no-checks)`, undecided && `${undecided} undecided`].filter(Boolean);
  const footer = `${rows.length} samples, ${answered} with an answer, ${matching} matching the ground truth${open.length ? `, ${open.join(', ')}` : ''}`;
  return `${text}\n${footer}\n${counter ? `tokens: ${escapeControls(counter.name)}\n` : ''}`;
}

export async function runStats(file: string, options: StatsOptions, io: CliIO, executor?: Executor): Promise<void> {
  const given = givenTimeoutMs(options.timeout);
  // The project's own profiles: --profiles, else those a project or backup file carries in its settings.
  const { result, profiles } = await loadFileWithProfiles(file, options.profiles);
  requireKnownProfiles(result.samples, profiles, file);
  printRejects(result, io);
  const counter = await tokenCounter(options);
  const checks = options.checks === false ? [] : await checkAll(result.samples, counter, options, given, profiles, executor);
  const rows: Row[] = result.samples.map((sample, index) => withCheckedAnswer({ index, ...summarizeSample(sample, counter, profiles), checks: checks[index] }));
  if (options.json) {
    // JSON lines: one object per sample, ready for jq or pandas.read_json(lines=True).
    for (const row of rows) io.stdout(jsonLine({ ...row, tokenizer: counter?.name ?? null, semantics: chosenSemantics(options) }));
  } else {
    io.stdout(table(rows, counter));
  }
}

export const statsCommand: CliCommand = {
  name: 'stats',
  register(program: Command, io: CliIO) {
    program
      .command('stats')
      .description('per sample: tokens, code blocks, output blocks, answer, and every review check')
      .argument('<file>', 'input or project file')
      .option('--json', 'one JSON object per sample (JSON lines) instead of a table')
      .addOption(profilesOption())
      .option('--tokenizer <tokenizer.json>', "count with the model's own tokenizer instead of the Qwen3 estimate")
      .option('--no-tokens', 'skip token counting')
      .option('--no-checks', 'skip the review checks (answer equivalence, structure, reproduction), which start Pyodide')
      .addOption(semanticsOption())
      .addOption(templateOption())
      .option(TIMEOUT_FLAGS, TIMEOUT_HELP)
      .action((target: string, options: StatsOptions) => runStats(target, options, io));
  },
};
