/**
 * `hint-studio user add|list|passwd|token`: manage the team server's users straight in its
 * database (the data folder, or DATABASE_URL), e.g. before the first start or when locked out.
 * An embedded data folder cannot be opened while a server runs on it: use the admin page then.
 */
import type { Command } from 'commander';
import { ROLES, isRole, type Role } from '../../core/sync';
import type { Database } from '../../server/db/open';
import { CliError, type CliCommand, type CliIO } from '../io';
import { formatTable } from '../table';

interface Where {
  data?: string;
}

/** Reads a password from standard input (the first line). */
export type ReadSecret = () => Promise<string>;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0];
}

/** The server's modules, loaded only when a `user` command runs. */
const server = async () => {
  const [passwords, sessions, config, lock, open, errors, users] = await Promise.all([
    import('../../server/auth/passwords'),
    import('../../server/auth/sessions'),
    import('../../server/config'),
    import('../../server/db/lock'),
    import('../../server/db/open'),
    import('../../server/errors'),
    import('../../server/data/users'),
  ]);
  return { ...passwords, ...sessions, ...config, ...lock, ...open, ...errors, ...users };
};

async function withDatabase<T>(where: Where, work: (database: Database, s: Awaited<ReturnType<typeof server>>) => Promise<T>): Promise<T> {
  const { openDatabase, storageFrom, DataFolderBusyError, ApiFailure } = await server();
  let database: Database;
  try {
    database = await openDatabase(storageFrom(where));
  } catch (err) {
    if (err instanceof DataFolderBusyError) throw new CliError(err.message);
    if (err instanceof Error && err.message.startsWith('--data')) throw new CliError(err.message);
    throw err;
  }
  try {
    return await work(database, await server());
  } catch (err) {
    if (err instanceof ApiFailure) throw new CliError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}

async function chosenPassword(fromStdin: boolean | undefined, readSecret: ReadSecret): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await readSecret(), generated: false };
  return { password: (await server()).generatePassword(), generated: true };
}

export function registerUserCommand(program: Command, io: CliIO, readSecret: ReadSecret = readStdinLine): void {
  const user = program.command('user').description("Manage the team server's users (in --data DIR or DATABASE_URL)");
  const dataOption = ['--data <dir>', 'embedded database folder of the server (default ./hint-studio-data)'] as const;

  user
    .command('add')
    .description('Add a user; prints a generated password unless --password-stdin')
    .argument('<name>', 'user name (lower-case letters, digits, . _ -)')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option(...dataOption)
    .action(async (name: string, opts: Where & { role: string; passwordStdin?: boolean }) => {
      if (!isRole(opts.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${opts.role}"`);
      const { password, generated } = await chosenPassword(opts.passwordStdin, readSecret);
      await withDatabase(opts, (database, s) => s.createUser(database.db, { username: name, role: opts.role as Role, password }, null));
      io.stdout(`Added ${name} (${opts.role}).\n`);
      if (generated) io.stdout(`password: ${password}\n(shown only now)\n`);
    });

  user
    .command('list')
    .description('List users and their roles')
    .option('--json', 'print JSON')
    .option(...dataOption)
    .action(async (opts: Where & { json?: boolean }) => {
      const users = await withDatabase(opts, (database, s) => s.listUsers(database.db));
      if (opts.json) io.stdout(`${JSON.stringify(users, null, 2)}\n`);
      else
        io.stdout(
          formatTable(users, [
            { header: 'user', cell: (u) => u.username },
            { header: 'role', cell: (u) => u.role },
            { header: 'state', cell: (u) => (u.disabled ? 'disabled' : 'active') },
            { header: 'since', cell: (u) => u.createdAt.slice(0, 10) },
          ]),
        );
    });

  user
    .command('passwd')
    .description("Set a user's password (generated and printed unless --password-stdin); ends their sessions and API tokens")
    .argument('<name>')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option(...dataOption)
    .action(async (name: string, opts: Where & { passwordStdin?: boolean }) => {
      const { password, generated } = await chosenPassword(opts.passwordStdin, readSecret);
      await withDatabase(opts, (database, s) => s.setPassword(database.db, name, password, null));
      io.stdout(`Password of ${name} changed; their sessions and API tokens have ended.\n`);
      if (generated) io.stdout(`password: ${password}\n(shown only now)\n`);
    });

  user
    .command('token')
    .description('Make an API token for a user (for `hint-studio export --server` and scripts); printed once')
    .argument('<name>')
    .option('--label <text>', 'what the token is for', 'command line')
    .option(...dataOption)
    .action(async (name: string, opts: Where & { label: string }) => {
      const token = await withDatabase(opts, async (database, s) => s.createApiToken(database.db, (await s.requireUser(database.db, name)).id, opts.label));
      io.stdout(`${token.token}\n`);
    });
}

export const userCommand: CliCommand = {
  name: 'user',
  register(program: Command, io: CliIO) {
    registerUserCommand(program, io);
  },
};
