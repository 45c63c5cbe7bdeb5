/**
 * One process at a time on an embedded data folder. PGlite takes no lock of its own, and two
 * processes writing one data directory corrupt it; so `serve` and `user ...` hold this file
 * (with their pid) while they have the folder open. A lock left by a process that died is
 * taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'hint-studio.lock';

export class DataFolderBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `${folder} is in use by another Hint Studio process (pid ${pid}). Stop it first, or use the running server's ` +
        `admin API; two processes on one embedded database would corrupt it.`,
    );
    this.name = 'DataFolderBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the folder's lock; the returned function releases it. */
export function lockDataFolder(folder: string): () => void {
  const path = join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataFolderBusyError(folder, pid);
      if (pid === process.pid) throw new DataFolderBusyError(folder, pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`${folder}: could not take the lock file ${LOCK_FILE}`);
}
