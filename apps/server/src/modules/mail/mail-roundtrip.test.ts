import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Client, signInContact, technicianClient, unique } from '../../test/factories';
import { startSmtpSink } from '../../test/smtp-sink';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * A conversation held entirely by mail (SPEC §8): a customer's employee writes in, gets the welcome
 * mail and the technician's answer, answers it from their mail client, and their auto-responder
 * stays out of the ticket.
 */
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let t: TestApp;
let admin: Client;
let adminEmail: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({
    SMTP_URL: sink.url,
    INBOUND_SMTP_PORT: '0',
    MAIL_FROM: 'Help <help@msp.example>',
  });
  const signedIn = await technicianClient(t, 'admin');
  admin = signedIn.client;
  adminEmail = signedIn.technician.email;
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

/** What the customer's mail client sends. */
async function send(message: SendMailOptions) {
  const port = t.app.inboundMail.smtpPort;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ to: 'help@msp.example', ...message });
  } finally {
    transport.close();
  }
}

async function received(to: string, count: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = sink.messages.filter((m) => m.to.includes(to)).map((m) => m.mail);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${to} got ${mails.length} of ${count} mails`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('holds a whole conversation by mail: new contact, welcome, answer, reply, and no auto-reply loop', async () => {
  const domain = `${unique('globex')}.example`.toLowerCase();
  await admin.post('/api/v1/customers', { name: 'Globex', domains: [domain] });
  const requester = `homer@${domain}`;
  const opening = `<${unique('first')}@mail.${domain}>`;
  await send({
    from: `Homer Simpson <${requester}>`,
    subject: 'Printer jammed',
    text: 'The printer on floor 2 is jammed again.',
    messageId: opening,
  });

  // The new contact is welcomed with credentials that work, once: they choose their own password.
  const [welcome] = await received(requester, 1);
  const password = /Password: (\S+)/.exec(welcome?.text ?? '')?.[1] ?? '';
  const portal = await signInContact(t, { username: requester, password });
  expect(
    (await portal.post('/portal/api/auth/password', { password: 'homer chose this one' })).statusCode,
  ).toBe(204);
  const [ticket] = (await portal.get('/portal/api/tickets')).json().items;
  expect(ticket).toMatchObject({ title: 'Printer jammed' });
  const [toTechnicians] = await received(adminEmail, 1);
  expect(toTechnicians?.subject).toBe(`[#${ticket.number}] New ticket: Printer jammed`);

  // The technician's public answer reaches the requester, in the thread of their own mail.
  await admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
    body: 'Internal: toner is low.',
    internal: true,
  });
  await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Open tray 2 and pull the sheet out.' });
  const answer = (await received(requester, 2))[1];
  expect(answer?.subject).toBe(`[#${ticket.number}] Printer jammed`);
  expect(answer?.inReplyTo).toBe(opening);
  expect(answer?.text).toContain('Open tray 2');
  expect(JSON.stringify(sink.messages.map((m) => m.mail.text))).not.toContain('toner');

  // Their reply, without the [#number] (some clients drop it), lands on the same ticket.
  await send({
    from: requester,
    subject: 'RE: Printer jammed',
    text: `That worked, thanks!\n\nOn Monday, Help wrote:\n> Open tray 2 and pull the sheet out.`,
    inReplyTo: answer?.messageId,
    references: [opening, answer?.messageId ?? ''],
  });
  const [, reply] = await received(adminEmail, 2);
  expect(reply?.subject).toBe(`[#${ticket.number}] Printer jammed`);
  expect(reply?.text).toContain('That worked, thanks!');
  const thread = (await portal.get(`/portal/api/tickets/${ticket.id}/comments`)).json().items;
  expect(thread.map((comment: { body: string }) => comment.body)).toEqual([
    'Open tray 2 and pull the sheet out.',
    'That worked, thanks!',
  ]);

  // Their out-of-office answer to our mail opens nothing and tells nobody.
  await send({
    from: requester,
    subject: 'Automatic reply: Printer jammed',
    text: 'I am out of the office until Monday.',
    inReplyTo: answer?.messageId,
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  const log = async () => (await admin.get('/api/v1/inbound-mail')).json().items as { status: string }[];
  const deadline = Date.now() + 10_000;
  while ((await log()).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect((await log()).map((item) => item.status)).toEqual(['ignored', 'imported', 'imported']);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(sink.messages.filter((m) => m.to.includes(adminEmail))).toHaveLength(2);
  expect((await portal.get(`/portal/api/tickets/${ticket.id}/comments`)).json().items).toHaveLength(2);
});
