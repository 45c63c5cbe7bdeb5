/**
 * `hint-studio serve [--port N] [--host H] [--data DIR]`: the team server. Embedded PGlite in
 * DIR by default; PostgreSQL when DATABASE_URL is set. Runs until interrupted.
 */
import type { Command } from 'commander';
import type { RunningServer } from '../../server';
import { DEFAULT_DIST, DEFAULT_PORT, storageFrom } from '../../server/config';
import { CliError, type CliCommand, type CliIO } from '../io';

export interface ServeCommandOptions {
  port: string;
  host: string;
  data?: string;
  dist: string;
  trustProxy?: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  maxDocumentMb: string;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number, not "${value}"`);
  return n;
}

function startMessage(server: RunningServer, host: string): string {
  const lines = [`Hint Studio server at ${server.url}/`, `  storage: ${server.database.kind === 'pglite' ? `PGlite in ${server.database.where}` : `PostgreSQL at ${server.database.where}`}`];
  if (server.firstAdmin) {
    lines.push(
      '',
      'First start: an admin account was created. Its password is shown only now:',
      `  user:     ${server.firstAdmin.username}`,
      `  password: ${server.firstAdmin.password}`,
      'Add your team as this admin (POST /api/users), or stop the server and run',
      '  hint-studio user add NAME --role annotator|reviewer|admin',
    );
  }
  if (host === '127.0.0.1' || host === 'localhost') lines.push('', 'Only this machine can connect; --host 0.0.0.0 lets your team in (put it behind https beyond a trusted network).');
  return `${lines.join('\n')}\n`;
}

export async function runServe(opts: ServeCommandOptions, io: CliIO): Promise<void> {
  // The server (Fastify, PGlite, drizzle) loads only when `serve` runs, not for every command.
  const [{ startServer }, { DataFolderBusyError }] = await Promise.all([import('../../server'), import('../../server/db/lock')]);
  let server: RunningServer;
  try {
    server = await startServer({
      storage: storageFrom({ data: opts.data }),
      port: positiveInt(opts.port, '--port'),
      host: opts.host,
      distDir: opts.dist,
      trustProxy: opts.trustProxy ?? false,
      secureCookies: opts.secureCookies === 'always' ? true : opts.secureCookies === 'never' ? false : 'auto',
      maxDocumentBytes: positiveInt(opts.maxDocumentMb, '--max-document-mb') * 2 ** 20,
      // The library's token sort runs in SQL over counts the server makes (server/data/tokenCounts.ts).
      countTokens: true,
    });
  } catch (err) {
    if (err instanceof DataFolderBusyError) throw new CliError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${opts.port} is in use: choose another with --port`);
    throw err;
  }
  io.stdout(startMessage(server, opts.host));
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr('hint-studio serve: stopping\n');
      server.close().then(done, done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program: Command, io: CliIO) {
    program
      .command('serve')
      .description('Run the team server: the studio and its API, users and roles, storage in PGlite (DIR) or PostgreSQL (DATABASE_URL)')
      .option('--port <n>', 'port to listen on', String(DEFAULT_PORT))
      .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
      .option('--data <dir>', 'embedded database folder (default ./hint-studio-data; not with DATABASE_URL)')
      .option('--dist <dir>', 'the built studio to serve', DEFAULT_DIST)
      .option('--trust-proxy', 'trust X-Forwarded-* headers from a reverse proxy in front')
      .option('--secure-cookies <when>', 'auto (when the request is https), always or never', 'auto')
      .option('--max-document-mb <n>', 'largest non-JSONL file an import reads whole', '512')
      .action((opts: ServeCommandOptions) => runServe(opts, io));
  },
};
