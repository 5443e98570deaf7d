import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema';
import { buildContact, type Client, signInContact, technicianClient, unique } from '../../test/factories';
import { corpusMail, deliverBySmtp } from '../../test/inbound-mail';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Email-to-ticket through the real built-in SMTP listener (SPEC §8): messages of the test corpus are
 * delivered with nodemailer as a relaying mail server would, and the outcome read back over the API.
 */
let t: TestApp;
let admin: Client;
let port: number;

type Ticket = {
  id: string;
  number: number;
  title: string;
  description: string;
  source: string;
  status: string;
  customer: { id: string; name: string } | null;
  contact: { id: string; name: string; email: string } | null;
};
type Comment = {
  body: string;
  author: { type: string; id: string | null };
  attachments: { filename: string; contentType: string; size: number; url: string }[];
};

beforeAll(async () => {
  t = await createTestApp({
    INBOUND_SMTP_PORT: '0',
    INBOUND_MAIL_MAX_BYTES: String(64 * 1024),
    MAIL_FROM: 'Helpdesk <help@msp.example>',
  });
  admin = (await technicianClient(t, 'admin')).client;
  const smtpPort = t.app.inboundMail.smtpPort;
  if (smtpPort === undefined) throw new Error('the inbound SMTP listener did not start');
  port = smtpPort;
});
afterAll(async () => t.close());

beforeEach(async () => {
  const portal = { ticketsCannotBeReopened: false, welcomeEmail: { enabled: true } };
  expect((await admin.patch('/api/v1/settings/portal', portal)).statusCode).toBe(200);
  expect(
    (await admin.patch('/api/v1/settings/email', { unknownSenders: 'create-unassigned-contact' })).statusCode,
  ).toBe(200);
});

async function customerWithDomain() {
  const domain = `${unique('acme')}.example`.toLowerCase();
  const response = await admin.post('/api/v1/customers', { name: unique('Acme'), domains: [domain] });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as { id: string; name: string }), domain };
}

async function contactByEmail(email: string) {
  const response = await admin.get(`/api/v1/contacts?q=${encodeURIComponent(email)}`);
  return (response.json() as { items: { id: string; name: string; customerId: string | null }[] }).items[0];
}

async function ticketsOf(contactId: string): Promise<Ticket[]> {
  const response = await admin.get(`/api/v1/tickets?contactId=${contactId}&sort=number&order=asc`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

async function ticket(id: string): Promise<Ticket> {
  return (await admin.get(`/api/v1/tickets/${id}`)).json();
}

async function commentsOf(ticketId: string): Promise<Comment[]> {
  return (await admin.get(`/api/v1/tickets/${ticketId}/comments`)).json().items;
}

type LoggedMail = {
  id: string;
  subject: string | null;
  status: string;
  reason: string | null;
  ticket: { id: string; number: number } | null;
};
async function loggedMail(subjectPart: string): Promise<LoggedMail[]> {
  const response = await admin.get('/api/v1/inbound-mail?pageSize=100');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as LoggedMail[]).filter((mail) => mail.subject?.includes(subjectPart));
}

/** A new ticket by mail from `from`; returns it with the contact the sender is. */
async function openByMail(from: string) {
  await deliverBySmtp(port, corpusMail('outlook-new.eml', { from }));
  const contact = await contactByEmail(from);
  if (!contact) throw new Error(`no contact ${from}`);
  const [opened] = await ticketsOf(contact.id);
  if (!opened) throw new Error(`no ticket for ${from}`);
  return { contact, ticket: opened };
}

describe('a new message', () => {
  it('from someone at a customer domain opens an email ticket and makes them a contact of that customer, welcomed', async () => {
    const acme = await customerWithDomain();
    const from = `jane.doe@${acme.domain}`;
    const { contact, ticket: opened } = await openByMail(from);

    expect(contact).toMatchObject({ name: 'Jane Doe', customerId: acme.id });
    expect(opened).toMatchObject({
      title: 'Outlook keeps asking for my password',
      source: 'email',
      status: 'Open',
      customer: { id: acme.id },
    });
    expect(opened.description).toContain('I’ve restarted twice already.');
    const welcome = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, from));
    expect(welcome.map((mail) => mail.kind)).toEqual(['welcome']);
    const [logged] = await loggedMail('Outlook keeps asking');
    expect(logged).toMatchObject({ status: 'imported', ticket: { id: opened.id, number: opened.number } });
  });

  it('delivered twice is imported once', async () => {
    const acme = await customerWithDomain();
    const from = `twice@${acme.domain}`;
    const raw = corpusMail('latin1-qp.eml', { from });
    await deliverBySmtp(port, raw);
    await deliverBySmtp(port, raw);
    const contact = await contactByEmail(from);
    expect(await ticketsOf(contact?.id ?? '')).toHaveLength(1);
  });

  it('delivered twice at the same moment is still imported once', async () => {
    const acme = await customerWithDomain();
    const from = `racing@${acme.domain}`;
    const raw = corpusMail('latin1-qp.eml', { from });
    await Promise.all([deliverBySmtp(port, raw), deliverBySmtp(port, raw), deliverBySmtp(port, raw)]);
    const contact = await contactByEmail(from);
    expect(await ticketsOf(contact?.id ?? '')).toHaveLength(1);
  });

  it('from a new sender, two at once, makes one contact with both tickets', async () => {
    const acme = await customerWithDomain();
    const from = `burst@${acme.domain}`;
    await Promise.all([
      deliverBySmtp(port, corpusMail('outlook-new.eml', { from })),
      deliverBySmtp(port, corpusMail('html-only.eml', { from })),
    ]);
    const contacts = (await admin.get(`/api/v1/contacts?q=${encodeURIComponent(from)}`)).json().items;
    expect(contacts).toHaveLength(1);
    expect(await ticketsOf(contacts[0].id)).toHaveLength(2);
  });

  it('in ISO-8859-1 quoted-printable reads right: title, text and the sender’s name', async () => {
    const acme = await customerWithDomain();
    const from = `helene@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('latin1-qp.eml', { from }));
    const contact = await contactByEmail(from);
    expect(contact?.name).toBe('Hélène Dûbois');
    const [opened] = await ticketsOf(contact?.id ?? '');
    expect(opened?.title).toBe("Imprimante en panne à l'étage");
    expect(opened?.description).toContain("L'imprimante du 2e étage ne répond plus");
    expect(opened?.description).toContain('« Bourrage papier »');
  });

  it('in HTML only becomes clean text: no markup, styles or scripts, links kept', async () => {
    const acme = await customerWithDomain();
    const from = `marco@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('html-only.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.description).toBe(
      'Hello,\n\nGiulia starts on Monday. She needs:\n\n * a laptop\n * an account in the portal ' +
        '[https://portal.example.com/accounts]\n\nThanks,\nMarco',
    );
  });

  it('that forwards a mail keeps the forwarded part: it is what the ticket is about', async () => {
    const acme = await customerWithDomain();
    const from = `paul@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('forwarded.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.title).toBe('Your licence expires in 3 days');
    expect(opened?.description).toContain('Can you renew this for us?');
    expect(opened?.description).toContain('Your licence ABC-123 for 25 seats expires on 10 June 2024.');
  });

  it('keeps its inline image and PDF on the ticket, and says which file type was refused', async () => {
    const acme = await customerWithDomain();
    const from = `scanner@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('attachments.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.description).toContain('The scanner shows this:');
    expect(opened?.description).toContain(
      'fix-scanner.exe (files of type application/x-msdownload cannot be attached)',
    );
    const files = (await commentsOf(opened?.id ?? '')).flatMap((comment) => comment.attachments);
    expect(files.map((file) => file.filename).sort()).toEqual(['inline-1.png', 'scan-log.pdf']);
    const [logged] = await loggedMail('Invoice scanner error');
    expect(logged?.reason).toContain('fix-scanner.exe');
  });

  it('from a French contact says in French which file was left out; the technicians’ log says it in English', async () => {
    const acme = await customerWithDomain();
    const { contact } = await buildContact(t, { customerId: acme.id, language: 'fr' });
    const subject = unique('Scanner');
    await deliverBySmtp(
      port,
      Buffer.from(
        corpusMail('attachments.eml', { from: contact.email })
          .toString('latin1')
          .replace('Invoice scanner error (screenshot attached)', subject),
        'latin1',
      ),
    );
    const [opened] = await ticketsOf(contact.id);
    expect(opened?.description).toContain(
      '_Fichiers non joints : fix-scanner.exe (les fichiers de type application/x-msdownload ne peuvent pas être joints)._',
    );
    expect(opened?.description).not.toContain('Not attached');
    const [logged] = await loggedMail(subject);
    expect(logged?.reason).toBe(
      'Not attached: fix-scanner.exe (files of type application/x-msdownload cannot be attached)',
    );
  });
});

describe('a reply', () => {
  it('with [#number] in the subject becomes the contact’s comment, without the quoted history', async () => {
    const acme = await customerWithDomain();
    const from = `jane@${acme.domain}`;
    const { contact, ticket: opened } = await openByMail(from);
    await deliverBySmtp(port, corpusMail('outlook-reply.eml', { from, number: opened.number }));

    expect(await ticketsOf(contact.id)).toHaveLength(1);
    const comments = await commentsOf(opened.id);
    expect(comments.map((comment) => comment.body)).toEqual([
      'It works again after the update, thank you!\n\nJane',
    ]);
    expect(comments[0]?.author).toMatchObject({ type: 'contact', id: contact.id });
  });

  it('found by In-Reply-To threads without a number in the subject (Gmail), quote trimmed', async () => {
    const acme = await customerWithDomain();
    const from = `paul@${acme.domain}`;
    const first = corpusMail('outlook-new.eml', { from });
    await deliverBySmtp(port, first);
    const messageId = /Message-ID: <([^>]+)>/.exec(first.toString('latin1'))?.[1] ?? '';
    const contact = await contactByEmail(from);
    await deliverBySmtp(port, corpusMail('gmail-reply.eml', { from, inReplyTo: messageId }));

    const tickets = await ticketsOf(contact?.id ?? '');
    expect(tickets).toHaveLength(1);
    const comments = await commentsOf(tickets[0]?.id ?? '');
    expect(comments.map((comment) => comment.body)).toEqual(['The printer shows error E-42 now.']);
  });

  it('in Apple Mail’s HTML loses the blockquote it answers', async () => {
    const acme = await customerWithDomain();
    const from = `claire@${acme.domain}`;
    const { ticket: opened } = await openByMail(from);
    await deliverBySmtp(
      port,
      corpusMail('apple-reply.eml', { from, number: opened.number, inReplyTo: 'x@y' }),
    );
    const comments = await commentsOf(opened.id);
    expect(comments.map((comment) => comment.body)).toEqual([
      'Still dropping this morning, at 8:00 and 9:00 sharp.\n\nClaire',
    ]);
  });

  it('with no text says so in the sender’s language: German for a German contact', async () => {
    const acme = await customerWithDomain();
    const { contact } = await buildContact(t, { customerId: acme.id, language: 'de' });
    const { ticket: opened } = await openByMail(contact.email);
    const empty = [
      `From: Jonas Weber <${contact.email}>`,
      'To: help@msp.example',
      `Subject: AW: [#${opened.number}] Outlook keeps asking for my password`,
      'Date: Mon, 3 Jun 2024 10:02:11 +0000',
      `Message-ID: <${unique('empty')}@mail.example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '',
    ].join('\r\n');
    await deliverBySmtp(port, Buffer.from(empty, 'latin1'));
    expect((await commentsOf(opened.id)).map((comment) => comment.body)).toEqual(['(leere Nachricht)']);
  });

  it('to a resolved ticket reopens it, as a portal reply would', async () => {
    const acme = await customerWithDomain();
    const from = `reopen@${acme.domain}`;
    const { ticket: opened } = await openByMail(from);
    await admin.patch(`/api/v1/tickets/${opened.id}`, { status: 'Resolved' });
    await deliverBySmtp(port, corpusMail('outlook-reply.eml', { from, number: opened.number }));
    expect((await ticket(opened.id)).status).toBe('Open');
  });

  it('to a closed ticket that cannot be reopened opens a new ticket linked to it', async () => {
    await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: true });
    const acme = await customerWithDomain();
    const { contact, password } = await buildContact(t, { customerId: acme.id });
    const { ticket: opened } = await openByMail(contact.email);
    await admin.patch(`/api/v1/tickets/${opened.id}`, { status: 'Closed' });
    await deliverBySmtp(
      port,
      corpusMail('outlook-reply.eml', { from: contact.email, number: opened.number }),
    );

    expect((await ticket(opened.id)).status).toBe('Closed');
    expect(await commentsOf(opened.id)).toEqual([]);
    const portal = await signInContact(t, { username: contact.username, password });
    const mine = (await portal.get('/portal/api/tickets')).json().items as {
      id: string;
      followUpOf: { id: string; number: number } | null;
    }[];
    const followUp = mine.find((item) => item.id !== opened.id);
    expect(followUp?.followUpOf).toEqual({ id: opened.id, number: opened.number });
    const comments = await commentsOf(followUp?.id ?? '');
    expect(comments.map((comment) => comment.body)).toEqual([
      'It works again after the update, thank you!\n\nJane',
    ]);
  });

  it('to a billed ticket, which takes no more replies, opens a new ticket linked to it', async () => {
    const acme = await customerWithDomain();
    const from = `billed@${acme.domain}`;
    const { contact, ticket: opened } = await openByMail(from);
    expect((await admin.patch(`/api/v1/tickets/${opened.id}`, { billed: true })).statusCode).toBe(200);
    await deliverBySmtp(port, corpusMail('outlook-reply.eml', { from, number: opened.number }));

    expect(await commentsOf(opened.id)).toEqual([]);
    const [, followUp] = await ticketsOf(contact.id);
    expect(followUp).toMatchObject({ title: opened.title, source: 'email' });
    expect((await commentsOf(followUp?.id ?? '')).map((comment) => comment.body)).toEqual([
      'It works again after the update, thank you!\n\nJane',
    ]);
    const created = await admin.get(`/api/v1/audit?action=ticket.created&targetId=${followUp?.id}`);
    expect(created.json().items[0]?.details).toMatchObject({ followUpOf: opened.id });
  });

  it('from a stranger naming another customer’s [#number] opens their own ticket; the other stays untouched', async () => {
    const acme = await customerWithDomain();
    const { ticket: victim } = await openByMail(`owner@${acme.domain}`);
    const globex = await customerWithDomain();
    const stranger = `mallory@${globex.domain}`;
    await deliverBySmtp(port, corpusMail('outlook-reply.eml', { from: stranger, number: victim.number }));

    expect(await commentsOf(victim.id)).toEqual([]);
    const contact = await contactByEmail(stranger);
    const [own] = await ticketsOf(contact?.id ?? '');
    expect(own).toMatchObject({ customer: { id: globex.id }, title: 'Outlook keeps asking for my password' });
    expect(own?.id).not.toBe(victim.id);
  });
});

/** Bytes written as the latin1 text `corpusMail` fills placeholders with: they reach the wire as they are. */
const raw = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');

describe('real-world mail', () => {
  it('with raw 8-bit headers in GBK, Shift_JIS or Windows-1252 reads right: title, sender’s name and text', async () => {
    const cases = [
      {
        name: raw('cdf5d0a1c3f7'),
        subject: raw('b4f2d3a1bbfabbb5c1cb'),
        body: raw('b4f2d3a1bbfabbb5c1cba3acc7ebb0efc3a6a1a3'),
        expected: { name: '王小明', title: '打印机坏了', text: '打印机坏了，请帮忙。' },
      },
      {
        name: raw('8e52936391be9859'),
        subject: raw('8376838a8393835e815b82aa93ae82ab82dc82b982f1'),
        body: raw('8376838a8393835e815b82aa93ae82ab82dc82b982f18142'),
        expected: { name: '山田太郎', title: 'プリンターが動きません', text: 'プリンターが動きません。' },
      },
      {
        name: raw('48e96ce86e652044fb626f6973'),
        subject: raw('496d7072696d616e74652063617373e96520e0206c92e974616765'),
        body: raw('4c92696d7072696d616e746520647520326520e974616765206e652072e9706f6e6420706c75732e'),
        expected: {
          name: 'Hélène Dûbois',
          title: 'Imprimante cassée à l’étage',
          text: 'L’imprimante du 2e étage ne répond plus.',
        },
      },
    ];
    const acme = await customerWithDomain();
    for (const [index, { expected, ...bytes }] of cases.entries()) {
      const from = `raw${index}@${acme.domain}`;
      await deliverBySmtp(port, corpusMail('raw-8bit-headers.eml', { from, ...bytes }));
      const contact = await contactByEmail(from);
      expect(contact?.name.trim()).toBe(expected.name);
      const [opened] = await ticketsOf(contact?.id ?? '');
      expect(opened).toMatchObject({ title: expected.title, description: expected.text });
    }
  });

  it('in ISO-2022-JP without a declared charset reads as Japanese', async () => {
    const acme = await customerWithDomain();
    const from = `tanaka@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('iso-2022-jp-undeclared.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.description).toBe('こんにちは。プリンターが動きません。');
  });

  it('with a text part and a separate HTML part keeps what the HTML says too', async () => {
    const acme = await customerWithDomain();
    const from = `anna@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('mixed-text-html.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.description).toBe(
      'Please see the details below.\n\nOpening S:\\Finance fails with error 0x80070005 since Monday.',
    );
  });

  it('with NUL bytes in its subject, text and file name still opens its ticket, without them', async () => {
    const acme = await customerWithDomain();
    const from = `nul@${acme.domain}`;
    const raw = Buffer.from(
      [
        `From: Nul Sender <${from}>`,
        'To: help@msp.example',
        `Subject: Printer\u0000 jammed ${unique('nul')}`,
        `Message-ID: <${unique('nul')}@sender.example>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The tray\u0000 is stuck.',
        '--b',
        'Content-Type: text/plain; name="log\u0000.txt"',
        'Content-Disposition: attachment; filename="log\u0000.txt"',
        '',
        'paper jam at 10:02',
        '--b--',
        '',
      ].join('\r\n'),
    );
    await deliverBySmtp(port, raw);
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.title).toMatch(/^Printer jammed nul-/);
    expect(opened?.description).toBe('The tray is stuck.');
    const files = (await commentsOf(opened?.id ?? '')).flatMap((comment) => comment.attachments);
    expect(files.map((file) => file.filename)).toEqual(['log.txt']);
  });

  it('in HTML with a broken Content-Disposition is the body, not a refused file; a multipart without boundary lines keeps its text', async () => {
    const acme = await customerWithDomain();
    const luca = `luca@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('html-broken-disposition.eml', { from: luca }));
    const [vpn] = await ticketsOf((await contactByEmail(luca))?.id ?? '');
    expect(vpn?.description).toBe('The VPN disconnects every hour on the hour.');
    expect(await commentsOf(vpn?.id ?? '')).toEqual([]);
    const [logged] = await loggedMail('VPN drops every hour');
    expect(logged?.reason).toBeNull();

    const pierre = `pierre@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('no-boundary.eml', { from: pierre }));
    const [scanner] = await ticketsOf((await contactByEmail(pierre))?.id ?? '');
    expect(scanner?.description).toBe('The scanner on the 3rd floor is not found by any computer.');
  });

  it('with uuencoded files, in an x-uuencode part or inline in the text, keeps them decoded', async () => {
    const acme = await customerWithDomain();
    const from = `server@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('uuencode.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    expect(opened?.description).toBe('The nightly backup failed. Its settings:\n\nRegards');
    const files = (await commentsOf(opened?.id ?? '')).flatMap((comment) => comment.attachments);
    const contents = await Promise.all(
      files.map(async (file) => [file.filename, file.contentType, (await admin.get(file.url)).body]),
    );
    expect(contents.sort()).toEqual([
      ['backup.log', 'text/plain', '03:00 backup started\n03:12 disk full\n'],
      ['settings.txt', 'text/plain', 'target=/mnt/backup\nkeep=14\n'],
    ]);
  });

  it('keeps files declared image/jpg, application/x-gzip or application/octet-stream when their bytes are allowed, typed by them', async () => {
    const acme = await customerWithDomain();
    const from = `sofia@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('declared-types.eml', { from }));
    const [opened] = await ticketsOf((await contactByEmail(from))?.id ?? '');
    const files = (await commentsOf(opened?.id ?? '')).flatMap((comment) => comment.attachments);
    expect(files.map((file) => [file.filename, file.contentType])).toEqual([
      ['kiosk.jpg', 'image/jpeg'],
      ['kiosk-logs.gz', 'application/gzip'],
      ['screen.png', 'image/png'],
      ['receiptfdp.pdf', 'application/pdf'],
    ]);
    const screen = await admin.get(files[2]?.url ?? '');
    expect(screen.headers['content-type']).toBe('image/png');
    expect(opened?.description).toContain(
      'update.jpg (files of type application/x-msdownload cannot be attached); ' +
        'help.txt (files of type text/html cannot be attached)',
    );
  });

  it('answered under the quote (German) shows the new text; a Lotus Notes header block is trimmed', async () => {
    const acme = await customerWithDomain();
    const from = `juergen@${acme.domain}`;
    const { ticket: opened } = await openByMail(from);
    await deliverBySmtp(port, corpusMail('bottom-reply.eml', { from, number: opened.number }));
    await deliverBySmtp(port, corpusMail('lotus-reply.eml', { from, number: opened.number }));
    expect((await commentsOf(opened.id)).map((comment) => comment.body)).toEqual([
      'Habe ich gemacht, jetzt druckt er wieder.\n\nGrüße\nJürgen',
      'Danke, erledigt.\n\nMit freundlichen Grüßen\nJürgen Müller',
    ]);
  });

  it('never takes an encoded-word for an address: the message fails and nobody becomes a contact', async () => {
    const acme = await customerWithDomain();
    const id = unique('wire');
    await deliverBySmtp(port, corpusMail('encoded-address.eml', { domain: acme.domain, id }));
    // A message that failed is logged without what it could not be read for: found by its bytes.
    const failed = (await admin.get('/api/v1/inbound-mail?status=failed&pageSize=100')).json()
      .items as LoggedMail[];
    const raws = await Promise.all(
      failed.map(async (mail) => ({
        mail,
        raw: (await admin.get(`/api/v1/inbound-mail/${mail.id}/raw`)).body,
      })),
    );
    const logged = raws.find(({ raw }) => raw.includes(id))?.mail;
    expect(logged).toMatchObject({ reason: 'no sender address (From)', ticket: null });
    expect(await contactByEmail(`boss@${acme.domain}`)).toBeUndefined();
  });

  it('without a From is from its Reply-To, or else from the envelope sender', async () => {
    const acme = await customerWithDomain();
    const desk = `front.desk@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('no-from.eml', { from: desk }));
    const contact = await contactByEmail(desk);
    expect(contact?.name).toBe('Front Desk');
    expect((await ticketsOf(contact?.id ?? ''))[0]?.title).toBe('Badge printer jammed');

    const envelope = `scanner@${acme.domain}`;
    const subject = unique('Scan to mail');
    await deliverBySmtp(
      port,
      Buffer.from(`To: help@msp.example\r\nSubject: ${subject}\r\n\r\nScanned.\r\n`),
      {
        from: envelope,
        to: ['help@msp.example'],
      },
    );
    const scanner = await contactByEmail(envelope);
    expect((await ticketsOf(scanner?.id ?? ''))[0]?.title).toBe(subject);
  });

  it('marked X-Spam-Flag: YES is logged as ignored spam, and imported once the setting says so', async () => {
    const acme = await customerWithDomain();
    const from = `winner@${acme.domain}`;
    await deliverBySmtp(port, corpusMail('spam.eml', { from, id: 'first' }));
    expect(await contactByEmail(from)).toBeUndefined();
    const [ignored] = await loggedMail('You have won first');
    expect(ignored).toMatchObject({ status: 'ignored', reason: 'marked as spam (X-Spam-Flag: YES)' });

    const setting = await admin.patch('/api/v1/settings/email', { importSpam: true });
    expect(setting.json()).toMatchObject({ importSpam: true });
    try {
      await deliverBySmtp(port, corpusMail('spam.eml', { from, id: 'second' }));
      const contact = await contactByEmail(from);
      expect((await ticketsOf(contact?.id ?? ''))[0]?.title).toBe('You have won second');
    } finally {
      await admin.patch('/api/v1/settings/email', { importSpam: false });
    }
  });
});

describe('mail from machines', () => {
  it('auto-replies, bounces and bulk mail open nothing, make no contact, and are logged as ignored', async () => {
    const acme = await customerWithDomain();
    const before = (await admin.get('/api/v1/tickets?pageSize=1')).json().total;
    await deliverBySmtp(
      port,
      corpusMail('auto-reply.eml', { from: `away@${acme.domain}`, number: 1, inReplyTo: 'x@y' }),
    );
    await deliverBySmtp(port, corpusMail('bounce.eml', { domain: acme.domain }), {
      from: '',
      to: ['help@msp.example'],
    });
    await deliverBySmtp(port, corpusMail('newsletter.eml', { domain: acme.domain }));

    expect((await admin.get('/api/v1/tickets?pageSize=1')).json().total).toBe(before);
    expect(await contactByEmail(`away@${acme.domain}`)).toBeUndefined();
    const logged = [
      ...(await loggedMail('Automatic reply')),
      ...(await loggedMail('Undelivered Mail')),
      ...(await loggedMail('June product update')),
    ];
    expect(logged.map((mail) => [mail.status, mail.reason, mail.ticket])).toEqual([
      ['ignored', 'Auto-Submitted: auto-replied', null],
      ['ignored', 'sent by mailer-daemon', null],
      ['ignored', 'Precedence: bulk', null],
    ]);
  });

  it('mail from Atrium’s own address coming back in is ignored, whatever its headers say', async () => {
    const subject = unique('Looped');
    const raw = Buffer.from(
      `From: Helpdesk <HELP@msp.example>\r\nTo: help@msp.example\r\nSubject: ${subject}\r\n\r\nHi\r\n`,
    );
    await deliverBySmtp(port, raw);
    const [logged] = await loggedMail(subject);
    expect(logged).toMatchObject({
      status: 'ignored',
      reason: 'sent by Atrium itself (MAIL_FROM)',
      ticket: null,
    });
  });
});

describe('senders of unknown domains', () => {
  it('become unassigned contacts by default; given a customer, their tickets follow them', async () => {
    const from = `someone@${unique('nowhere')}.example`.toLowerCase();
    const { contact, ticket: opened } = await openByMail(from);
    expect(contact.customerId).toBeNull();
    expect(opened.customer).toBeNull();
    const welcome = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, from));
    expect(welcome).toEqual([]);

    const acme = await customerWithDomain();
    const assigned = await admin.patch(`/api/v1/contacts/${contact.id}`, { customerId: acme.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await ticket(opened.id)).customer).toMatchObject({ id: acme.id });
  });

  it('never reach each other’s tickets, even one a technician marked primary', async () => {
    const { ticket: theirs } = await openByMail(`first@${unique('far')}.example`.toLowerCase());
    const other = `second@${unique('away')}.example`.toLowerCase();
    const { contact } = await openByMail(other);
    expect((await admin.patch(`/api/v1/contacts/${contact.id}`, { isPrimary: true })).statusCode).toBe(200);
    await deliverBySmtp(port, corpusMail('outlook-reply.eml', { from: other, number: theirs.number }));

    expect(await commentsOf(theirs.id)).toEqual([]);
    expect(await ticketsOf(contact.id)).toHaveLength(2);
  });

  it('are refused at SMTP time when the setting says reject, and nothing is created', async () => {
    await admin.patch('/api/v1/settings/email', { unknownSenders: 'reject' });
    const from = `spam@${unique('unknown')}.example`.toLowerCase();
    await expect(deliverBySmtp(port, corpusMail('html-only.eml', { from }))).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(await contactByEmail(from)).toBeUndefined();
    const [logged] = await loggedMail('New laptop for Giulia').then((all) =>
      all.filter((m) => m.status === 'rejected'),
    );
    expect(logged?.reason).toContain('no customer has the domain');
  });
});

describe('the listener', () => {
  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const acme = await customerWithDomain();
    const subject = unique('Huge');
    const header = `From: big@${acme.domain}\r\nTo: help@msp.example\r\nSubject: ${subject}\r\n\r\n`;
    const raw = Buffer.from(header + `${'y'.repeat(76)}\r\n`.repeat(1200));
    await expect(deliverBySmtp(port, raw)).rejects.toMatchObject({
      responseCode: 552,
      response: expect.stringContaining('larger than 65536 bytes'),
    });
    expect(await loggedMail(subject)).toEqual([]);
  });

  it('keeps malformed mail as failed, downloadable as it came', async () => {
    const raw = corpusMail('malformed.eml');
    await deliverBySmtp(port, raw);
    const logged = (await admin.get('/api/v1/inbound-mail?status=failed')).json().items as LoggedMail[];
    const failed = logged.find((mail) => mail.reason === 'no sender address (From)');
    expect(failed).toBeDefined();
    const download = await admin.get(`/api/v1/inbound-mail/${failed?.id}/raw`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('message/rfc822');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="mail-.*\.eml"/);
    // As relayed: the envelope sender on top, and SMTP's CRLF line ends.
    const received = download.rawPayload.toString('latin1');
    expect(received.startsWith('Return-Path: <sender@relay.example>\r\n')).toBe(true);
    expect(received.replaceAll('\r\n', '\n')).toContain(raw.toString('latin1'));
  });

  it('lists received mail to technicians only; only admins change the email settings', async () => {
    const { client: technician } = await technicianClient(t, 'technician');
    expect((await technician.get('/api/v1/inbound-mail')).statusCode).toBe(200);
    expect((await technician.get('/api/v1/settings/email')).json()).toEqual({
      unknownSenders: 'create-unassigned-contact',
      importSpam: false,
    });
    const refused = await technician.patch('/api/v1/settings/email', { unknownSenders: 'reject' });
    expect(refused.statusCode).toBe(403);
    expect((await admin.patch('/api/v1/settings/email', { unknownSenders: 'bounce' })).statusCode).toBe(400);
    const contact = await buildContact(t);
    const portal = await signInContact(t, { username: contact.contact.username, password: contact.password });
    expect((await portal.get('/api/v1/inbound-mail')).statusCode).toBe(401);
  });
});
