import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { type Config, ConfigError, loadConfig } from './config';
import { type DemoResult, loadDemo } from './demo/demo';
import { startIdleCollector } from './lib/idle-memory';
import { exitWithStartupError, openConfiguredDatabase } from './startup';

/** `--demo` (`npm run demo`) loads the demo MSP; any other argument is a mistake worth stopping for. */
function readArguments(): { demo: boolean } {
  try {
    return { demo: parseArgs({ options: { demo: { type: 'boolean', default: false } } }).values.demo };
  } catch (error) {
    throw new ConfigError([`${(error as Error).message} (the only option is --demo)`]);
  }
}

/**
 * JSON lines for whatever collects them; readable lines for a person at a terminal. pino-pretty is
 * loaded only then, so a server under a supervisor never needs it.
 */
async function loggerOptions(config: Config): Promise<FastifyServerOptions['logger']> {
  const options = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  };
  if (!process.stdout.isTTY) return options;
  const { default: pretty } = await import('pino-pretty');
  // Synchronous, so log lines and the passwords printed below reach the terminal in order.
  return {
    ...options,
    stream: pretty({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }),
  };
}

/** `npm start`: config, database lock and migrations, first admin, then serve until SIGTERM. */
async function main(): Promise<void> {
  const { demo } = readArguments();
  const config = loadConfig();
  const { database, release } = await openConfiguredDatabase(config);
  let firstAdmin: Awaited<ReturnType<typeof bootstrap>>;
  let demoResult: DemoResult | undefined;
  await database.migrate(async (db) => {
    firstAdmin = await bootstrap(db, config);
    // Under the migration lock: two processes started with --demo load it once.
    if (demo) demoResult = await loadDemo(db, config);
  });

  const app = await buildApp({ config, database, logger: await loggerOptions(config) });
  // A burst's garbage goes back to the system once the server is quiet (lib/idle-memory.ts).
  const idleCollector = startIdleCollector();
  app.addHook('onClose', async () => {
    idleCollector.stop();
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
  // Straight to the terminal, once, and never through the logger: these are the only copies.
  if (firstAdmin?.generatedPassword) {
    process.stdout.write(
      `\n  First start: an administrator was created.\n  Sign in at ${config.publicUrl.href} as ${firstAdmin.email}` +
        ` with the password\n\n      ${firstAdmin.generatedPassword}\n\n  It will not be shown again.\n\n`,
    );
  }
  if (demoResult) process.stdout.write(describeDemo(demoResult, config));
}

function describeDemo(result: DemoResult, config: Config): string {
  if (!result.loaded)
    return '\n  --demo: this database already has customers; the demo data was not loaded.\n\n';
  const portal = new URL('portal/', config.publicUrl).href;
  const width = Math.max(...result.signIns.map((signIn) => signIn.username.length));
  const lines = result.signIns.map(
    (signIn) =>
      `      ${signIn.username.padEnd(width)}  ${signIn.password}   ${signIn.name}, ${signIn.customer}`,
  );
  const mail = result.welcomeMailQueued
    ? `Their welcome mails wait in the outbox (${new URL('outbox', config.publicUrl).href}); none was sent.`
    : 'SMTP_URL is set, so no welcome mail was queued for these made-up addresses.';
  return (
    `\n  Demo data loaded: customers, contacts, tickets and a knowledge base.\n` +
    `  Sign in to the portal at ${portal} as a customer's primary contact:\n\n${lines.join('\n')}\n\n` +
    `  The portal asks each of them to choose a new password at first sign-in.\n  ${mail}\n\n`
  );
}

main().catch(exitWithStartupError);
