import { afterEach, expect, it } from 'vitest';
import { type ServerProcess, serverStorage, startServer, stopServer, untilReady } from '../../test/processes';
import { smtpError, startSmtpSink } from '../../test/smtp-sink';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ADMIN = { email: 'queue@msp.example', password: 'queue-secret-123' };
const MESSAGES = 30;
const HELD = 10;

/** Where both server processes keep their data: the same PostgreSQL database, or the same DATA_DIR. */
async function sharedStorage(): Promise<Record<string, string>> {
  const storage = await serverStorage('atrium-mail-crash');
  cleanups.push(storage.remove);
  return storage.env;
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer(env);
  cleanups.push(async () => void (await stopServer(server)));
  await untilReady(server);
  return server;
}

it('loses and duplicates no mail when the server is killed in the middle of sending', async () => {
  let releaseHeld: (refusal: Error) => void = () => {};
  let heldReached: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    heldReached = resolve;
  });
  // The SMTP server takes the first messages, then keeps the next one waiting for its answer.
  const sink = await startSmtpSink((_mail, index) => {
    if (index !== HELD) return undefined;
    heldReached();
    return new Promise<Error>((resolve) => {
      releaseHeld = resolve;
    });
  });
  cleanups.push(() => sink.close());
  const env = {
    ...(await sharedStorage()),
    SMTP_URL: sink.url,
    // Long enough that a slow answer from the sink is never taken for a failure (that would be sent again).
    MAIL_SEND_TIMEOUT_SECONDS: '5',
    ATRIUM_ADMIN_EMAIL: ADMIN.email,
    ATRIUM_ADMIN_PASSWORD: ADMIN.password,
  };

  const first = await start(env);
  const login = await fetch(`${first.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const headers = { 'content-type': 'application/json', cookie, origin: first.url };
  const customer = await fetch(`${first.url}/api/v1/customers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Queue Corp' }),
  });
  const { id: customerId } = (await customer.json()) as { id: string };
  const recipients: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const email = `person${i}@queue.example`;
    const created = await fetch(`${first.url}/api/v1/contacts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ customerId, firstName: 'P', lastName: String(i), email }),
    });
    expect(created.status).toBe(201);
    recipients.push(email);
  }

  await held;
  first.child.kill('SIGKILL');
  await first.exited;
  releaseHeld(smtpError(421, 'the sender went away'));

  await start(env);
  // The held message is tried again once its lease (3 × the timeout) has run out.
  const delivered = await sink.waitFor(MESSAGES, 60_000);
  // A little longer: a duplicate would arrive now.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(delivered).toHaveLength(MESSAGES);
  expect(new Set(delivered.map((m) => m.mail.messageId)).size).toBe(MESSAGES);
  expect(delivered.flatMap((m) => m.to).sort()).toEqual([...recipients].sort());
}, 150_000);
