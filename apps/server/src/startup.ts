import type { Config } from './config';
import { ConfigError } from './config';
import { type Database, openDatabase } from './db/client';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock';

/** The database the config names: PostgreSQL, or the embedded one in DATA_DIR (locked to this process). */
export async function openConfiguredDatabase(
  config: Config,
): Promise<{ database: Database; release: () => void }> {
  if (config.databaseUrl) {
    const database = await openDatabase({
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
    });
    return { database, release: () => {} };
  }
  const release = lockDataDir(config.dataDir);
  try {
    return { database: await openDatabase({ kind: 'embedded', dataDir: `${config.dataDir}/db` }), release };
  } catch (error) {
    release();
    throw error;
  }
}

/** Mistakes an operator can fix get a plain message; anything else its stack. */
export function exitWithStartupError(error: unknown): never {
  const known = error instanceof ConfigError || error instanceof DataDirLockedError;
  const text = known
    ? (error as Error).message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}
