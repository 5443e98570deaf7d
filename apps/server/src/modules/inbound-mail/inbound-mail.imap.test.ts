import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createServices } from '../../services';
import { type Dovecot, startDovecot } from '../../test/dovecot';
import { type Client, technicianClient, unique } from '../../test/factories';
import { corpusMail } from '../../test/inbound-mail';
import { createTestApp, type TestApp } from '../../test/test-app';
import { PROCESSED_FOLDER } from './imap-poller';

/**
 * Email-to-ticket by IMAP polling against a real Dovecot (Debian's, on loopback with a private
 * configuration). Mail is put in the mailbox with IMAP APPEND, as a delivering server would.
 */
const MAX_BYTES = 16 * 1024;
let dovecot: Dovecot;
let t: TestApp;
let admin: Client;

beforeAll(async () => {
  dovecot = await startDovecot();
  // Polls are triggered by the tests; the timer would only fire after an hour.
  t = await createTestApp({
    IMAP_URL: dovecot.url,
    IMAP_POLL_SECONDS: '3600',
    INBOUND_MAIL_MAX_BYTES: String(MAX_BYTES),
  });
  admin = (await technicianClient(t, 'admin')).client;
});
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
});

async function customerDomain() {
  const domain = `${unique('imap')}.example`.toLowerCase();
  const response = await admin.post('/api/v1/customers', {
    name: unique('Imap customer'),
    domains: [domain],
  });
  expect(response.statusCode, response.body).toBe(201);
  return domain;
}

async function deliver(...messages: Buffer[]) {
  await dovecot.withClient(async (client) => {
    for (const message of messages) await client.append('INBOX', message);
  });
}

/** What each folder holds: subjects, and whether they are flagged \Seen. */
async function mailbox(): Promise<Record<string, { subject: string; seen: boolean }[]>> {
  return dovecot.withClient(async (client) => {
    const folders: Record<string, { subject: string; seen: boolean }[]> = {};
    for (const folder of await client.list()) {
      const lock = await client.getMailboxLock(folder.path);
      try {
        const messages: { subject: string; seen: boolean }[] = [];
        if (client.mailbox && client.mailbox.exists > 0) {
          for await (const message of client.fetch('1:*', { envelope: true, flags: true })) {
            messages.push({
              subject: message.envelope?.subject ?? '',
              seen: message.flags?.has('\\Seen') ?? false,
            });
          }
        }
        folders[folder.path] = messages;
      } finally {
        lock.release();
      }
    }
    return folders;
  });
}

async function emailTickets(): Promise<{ id: string; title: string }[]> {
  return (await admin.get('/api/v1/tickets?source=email&pageSize=100')).json().items;
}

describe('IMAP polling', () => {
  it('turns the mailbox’s new mail into tickets, then flags it seen and moves it to Processed', async () => {
    const domain = await customerDomain();
    await deliver(
      corpusMail('outlook-new.eml', { from: `jane@${domain}` }),
      corpusMail('auto-reply.eml', { from: `away@${domain}`, number: 1, inReplyTo: 'x@y' }),
    );

    expect(await t.app.inboundMail.pollImap()).toEqual({ handled: 2 });

    const tickets = await emailTickets();
    expect(tickets.map((ticket) => ticket.title)).toEqual(['Outlook keeps asking for my password']);
    const logged = (await admin.get('/api/v1/inbound-mail')).json().items as {
      source: string;
      status: string;
    }[];
    expect(logged.map((mail) => [mail.source, mail.status]).sort()).toEqual([
      ['imap', 'ignored'],
      ['imap', 'imported'],
    ]);
    const folders = await mailbox();
    expect(folders.INBOX).toEqual([]);
    expect(folders[PROCESSED_FOLDER]?.map((message) => message.seen)).toEqual([true, true]);

    // The unknown sender at the customer's domain became a contact of that customer…
    const contacts = (await admin.get(`/api/v1/contacts?q=${encodeURIComponent(`jane@${domain}`)}`)).json();
    expect(contacts.items).toMatchObject([{ email: `jane@${domain}`, customer: { id: expect.any(String) } }]);
    // …and her answer with the ticket's [#number] threads into it.
    const [ticket] = (await admin.get('/api/v1/tickets?source=email&pageSize=100')).json().items;
    await deliver(corpusMail('outlook-reply.eml', { from: `jane@${domain}`, number: ticket.number }));
    expect(await t.app.inboundMail.pollImap()).toEqual({ handled: 1 });
    const comments = (await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json().items;
    expect(comments.map((comment: { body: string }) => comment.body)).toEqual([
      expect.stringContaining('It works again after the update, thank you!'),
    ]);
  });

  it('imports nothing twice: not on the next poll, not after a restart, not after a crash before flagging', async () => {
    const domain = await customerDomain();
    await deliver(corpusMail('latin1-qp.eml', { from: `helene@${domain}` }));
    await t.app.inboundMail.pollImap();
    const before = (await emailTickets()).length;

    expect(await t.app.inboundMail.pollImap()).toEqual({ handled: 0 });

    // A crash after storing a message but before flagging it: it is still unseen in the mailbox.
    const stored = corpusMail('html-only.eml', { from: `marco@${domain}` });
    await createServices(t.database.db, t.config).inboundMail.importMessage(stored, 'imap');
    await deliver(stored);

    const restarted = await buildApp({ config: t.config, database: t.database });
    try {
      await restarted.ready();
      expect(await restarted.inboundMail.pollImap()).toEqual({ handled: 0 });
    } finally {
      await restarted.close();
    }
    expect((await emailTickets()).length).toBe(before + 1);
    expect((await mailbox()).INBOX).toEqual([]);
  });

  it('logs a message over the size limit as refused, with its header only, and moves it out of the way', async () => {
    const subject = unique('Huge scan');
    const huge = Buffer.from(
      `From: big@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${unique('big')}@example.com>\r\n\r\n` +
        `${'z'.repeat(76)}\r\n`.repeat(MAX_BYTES / 64),
    );
    await deliver(huge);
    expect(await t.app.inboundMail.pollImap()).toEqual({ handled: 1 });

    const logged = (await admin.get('/api/v1/inbound-mail?status=rejected')).json().items as {
      subject: string;
      reason: string;
      size: number;
    }[];
    const refused = logged.find((mail) => mail.subject === subject);
    expect(refused?.reason).toMatch(/^larger than 16384 bytes/);
    expect(refused?.size).toBeLessThan(1024);
    expect((await mailbox()).INBOX).toEqual([]);
  });

  it('survives a mail server that is down: the poll fails, is logged, and the app carries on', async () => {
    const down = await createTestApp({
      IMAP_URL: 'imap://atrium:secret@127.0.0.1:9/INBOX',
      IMAP_POLL_SECONDS: '3600',
    });
    try {
      await expect(down.app.inboundMail.pollImap()).rejects.toThrow();
      expect((await down.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await down.close();
    }
  });
});
