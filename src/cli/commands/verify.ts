/**
 * `hint-studio verify FILE [--json] [--timeout S]`: re-executes every sample's code blocks in
 * a fresh Pyodide namespace and compares each recorded output with the reproduced one
 * (tracebacks match by their final exception line). Exits 1 when any sample fails (after
 * reporting every sample).
 */
import type { Command } from 'commander';
import { verifyTrace, type BlockCheck } from '../../core/exec';
import { createNodeExecutor } from '../../python/node';
import { CliError, type CliCommand, type CliIO } from '../io';
import { loadFile, printRejects } from '../load';
import { escapeControls, jsonLine } from '../terminal';

export interface VerifyOptions {
  json?: boolean;
  /** Seconds per code block (CoRT: 30). */
  timeout?: string;
}

export interface SampleVerdict {
  index: number;
  id: string;
  ok: boolean;
  blocks: BlockCheck[];
}

export async function runVerify(file: string, options: VerifyOptions, io: CliIO): Promise<SampleVerdict[]> {
  const seconds = Number(options.timeout ?? 30);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a positive number of seconds, not ${options.timeout}`);
  const result = await loadFile(file);
  printRejects(result, io);
  const executor = createNodeExecutor({ timeoutMs: seconds * 1000 });
  const verdicts: SampleVerdict[] = [];
  try {
    for (const [index, sample] of result.samples.entries()) {
      // A namespace of its own per sample, started fresh: the recorded run started empty too.
      const namespace = `verify-${index}`;
      const check = await verifyTrace(sample.trace, (code) => executor.run(namespace, code));
      await executor.restart(namespace);
      const verdict = { index, id: sample.id, ok: check.ok, blocks: check.blocks };
      verdicts.push(verdict);
      io.stdout(options.json ? jsonLine(verdict) : escapeControls(describe(verdict)));
    }
  } finally {
    await executor.dispose();
  }
  const failed = verdicts.filter((v) => !v.ok).length;
  if (!options.json) io.stdout(`${verdicts.length} samples, ${verdicts.length - failed} verified, ${failed} failed\n`);
  if (failed) throw new CliError(`${failed} of ${verdicts.length} samples failed verification`);
  return verdicts;
}

function describe(verdict: SampleVerdict): string {
  const compared = verdict.blocks.filter((b) => b.matches !== null).length;
  const head = `sample ${verdict.index} ${verdict.id}: ${verdict.ok ? 'ok' : 'FAILED'} (${verdict.blocks.length} code blocks, ${compared} with recorded output)\n`;
  const problems = verdict.blocks.filter((b) => (b.matches === null ? b.status !== 'ok' : !b.matches));
  return head + problems.map(describeBlock).join('');
}

function describeBlock(block: BlockCheck): string {
  const what = block.matches === false ? 'output differs' : block.status === 'timeout' ? 'time-out' : block.status;
  const lines = [`  block ${block.block} (${block.codeSegmentId}): ${what} [${block.status}]`];
  if (block.recorded !== undefined) lines.push(`    recorded:   ${indent(block.recorded)}`);
  lines.push(`    reproduced: ${indent(block.reproduced)}`);
  if (block.message) lines.push(`    note: ${block.message}`);
  return lines.join('\n') + '\n';
}

const indent = (text: string) => text.replace(/\n/g, '\n                ');

export const verifyCommand: CliCommand = {
  name: 'verify',
  register(program: Command, io: CliIO) {
    program
      .command('verify')
      .description("re-run every sample's code blocks in a fresh Python namespace and check the recorded outputs")
      .argument('<file>', 'input or project file')
      .option('--json', 'one JSON object per sample (JSON lines)')
      .option('--timeout <seconds>', 'time limit per code block', '30')
      .action(async (target: string, options: VerifyOptions) => {
        await runVerify(target, options, io);
      });
  },
};
