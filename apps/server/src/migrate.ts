import { loadConfig } from './config';
import { exitWithStartupError, openConfiguredDatabase } from './startup';

/** `npm run db:migrate`: apply pending migrations and exit, for deploys that migrate before starting. */
async function migrate(): Promise<void> {
  const { database, release } = await openConfiguredDatabase(loadConfig());
  try {
    await database.migrate();
    process.stdout.write('Migrations applied.\n');
  } finally {
    await database.close();
    release();
  }
}

migrate().catch(exitWithStartupError);
