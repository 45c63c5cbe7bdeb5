/** What a command needs from the outside world, injectable so tests can capture output. */
import type { Command } from 'commander';
import { escapeControls } from './terminal';

export interface CliIO {
  /** Data for the user or for a pipe (tables, JSON, traces), already escaped where it is for people (terminal.ts). */
  stdout(text: string): void;
  /** Diagnostics: rejected records, warnings, errors. */
  stderr(text: string): void;
}

/**
 * The process's streams. Commands escape what they print for people; this is the net under
 * them: on a terminal nothing raw gets through (`render` to a terminal shows escapes, into a
 * pipe or file it stays byte for byte), and diagnostics are always escaped.
 */
export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(process.stdout.isTTY ? escapeControls(text) : text),
  stderr: (text) => void process.stderr.write(escapeControls(text)),
};

/** A failure the user caused or can fix: printed as one line on stderr, exit code non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** One `hint-studio <name>` command; commands/index.ts lists them all. */
export interface CliCommand {
  name: string;
  register(program: Command, io: CliIO): void;
}
