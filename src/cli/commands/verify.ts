/**
 * `hint-studio verify FILE [--json] [--timeout S] [--semantics cort|notebook]`: re-executes
 * every sample's code as its trace profile's harness runs it and compares each recorded output
 * with the reproduced one (tracebacks by their ending; CoRT's [SYSTEM] notice is the loop's,
 * not the code's). Under cort, each call runs the program CoRT rebuilt from the text so far;
 * under fresh (ToRL, SimpleTIR, ReTool, rStar2) each call runs alone, as its harness builds it.
 * Blocks the harness never runs and outputs it cannot have written are reported. Exits 1 when
 * any sample fails (after reporting every sample).
 */
import type { Command } from 'commander';
import { verifyWith, type BlockCheck, type ExecutionSemantics } from '../../core/exec';
import type { TraceProfileId } from '../../core/profiles/types';
import { createNodeExecutor } from '../../python/node';
import { CliError, type CliCommand, type CliIO } from '../io';
import { loadFileWithProfiles, printRejects } from '../load';
import { profilesOption, requireKnownProfiles } from '../profiles';
import { chosenSemantics, sampleSetup, semanticsOption, templateOption, type SemanticsOptions } from './semantics';
import { DEFAULT_TIMEOUT_MS, givenTimeoutMs, sampleTimeoutMs, TIMEOUT_FLAGS, TIMEOUT_HELP } from '../timeout';
import { escapeControls, jsonLine } from '../terminal';

export interface VerifyOptions extends SemanticsOptions {
  json?: boolean;
  /** A JSON file of the project's own trace profiles; without it, those a project or backup file carries. */
  profiles?: string;
  /** Seconds per code block; by default the profile's own (CoRT 30, ToRL 10, ReTool 5, SimpleTIR 3). */
  timeout?: string;
}

export interface SampleVerdict {
  index: number;
  id: string;
  /** The execution semantics the sample's code ran under. */
  profile: ExecutionSemantics;
  /** The sample's trace profile. */
  traceProfile: TraceProfileId;
  ok: boolean;
  blocks: BlockCheck[];
}

export async function runVerify(file: string, options: VerifyOptions, io: CliIO): Promise<SampleVerdict[]> {
  const given = givenTimeoutMs(options.timeout);
  // The project's own profiles: --profiles, else those a project or backup file carries in its settings.
  const { result, profiles } = await loadFileWithProfiles(file, options.profiles);
  requireKnownProfiles(result.samples, profiles, file);
  printRejects(result, io);
  const semantics = chosenSemantics(options);
  const executor = createNodeExecutor({ timeoutMs: given ?? DEFAULT_TIMEOUT_MS });
  const verdicts: SampleVerdict[] = [];
  try {
    for (const [index, sample] of result.samples.entries()) {
      const setup = sampleSetup(sample, options, profiles);
      // A namespace of its own per sample, started fresh: the recorded run started empty too.
      const check = await verifyWith(executor, `verify-${index}`, sample.trace, setup, sampleTimeoutMs(given, setup.traceProfile));
      const verdict: SampleVerdict = { index, id: sample.id, profile: setup.semantics, traceProfile: setup.traceProfile.id, ok: check.ok, blocks: check.blocks };
      verdicts.push(verdict);
      io.stdout(options.json ? jsonLine(verdict) : escapeControls(describe(verdict, setup.traceProfile.name)));
    }
  } finally {
    await executor.dispose();
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  if (!options.json) io.stdout(`${verdicts.length} samples, ${verdicts.length - failed} verified, ${failed} failed (semantics: ${semantics})\n`);
  if (failed) throw new CliError(`${failed} of ${verdicts.length} samples failed verification`);
  return verdicts;
}

function describe(verdict: SampleVerdict, harness: string): string {
  const compared = verdict.blocks.filter((b) => b.matches !== null).length;
  const calls = verdict.blocks.filter((b) => b.status !== 'not-run' && b.status !== 'not-cort').length;
  const what = verdict.profile === 'notebook' ? `${calls} code blocks` : `${calls} code calls`;
  const under = verdict.traceProfile === 'cort' ? '' : `, ${harness} (${verdict.profile})`;
  const head = `sample ${verdict.index} ${verdict.id}: ${verdict.ok ? 'ok' : 'FAILED'} (${what}, ${compared} with recorded output${under})\n`;
  // Every block not plainly verified is listed: a block the harness never runs is never passed over in silence.
  const listed = verdict.blocks.filter((b) => b.status === 'not-run' || b.status === 'not-cort' || (b.matches === null ? b.status !== 'ok' : !b.matches));
  return head + listed.map((b) => describeBlock(b, harness)).join('');
}

function describeBlock(block: BlockCheck, harness: string): string {
  const what =
    block.status === 'not-run'
      ? `not run by ${harness}`
      : block.status === 'not-cort'
        ? `output not written by ${harness}'s executor`
        : block.status === 'unavailable'
          ? 'not reproducible here'
          : block.matches === false
            ? 'output differs'
            : block.status === 'timeout'
              ? 'time-out'
              : block.status;
  const where = [block.codeSegmentId, block.outputSegmentId].filter(Boolean).join(' → ');
  const lines = [`  block ${block.block} (${where}): ${what} [${block.status}]`];
  if (block.note) lines.push(`    why: ${block.note}`);
  if (block.status !== 'not-run') {
    if (block.recorded !== undefined) lines.push(`    recorded:   ${indent(block.recorded)}`);
    if (block.status !== 'not-cort') lines.push(`    reproduced: ${indent(block.reproduced)}`);
  }
  if (block.message) lines.push(`    note: ${block.message}`);
  return lines.join('\n') + '\n';
}

const indent = (text: string) => text.replace(/\n/g, '\n                ');

export const verifyCommand: CliCommand = {
  name: 'verify',
  register(program: Command, io: CliIO) {
    program
      .command('verify')
      .description("re-run every sample's code as its trace profile's harness runs it and check the recorded outputs")
      .argument('<file>', 'input or project file')
      .option('--json', 'one JSON object per sample (JSON lines)')
      .addOption(profilesOption())
      .option(TIMEOUT_FLAGS, TIMEOUT_HELP)
      .addOption(semanticsOption())
      .addOption(templateOption())
      .action(async (target: string, options: VerifyOptions) => {
        await runVerify(target, options, io);
      });
  },
};
