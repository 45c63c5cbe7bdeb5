import { Command } from 'commander';
import { ImportFormatError } from '../core/import/types';
import { commands } from './commands';
import { CliError, processIO, type CliIO } from './io';
import { escapeControls } from './terminal';

export function buildProgram(io: CliIO = processIO): Command {
  const program = new Command('hint-studio')
    .description('Hint Studio on the command line: import, inspect and render CoRT reasoning traces')
    .showHelpAfterError();
  for (const command of commands) command.register(program, io);
  return program;
}

/** Run with process arguments; returns the exit code (errors are reported on stderr). */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`hint-studio: ${escapeControls(err.message)}\n`);
      return err.exitCode;
    }
    // A file that cannot be read as what it claims to be is the user's to fix, not a bug: its message names the file.
    if (err instanceof ImportFormatError) {
      io.stderr(`hint-studio: ${escapeControls(err.message)}\n`);
      return 1;
    }
    io.stderr(`hint-studio: unexpected error: ${escapeControls(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 1;
  }
}
