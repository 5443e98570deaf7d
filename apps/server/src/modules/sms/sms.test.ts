import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboxSms } from '@atrium/shared';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../config';
import { createEnrollmentToken, enrollDevice } from '../../test/agents';
import { buildContact, buildCustomer, type Client, client, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { applyAgentReports } from '../devices/devices.repo';
import { createSmsService } from './sms.service';
import { createSmsSender, type SmsSenderOptions } from './sms-sender';

type Request = { path: string; headers: IncomingHttpHeaders; body: string };
type Answer = { status: number; json?: unknown };

/** An SMS provider on a local port: records each request and answers as the test says. */
async function startProvider(answer: (request: Request, earlierTries: number) => Answer) {
  const requests: Request[] = [];
  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const earlierTries = requests.filter((earlier) => earlier.body === request.body).length;
      requests.push(request);
      const { status, json = {} } = answer(request, earlierTries);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let sequence = 0;
/** A number no other test texts, so each test finds its own messages. */
const newNumber = () =>
  `+1555${String(process.pid % 1000).padStart(3, '0')}${String(sequence++).padStart(4, '0')}`;

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
});
afterAll(async () => {
  await t.close();
});

async function outbox(as: Client, query = 'pageSize=100') {
  const response = await as.get(`/api/v1/outbox/sms?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { items: OutboxSms[]; total: number };
}

/** The outbox entry of the text to `to`, once `isDone` holds for it, as an admin sees it in the console. */
async function entryOnceDone(to: string, isDone: (entry: OutboxSms) => boolean, as = admin) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entry = (await outbox(as)).items.find((item) => item.to === to);
    if (entry && isDone(entry)) return entry;
    if (Date.now() > deadline) throw new Error(`the text to ${to} is still ${JSON.stringify(entry)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const isSent = (entry: OutboxSms) => entry.status === 'sent';
const isFailed = (entry: OutboxSms) => entry.status === 'failed';

/**
 * The sender the app builds for `sms`, on this test's database, with the options the test needs,
 * and what it logs. The test's app uses the outbox provider, so this is the only sender.
 */
function senderFor(sms: Config['sms'], options: SmsSenderOptions) {
  const logged: string[] = [];
  const log = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => logged.push(line) } },
  }).log;
  const config = { ...t.config, sms };
  const service = createSmsService(t.database.db, config);
  const sender = createSmsSender(t.database.db, config, service, log, options);
  if (!sender) throw new Error(`no sender for the ${sms.provider} provider`);
  sender.start();
  return { sms: service, logged, stop: sender.stop };
}

const twilio = (apiUrl: string): Config['sms'] => ({
  provider: 'twilio',
  accountSid: 'AC0123456789abcdef',
  authToken: 'twilio-secret',
  from: '+15550000000',
  apiUrl,
});
const FAST_RETRIES = { pollMs: 20, retryBaseSeconds: 0.01 };

describe('outbox provider', () => {
  it('keeps texts in the outbox, newest first, for admins only, and asks for a sign-in', async () => {
    const { contact } = await buildContact(t, { customerId: (await buildCustomer(t)).id });
    const sms = createSmsService(t.database.db, t.config);
    const [first, second] = [newNumber(), newNumber()];
    await t.database.db.transaction((tx) =>
      sms.queue(tx, { to: first, body: 'Your code is 482915', contactId: contact.id }),
    );
    await sms.queue(t.database.db, {
      to: second,
      body: 'Your temporary password: Tulip-Anchor-42',
      contactId: null,
    });

    const newest = await outbox(admin, 'page=1&pageSize=1');
    expect(newest.items).toEqual([
      {
        id: expect.any(String),
        to: second,
        body: 'Your temporary password: Tulip-Anchor-42',
        status: 'sent',
        attempts: 0,
        lastError: null,
        createdAt: expect.any(String),
        sentAt: expect.any(String),
      },
    ]);
    expect(newest.total).toBeGreaterThanOrEqual(2);
    const [next] = (await outbox(admin, 'page=2&pageSize=1')).items;
    expect(next).toMatchObject({ to: first, body: 'Your code is 482915', status: 'sent' });

    const { client: technician } = await technicianClient(t, 'technician');
    const refused = await technician.get('/api/v1/outbox/sms');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('482915');
    expect((await client(t).get('/api/v1/outbox/sms')).statusCode).toBe(401);
  });
});

describe('twilio', () => {
  it('sends a text the moment it is queued, as Twilio’s API expects, and keeps no code once delivered', async () => {
    const twilioApi = await startProvider(() => ({ status: 201, json: { sid: 'SM1', status: 'queued' } }));
    // Polling once a minute: only the kick can make these texts go out during the test.
    const sender = senderFor(twilio(twilioApi.url), { pollMs: 60_000 });
    try {
      const [first, second] = [newNumber(), newNumber()];
      await sender.sms.queue(t.database.db, { to: first, body: 'Your code is 103958', contactId: null });
      sender.sms.kick();
      await entryOnceDone(first, isSent);
      await sender.sms.queue(t.database.db, { to: second, body: 'Your code is 771204', contactId: null });
      sender.sms.kick();
      const delivered = await entryOnceDone(second, isSent);

      expect(delivered).toMatchObject({ attempts: 1, lastError: null, sentAt: expect.any(String) });
      expect(delivered.body).not.toContain('771204');
      expect(twilioApi.requests).toHaveLength(2);
      const request = twilioApi.requests[1];
      expect(request?.path).toBe('/2010-04-01/Accounts/AC0123456789abcdef/Messages.json');
      expect(request?.headers.authorization).toBe(
        `Basic ${Buffer.from('AC0123456789abcdef:twilio-secret').toString('base64')}`,
      );
      expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
        To: second,
        From: '+15550000000',
        Body: 'Your code is 771204',
      });
    } finally {
      await sender.stop();
      await twilioApi.close();
    }
  });

  it('tries again while Twilio fails for now, and delivers on a later try', async () => {
    const twilioApi = await startProvider((_request, earlierTries) =>
      earlierTries < 2 ? { status: 500, json: { message: 'Internal error' } } : { status: 201 },
    );
    const sender = senderFor(twilio(twilioApi.url), FAST_RETRIES);
    try {
      const to = newNumber();
      await sender.sms.queue(t.database.db, { to, body: 'Your code is 550123', contactId: null });
      sender.sms.kick();
      expect(await entryOnceDone(to, isSent)).toMatchObject({ attempts: 3, lastError: null });
      expect(twilioApi.requests).toHaveLength(3);
    } finally {
      await sender.stop();
      await twilioApi.close();
    }
  });

  it('gives up at once on a number Twilio refuses, shows why in the outbox, and logs no code', async () => {
    const twilioApi = await startProvider(() => ({
      status: 400,
      json: {
        code: 21211,
        message: "Invalid 'To' Phone Number: +1555XXXXXXX",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      },
    }));
    const sender = senderFor(twilio(twilioApi.url), FAST_RETRIES);
    try {
      const to = newNumber();
      await sender.sms.queue(t.database.db, { to, body: 'Your code is 918273', contactId: null });
      sender.sms.kick();
      const failed = await entryOnceDone(to, isFailed);
      expect(failed).toMatchObject({
        attempts: 1,
        lastError: "Twilio answered 400: Invalid 'To' Phone Number: +1555XXXXXXX",
        sentAt: null,
      });
      expect(twilioApi.requests).toHaveLength(1);
      const log = sender.logged.join('');
      expect(log).toContain(failed.id);
      expect(log).not.toContain('918273');
    } finally {
      await sender.stop();
      await twilioApi.close();
    }
  });

  it('stops after 8 tries when Twilio keeps failing, and shows the last answer', async () => {
    const twilioApi = await startProvider(() => ({ status: 503 }));
    const sender = senderFor(twilio(twilioApi.url), { pollMs: 20, retryBaseSeconds: 0.001 });
    try {
      const to = newNumber();
      await sender.sms.queue(t.database.db, { to, body: 'Your code is 364512', contactId: null });
      sender.sms.kick();
      expect(await entryOnceDone(to, isFailed)).toMatchObject({
        attempts: 8,
        lastError: 'Twilio answered 503',
      });
      expect(twilioApi.requests).toHaveLength(8);
      expect(sender.logged.join('')).not.toContain('364512');
    } finally {
      await sender.stop();
      await twilioApi.close();
    }
  });
});

describe('webhook', () => {
  it('posts each text as JSON to the webhook, with the credentials of its URL', async () => {
    const hook = await startProvider(() => ({ status: 204 }));
    const url = new URL('/send', hook.url);
    url.username = 'atrium';
    url.password = 's@cret';
    const app = await createTestApp({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: url.href });
    try {
      const { client: appAdmin } = await technicianClient(app, 'admin');
      const to = newNumber();
      // Queued as another server process would: this app's own sender finds it when it polls.
      await createSmsService(app.database.db, app.config).queue(app.database.db, {
        to,
        body: 'Your code is 240681',
        contactId: null,
      });
      expect(await entryOnceDone(to, isSent, appAdmin)).toMatchObject({ attempts: 1, lastError: null });
      expect(hook.requests).toHaveLength(1);
      const [request] = hook.requests;
      expect(request?.path).toBe('/send');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('atrium:s@cret').toString('base64')}`);
      expect(JSON.parse(request?.body ?? '')).toEqual({ to, body: 'Your code is 240681' });
    } finally {
      await app.close();
      await hook.close();
    }
  });
});

describe('a text held for an action', () => {
  it('goes to the provider only once its action succeeded, and is never listed before', async () => {
    const provider = await startProvider(() => ({ status: 201, json: { sid: 'SM1' } }));
    const { sms, stop } = senderFor(twilio(provider.url), FAST_RETRIES);
    try {
      const customer = await buildCustomer(t);
      const device = await enrollDevice(t, await createEnrollmentToken(admin, customer.id));
      const action = (
        await admin.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' })
      ).json();
      const to = newNumber();
      await sms.queue(t.database.db, {
        to,
        body: 'Temporary password: Ab3d',
        contactId: null,
        heldFor: action.id,
      });
      sms.kick();
      // Many polls of the sender go by: none takes it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(provider.requests).toHaveLength(0);
      expect((await outbox(admin)).items.some((item) => item.to === to)).toBe(false);

      await applyAgentReports(t.database.db, [
        {
          deviceId: device.deviceId,
          id: action.id,
          from: ['queued'],
          to: 'succeeded',
          finishedAt: new Date(),
        },
      ]);
      await entryOnceDone(to, isSent);
      expect(provider.requests).toHaveLength(1);
    } finally {
      await stop();
      await provider.close();
    }
  });
});
