import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The embedded database does not stop a second process from opening its directory, and two
 * writers would corrupt it. Whoever holds `atrium.lock` (pid + host) owns DATA_DIR; a lock left by a
 * process that no longer exists (kill -9, power loss) is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(lockFile: string, holder: LockFile) {
    super(
      `The data directory ${path.dirname(lockFile)} is in use by another Atrium process ` +
        `(pid ${holder.pid} on ${holder.host}). Stop that process first or point DATA_DIR elsewhere; ` +
        'several processes need a PostgreSQL server (DATABASE_URL). ' +
        `If you are sure no Atrium process uses it, delete ${lockFile}.`,
    );
  }
}

type LockFile = { pid: number; host: string };

export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'atrium.lock');
  const mine: LockFile = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return () => {
        if (readLock(file)?.pid === mine.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.host !== mine.host) throw new DataDirLockedError(file, holder);
      if (holder && holder.pid !== mine.pid && isAlive(holder.pid))
        throw new DataDirLockedError(file, holder);
      // Stale: its owner is gone. Remove and retry once; a concurrent starter racing us loses on `wx`.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function readLock(file: string): LockFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
