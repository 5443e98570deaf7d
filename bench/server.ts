import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { type Config, loadConfig } from '../apps/server/src/config';
import type { Database } from '../apps/server/src/db/client';
import { BENCH_PASSWORD, BENCHED_USERNAME, rowsOf, WRITER_USERNAME } from './seed';

/** A server under load, in this process or another. */
export type RunningServer = {
  origin: string;
  /** Session cookie of the benched contact (reads). */
  cookie: string;
  /** Session cookie of the contact who creates tickets. */
  writerCookie: string;
  /** The inbound SMTP listener's port. */
  smtpPort: number | undefined;
  close(): Promise<void>;
};

/** A port nobody listens on now; the config wants it up front for PUBLIC_URL. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The environment a real deployment of this target would have: mail comes in through the
 * built-in SMTP listener (port 0: any free one).
 */
export function benchEnv(options: {
  port: number;
  smtpPort?: number;
  dataDir: string;
  databaseUrl?: string;
}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(options.port),
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    DATA_DIR: options.dataDir,
    INBOUND_SMTP_PORT: String(options.smtpPort ?? 0),
    MAIL_FROM: 'Help desk <help@msp.example>',
    LOG_LEVEL: 'silent',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
}

/** The app's own config parser, fed `benchEnv`. */
export function benchConfig(options: Parameters<typeof benchEnv>[0]): Config {
  return loadConfig(benchEnv(options), options.dataDir);
}

/**
 * The real app, plus the two reference routes of SPEC §11 on the same Fastify instance (so the
 * same hooks — request id, helmet headers — run for them too). Routes may still be added after
 * `buildApp` because the instance is not `ready()` until `listen()`.
 */
export async function startServer(
  config: Config,
  database: Database,
  ticketIds: string[],
): Promise<RunningServer> {
  const app = await buildApp({ config, database, logger: false });
  app.get('/bench/hello', async () => ({ hello: 'world' }));
  app.get('/bench/baseline-db', async () => {
    // One primary-key lookup through the app's own pool: the floor under any database-backed route.
    const id = ticketIds[randomInt(ticketIds.length)];
    const result = await database.db.execute(sql`select id, title from tickets where id = ${id}`);
    return rowsOf<{ id: string; title: string }>(result)[0] ?? null;
  });
  await app.listen({ host: config.host, port: config.port });
  try {
    return {
      ...(await signInBoth(config.publicUrl.origin)),
      smtpPort: app.inboundMail.smtpPort,
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** The two contacts' sessions on a server at `origin`. */
export async function signInBoth(
  origin: string,
): Promise<Pick<RunningServer, 'origin' | 'cookie' | 'writerCookie'>> {
  return {
    origin,
    cookie: await signIn(origin, BENCHED_USERNAME),
    writerCookie: await signIn(origin, WRITER_USERNAME),
  };
}

/** Signs a contact in once; every load request then carries this session cookie. */
async function signIn(origin: string, username: string): Promise<string> {
  const response = await fetch(`${origin}/portal/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`portal sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('atrium_portal_session='));
  if (!cookie) throw new Error('portal sign-in set no session cookie');
  return cookie;
}

/** GET with the contact's cookie; throws on anything but 200 so a broken route stops the bench early. */
export async function getJson<T>(server: RunningServer, path: string): Promise<T> {
  const response = await fetch(`${server.origin}${path}`, { headers: { cookie: server.cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
