import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { loadConfig } from './config';
import { exitWithStartupError, openConfiguredDatabase } from './startup';

/** `npm start`: config, database lock and migrations, first admin, then serve until SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { database, release } = await openConfiguredDatabase(config);
  let firstAdmin: Awaited<ReturnType<typeof bootstrap>>;
  await database.migrate(async (db) => {
    firstAdmin = await bootstrap(db, config);
  });

  const app = await buildApp({
    config,
    database,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  app.addHook('onClose', async () => {
    // Only after the last in-flight request: the embedded database is closed cleanly, never mid-write.
    await database.close();
    release();
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      url: config.publicUrl.href,
      database: database.kind === 'embedded' ? `embedded (${config.dataDir})` : 'postgres',
    },
    'Atrium is ready',
  );
  if (firstAdmin?.generatedPassword) {
    // Straight to the terminal, once, and never through the logger: this is the only copy.
    process.stdout.write(
      `\n  First start: an administrator was created.\n  Sign in at ${config.publicUrl.href} as ${firstAdmin.email}` +
        ` with the password\n\n      ${firstAdmin.generatedPassword}\n\n  It will not be shown again.\n\n`,
    );
  }
}

main().catch(exitWithStartupError);
