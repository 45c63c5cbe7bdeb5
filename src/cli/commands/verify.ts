/**
 * `hint-studio verify FILE [--json] [--timeout S] [--semantics cort|notebook]`: re-executes
 * every sample's code under the execution profile and compares each recorded output with the
 * reproduced one (tracebacks by their ending; CoRT's [SYSTEM] notice is the loop's, not the
 * code's). Under cort, each call runs the program CoRT rebuilt from the text so far; blocks
 * CoRT never runs and outputs its executor cannot have written are reported. Exits 1 when
 * any sample fails (after reporting every sample).
 */
import type { Command } from 'commander';
import { verifyWith, type BlockCheck, type ExecutionProfile } from '../../core/exec';
import { createNodeExecutor } from '../../python/node';
import { CliError, type CliCommand, type CliIO } from '../io';
import { loadFile, printRejects } from '../load';
import { chosenProfile, sampleProfile, semanticsOption, templateOption, type SemanticsOptions } from './semantics';
import { cellTimeoutMs, DEFAULT_TIMEOUT_SECONDS, TIMEOUT_FLAGS, TIMEOUT_HELP } from '../timeout';

export interface VerifyOptions extends SemanticsOptions {
  json?: boolean;
  /** Seconds per code block (CoRT: 30). */
  timeout?: string;
}

export interface SampleVerdict {
  index: number;
  id: string;
  profile: ExecutionProfile;
  ok: boolean;
  blocks: BlockCheck[];
}

export async function runVerify(file: string, options: VerifyOptions, io: CliIO): Promise<SampleVerdict[]> {
  const timeoutMs = cellTimeoutMs(options.timeout);
  const result = await loadFile(file);
  printRejects(result, io);
  const profile = chosenProfile(options);
  const executor = createNodeExecutor({ timeoutMs });
  const verdicts: SampleVerdict[] = [];
  try {
    for (const [index, sample] of result.samples.entries()) {
      // A namespace of its own per sample, started fresh: the recorded run started empty too.
      const check = await verifyWith(executor, `verify-${index}`, sample.trace, sampleProfile(sample, options), timeoutMs);
      const verdict: SampleVerdict = { index, id: sample.id, profile, ok: check.ok, blocks: check.blocks };
      verdicts.push(verdict);
      io.stdout(options.json ? `${JSON.stringify(verdict)}\n` : describe(verdict));
    }
  } finally {
    await executor.dispose();
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  if (!options.json) io.stdout(`${verdicts.length} samples, ${verdicts.length - failed} verified, ${failed} failed (semantics: ${profile})\n`);
  if (failed) throw new CliError(`${failed} of ${verdicts.length} samples failed verification`);
  return verdicts;
}

function describe(verdict: SampleVerdict): string {
  const compared = verdict.blocks.filter((b) => b.matches !== null).length;
  const calls = verdict.blocks.filter((b) => b.status !== 'not-run' && b.status !== 'not-cort').length;
  const what = verdict.profile === 'cort' ? `${calls} code calls` : `${calls} code blocks`;
  const head = `sample ${verdict.index} ${verdict.id}: ${verdict.ok ? 'ok' : 'FAILED'} (${what}, ${compared} with recorded output)\n`;
  // Every block not plainly verified is listed: a block CoRT never runs is never passed over in silence.
  const listed = verdict.blocks.filter((b) => b.status === 'not-run' || b.status === 'not-cort' || (b.matches === null ? b.status !== 'ok' : !b.matches));
  return head + listed.map(describeBlock).join('');
}

function describeBlock(block: BlockCheck): string {
  const what =
    block.status === 'not-run'
      ? 'not run by CoRT'
      : block.status === 'not-cort'
        ? 'output not written by CoRT\'s executor'
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
      .description("re-run every sample's code as its execution profile runs it and check the recorded outputs")
      .argument('<file>', 'input or project file')
      .option('--json', 'one JSON object per sample (JSON lines)')
      .option(TIMEOUT_FLAGS, TIMEOUT_HELP, DEFAULT_TIMEOUT_SECONDS)
      .addOption(semanticsOption())
      .addOption(templateOption())
      .action(async (target: string, options: VerifyOptions) => {
        await runVerify(target, options, io);
      });
  },
};
