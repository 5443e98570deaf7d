import { eq } from 'drizzle-orm';
import { Parser } from 'htmlparser2';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailEvents, mailOutbox } from '../../db/schema';
import {
  buildCustomer,
  buildTechnician,
  type Client,
  client,
  contactClient,
  signInContact,
  technicianClient,
  unique,
} from '../../test/factories';
import { type SinkMessage, smtpError, startSmtpSink } from '../../test/smtp-sink';
import { createTestApp, type TestApp } from '../../test/test-app';

/** The SMTP server answers as each test tells it: accept, refuse for now (4xx) or for good (5xx). */
let refuse: (mail: ParsedMail) => Error | undefined = () => undefined;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let t: TestApp;
let admin: Client;
let adminEmail: string;

beforeAll(async () => {
  sink = await startSmtpSink((mail) => refuse(mail));
  t = await createTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Help Desk <help@msp.example>' });
  const signedIn = await technicianClient(t, 'admin');
  admin = signedIn.client;
  adminEmail = signedIn.technician.email;
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

async function mailTo(address: string, matching: (mail: ParsedMail) => boolean = () => true) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = sink.messages.find((m: SinkMessage) => m.to.includes(address) && matching(m.mail));
    if (found) return found.mail;
    if (Date.now() > deadline) throw new Error(`no mail reached ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for every event to become mail and every mail to go out, then lists what one address received. */
async function settledMailTo(address: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const events = await t.database.db.select().from(mailEvents);
    const queued = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'queued'));
    if (events.length === 0 && queued.length === 0) break;
    if (Date.now() > deadline) throw new Error('the mail queue did not empty');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return sink.messages.filter((m) => m.to.includes(address)).map((m) => m.mail);
}

async function newContact(language: string) {
  const customer = await buildCustomer(t);
  const email = `${unique('welcome')}@customer.example`;
  const response = await admin.post('/api/v1/contacts', {
    customerId: customer.id,
    firstName: 'Zoé',
    lastName: 'Lefèvre',
    email,
    language,
  });
  expect(response.statusCode).toBe(201);
  return {
    email,
    ...(response.json() as { contact: { id: string; username: string }; portalPassword: string }),
  };
}

describe('welcome email', () => {
  it('delivers the credentials over SMTP in the contact’s language, and they sign in to the portal', async () => {
    const { email, contact } = await newContact('fr');
    const mail = await mailTo(email);
    expect(mail.subject).toBe('Votre compte sur le portail d’assistance Atrium');
    expect(mail.from?.text).toBe('"Help Desk" <help@msp.example>');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]+@msp\.example>$/);
    expect(mail.text).toContain('Bonjour Zoé,');
    expect(mail.html).toContain('<li>Identifiant : ');
    const password = /Mot de passe : (\S+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);

    const portal = await signInContact(t, { username: contact.username, password });
    expect((await portal.get('/portal/api/me')).statusCode).toBe(200);
  });

  it('keeps no usable password in the queue once the mail is delivered', async () => {
    const { email, portalPassword } = await newContact('en');
    await mailTo(email);
    await settledMailTo(email);
    const rows = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('sent');
    expect(JSON.stringify(rows)).not.toContain(portalPassword);
  });

  it('re-sends credentials on a reset only when asked', async () => {
    const { email, contact } = await newContact('de');
    await mailTo(email);
    await admin.post(`/api/v1/contacts/${contact.id}/credentials/reset`, { sendEmail: false });
    const reset = await admin.post(`/api/v1/contacts/${contact.id}/credentials/reset`, { sendEmail: true });
    const mail = await mailTo(email, (m) => m.subject?.includes('neues Passwort') === true);
    expect(mail.text).toContain(`Passwort: ${reset.json().portalPassword}`);
    expect(await settledMailTo(email)).toHaveLength(2);
  });
});

describe('ticket notifications', () => {
  async function portalTicket() {
    const { contact, client: portal } = await contactClient(t, { language: 'it', firstName: 'Giulia' });
    const created = await portal.post('/portal/api/tickets', {
      title: 'VPN drops every hour',
      description: 'Since Monday.',
    });
    expect(created.statusCode).toBe(201);
    return { contact, portal, ticket: created.json() as { id: string; number: number } };
  }

  it('tells the technicians of a ticket a contact opens, and of the contact’s replies', async () => {
    const { portal, ticket } = await portalTicket();
    const opened = await mailTo(adminEmail, (m) => m.subject?.includes(`[#${ticket.number}]`) === true);
    expect(opened.subject).toBe(`[#${ticket.number}] New ticket: VPN drops every hour`);
    expect(opened.text).toContain('Since Monday.');
    expect(opened.text).toContain(`/tickets/${ticket.id}`);
    expect(opened.headers.get('auto-submitted')).toBe('auto-generated');

    await portal.post(`/portal/api/tickets/${ticket.id}/comments`, { body: 'It dropped again at 10:02.' });
    const reply = await mailTo(adminEmail, (m) => m.text?.includes('It dropped again') === true);
    expect(reply.subject).toBe(`[#${ticket.number}] VPN drops every hour`);
    // One conversation in the technician's mail client.
    expect(reply.inReplyTo).toBe(opened.inReplyTo);
  });

  it('tells each technician of a new ticket in their console’s language: French for one, English for another', async () => {
    const { technician: french } = await buildTechnician(t, { language: 'fr' });
    const { ticket } = await portalTicket();
    const ofTicket = (m: ParsedMail) => m.subject?.includes(`[#${ticket.number}]`) === true;

    const inFrench = await mailTo(french.email, ofTicket);
    expect(inFrench.subject).toBe(`[#${ticket.number}] Nouveau ticket : VPN drops every hour`);
    expect(inFrench.text).toContain(`a ouvert le ticket n° ${ticket.number} :`);
    expect(inFrench.text).toContain('Since Monday.');
    expect(inFrench.text).toContain('Ouvrez-le dans la console : ');
    const inEnglish = await mailTo(adminEmail, ofTicket);
    expect(inEnglish.subject).toBe(`[#${ticket.number}] New ticket: VPN drops every hour`);
    expect(inEnglish.text).toContain(`opened ticket #${ticket.number}:`);
  });

  it('sends the requester a technician’s public reply and status change, never an internal note', async () => {
    const { contact, ticket } = await portalTicket();
    await admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: 'Secret: the firewall is ours to fix.',
      internal: true,
    });
    await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Please **restart** the VPN client.' });
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved' });

    const mails = await settledMailTo(contact.email);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `[#${ticket.number}] VPN drops every hour`,
      `[#${ticket.number}] VPN drops every hour: Risolto`,
    ]);
    const [reply, status] = mails;
    expect(reply?.text).toContain('Buongiorno Giulia,');
    expect(reply?.text).toContain('Please **restart** the VPN client.');
    expect(reply?.html).toContain('<strong>restart</strong>');
    expect(status?.text).toContain('è ora nello stato **Risolto**');
    expect(JSON.stringify(mails)).not.toContain('Secret');
    expect(reply?.references).toBe(reply?.inReplyTo);
  });

  it('names a built-in status in the contact’s language and sends the subject as plain text', async () => {
    const { contact, client: portal } = await contactClient(t, { language: 'fr', firstName: 'Zoé' });
    const created = await portal.post('/portal/api/tickets', {
      title: 'Imprimante **hors ligne**',
      description: 'Depuis lundi.',
    });
    const ticket = created.json() as { id: string; number: number };
    let mails: ParsedMail[];
    try {
      // An admin's subject written like the body: its Markdown must not reach the mail client.
      const saved = await admin.patch('/api/v1/settings/mail-templates', {
        ticketStatus: {
          fr: {
            subject: '[#{{ticketNumber}}] {{ticketTitle}} : **{{status}}**',
            body: 'Bonjour {{firstName}}, votre ticket est **{{status}}**. {{ticketUrl}}',
          },
        },
      });
      expect(saved.statusCode).toBe(200);
      await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved' });
      mails = await settledMailTo(contact.email);
    } finally {
      await admin.patch('/api/v1/settings/mail-templates', { ticketStatus: { fr: null } });
    }
    expect(mails.map((mail) => mail.subject)).toEqual([`[#${ticket.number}] Imprimante hors ligne : Résolu`]);
    expect(mails[0]?.html).toContain('<strong>Résolu</strong>');
    expect(mails[0]?.text).not.toContain('Resolved');
  });

  it('never mails the requester a status the portal hides from them', async () => {
    const { contact, ticket } = await portalTicket();
    const before = (await admin.get('/api/v1/settings/portal')).json();
    try {
      await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Resolved', 'Closed'] });
      await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Pending' });
      await admin.patch('/api/v1/settings/portal', {
        visibleStatuses: ['Open', 'Pending', 'Resolved', 'Closed'],
        fieldVisibility: { status: 'hidden' },
      });
      await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved' });
      expect(await settledMailTo(contact.email)).toEqual([]);
    } finally {
      await admin.patch('/api/v1/settings/portal', {
        visibleStatuses: before.visibleStatuses,
        fieldVisibility: before.fieldVisibility,
      });
    }
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Closed' });
    const mails = await settledMailTo(contact.email);
    expect(mails.map((mail) => mail.subject)).toEqual([`[#${ticket.number}] VPN drops every hour: Chiuso`]);
  });

  it('tells the requester of a status a primary colleague sets in the portal', async () => {
    const { contact, ticket } = await portalTicket();
    const before = (await admin.get('/api/v1/settings/portal')).json();
    const { client: colleague } = await contactClient(t, { customerId: contact.customerId, isPrimary: true });
    try {
      await admin.patch('/api/v1/settings/portal', { fieldVisibility: { status: 'edit' } });
      const changed = await colleague.patch(`/portal/api/tickets/${ticket.id}`, { status: 'Pending' });
      expect(changed.statusCode).toBe(200);
    } finally {
      await admin.patch('/api/v1/settings/portal', { fieldVisibility: before.fieldVisibility });
    }
    const mails = await settledMailTo(contact.email);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `[#${ticket.number}] VPN drops every hour: In attesa`,
    ]);
  });

  it('does not mail technicians about a ticket a technician opens', async () => {
    const customer = await buildCustomer(t);
    const title = unique('Console ticket');
    const created = await admin.post('/api/v1/tickets', { title, customerId: customer.id });
    expect(created.statusCode).toBe(201);
    const mails = await settledMailTo(adminEmail);
    expect(mails.some((mail) => mail.subject?.includes(title))).toBe(false);
  });
});

/** Every tag of an HTML document with the names of its attributes, in order. */
function tagsOf(html: string | false | undefined): string[] {
  const tags: string[] = [];
  const parser = new Parser({
    onopentag: (name, attributes) => tags.push(`${name}[${Object.keys(attributes).sort().join(' ')}]`),
  });
  parser.end(html || '');
  return tags;
}

/**
 * Text a contact may write that `String.prototype.replace` would read as patterns (`$'` the text
 * after the match, `` $` `` the text before it, `$&` the match), next to attempts at markup. Each
 * comes with plain text of the same Markdown shape: the mail must have the same tags either way.
 */
const PAYLOADS = [
  { message: `x" onerror="alert(1)" $'`, plain: 'Plain words.' },
  { message: 'before $` middle $& after $$ $1', plain: 'Plain words.' },
  {
    message: '<img src="https://img.example/$`" onerror="alert(1)"> $\'',
    plain: '<img src="https://img.example/plain"> plain',
  },
];
const NAME = `x" onerror="alert(1)" $' $\` $&`;
const TITLE = `<img src=x onerror=alert(1)> $' $\` $& x" onerror="alert(2)"`;

describe('values in mail', () => {
  async function openTicket(firstName: string, title: string, description: string) {
    const { contact, client: portal } = await contactClient(t, { firstName });
    const created = await portal.post('/portal/api/tickets', { title, description });
    expect(created.statusCode).toBe(201);
    const ticket = created.json() as { id: string; number: number };
    const mail = await mailTo(adminEmail, (m) => m.subject?.startsWith(`[#${ticket.number}]`) === true);
    return { contact, ticket, mail };
  }

  it.each(PAYLOADS)(
    'a technician reads a new ticket’s text as written, with no markup of its own: $message',
    async ({ message, plain }) => {
      const reference = await openTicket('Plain', 'Plain title', plain);
      const { ticket, mail } = await openTicket(NAME, TITLE, message);
      expect(tagsOf(mail.html)).toEqual(tagsOf(reference.mail.html));
      expect(mail.subject).toBe(`[#${ticket.number}] New ticket: ${TITLE}`);
      expect(mail.text).toContain(`${NAME} `);
      expect(mail.text).toContain(message);
    },
  );

  it('keeps a value that a template puts in a link or an image a harmless part of its address', async () => {
    const template = {
      subject: '[#{{ticketNumber}}] New ticket: {{ticketTitle}}',
      body: '[{{ticketTitle}}]({{ticketTitle}}) ![{{requester}}](https://img.example/{{ticketTitle}}.png)\n\n{{message}}\n\n[Open]({{ticketUrl}}) {{ticketUrl}}',
    };
    const saved = await admin.patch('/api/v1/settings/mail-templates', {
      technicianNewTicket: { en: template },
    });
    expect(saved.statusCode).toBe(200);
    try {
      const title = 'javascript:alert(1)" onerror="alert(2)';
      const { ticket, mail } = await openTicket(NAME, title, 'Plain words.');
      const attributes: [string, string, string][] = [];
      const parser = new Parser({
        onopentag: (tag, found) => {
          for (const [name, value] of Object.entries(found)) attributes.push([tag, name, value]);
        },
      });
      parser.end(mail.html || '');
      expect(attributes.map(([tag, name]) => `${tag}.${name}`).sort()).toEqual(
        [
          ...['a.href', 'a.rel', 'a.target'],
          ...['a.href', 'a.rel', 'a.target'],
          ...['a.href', 'a.rel', 'a.target'],
          ...['img.alt', 'img.src'],
          // The document's own.
          ...['meta.charset', 'body.style'],
        ].sort(),
      );
      const hrefs = attributes
        .filter(([, name]) => name === 'href' || name === 'src')
        .map(([, , value]) => value);
      expect(hrefs.filter((href) => !href.startsWith('http'))).toEqual([encodeURIComponent(title)]);
      expect(hrefs).toContain(`https://img.example/${encodeURIComponent(title)}.png`);
      const ticketUrl = hrefs.find((href) => href.endsWith(`/tickets/${ticket.id}`));
      expect(ticketUrl).toMatch(/^https?:\/\//);
      // The requester's whole name, the first name as written.
      const alt = attributes.find(([tag, name]) => tag === 'img' && name === 'alt')?.[2];
      expect(alt?.startsWith(`${NAME} `)).toBe(true);
    } finally {
      await admin.patch('/api/v1/settings/mail-templates', { technicianNewTicket: { en: null } });
    }
  });

  it.each(PAYLOADS)(
    'a contact reads a technician’s reply as written, with no markup of its own: $message',
    async ({ message, plain }) => {
      const reference = await openTicket('Plain', 'Plain title', 'Plain words.');
      const { contact, ticket } = await openTicket(NAME, TITLE, 'Plain words.');
      await admin.post(`/api/v1/tickets/${reference.ticket.id}/comments`, { body: plain });
      await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: message });
      const plainReply = await mailTo(reference.contact.email);
      const reply = await mailTo(contact.email);
      expect(tagsOf(reply.html)).toEqual(tagsOf(plainReply.html));
      expect(reply.subject).toBe(`[#${ticket.number}] ${TITLE}`);
      expect(reply.text).toContain(`Hello ${NAME},`);
      expect(reply.text).toContain(message);
    },
  );
});

describe('several server processes', () => {
  it('mail each event once when two servers share the queue', async () => {
    // Closed with the first app.
    await t.sibling();
    const { client: portal } = await contactClient(t);
    const titles = Array.from({ length: 12 }, (_, i) => unique(`Shared queue ${i}`));
    for (const title of titles) {
      const created = await portal.post('/portal/api/tickets', { title, description: 'Seen twice?' });
      expect(created.statusCode).toBe(201);
    }
    const mails = await settledMailTo(adminEmail);
    for (const title of titles) {
      expect(mails.filter((mail) => mail.subject?.endsWith(`New ticket: ${title}`))).toHaveLength(1);
    }
  });
});

describe('delivery', () => {
  it('keeps a message the SMTP server refuses for now, and delivers it on a later try', async () => {
    let refusals = 0;
    refuse = (mail) =>
      mail.subject?.includes('Atrium') && refusals++ === 0 ? smtpError(451, 'try later') : undefined;
    try {
      const { email } = await newContact('en');
      const deadline = Date.now() + 10_000;
      let row: typeof mailOutbox.$inferSelect | undefined;
      while (!row?.lastError && Date.now() < deadline) {
        [row] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row?.lastError).toContain('try later');
      // Due again now rather than in 30 seconds.
      await t.database.db
        .update(mailOutbox)
        .set({ nextAttemptAt: new Date() })
        .where(eq(mailOutbox.to, email));
      await mailTo(email);
      expect(await settledMailTo(email)).toHaveLength(1);
    } finally {
      refuse = () => undefined;
    }
  });

  it('gives up at once on a message the server refuses for good', async () => {
    refuse = (mail) => (mail.subject?.includes('Atrium') ? smtpError(550, 'no such user') : undefined);
    try {
      const { email } = await newContact('en');
      const deadline = Date.now() + 10_000;
      let row: typeof mailOutbox.$inferSelect | undefined;
      while (row?.status !== 'failed' && Date.now() < deadline) {
        [row] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row?.lastError).toContain('no such user');
      const listed = (await admin.get('/api/v1/outbox/mail?pageSize=100')).json().items;
      expect(listed.find((item: { to: string }) => item.to === email)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('no such user'),
      });
    } finally {
      refuse = () => undefined;
    }
  });
});

describe('mail templates', () => {
  it('lets an admin edit a language, preview it, and put it back to the default', async () => {
    const template = {
      subject: 'Bienvenue chez {{companyName}}',
      body: 'Bonjour {{firstName}} !\n\nIdentifiant : {{username}}\nMot de passe : {{password}}\n\n{{portalUrl}}',
    };
    const preview = await admin.post('/api/v1/settings/mail-templates/preview', {
      kind: 'welcome',
      language: 'fr',
      ...template,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().subject).toBe('Bienvenue chez Example IT');
    expect(preview.json().html).toContain('<a href="https://help.example.com/portal"');

    const saved = await admin.patch('/api/v1/settings/mail-templates', { welcome: { fr: template } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().customized.welcome).toEqual(['fr']);
    const { email } = await newContact('fr');
    expect((await mailTo(email)).subject).toBe('Bienvenue chez Atrium');

    const reset = await admin.patch('/api/v1/settings/mail-templates', { welcome: { fr: null } });
    expect(reset.json().customized.welcome).toEqual([]);
    expect(reset.json().templates.welcome.fr.subject).toBe(
      'Votre compte sur le portail d’assistance {{companyName}}',
    );
  });

  it('has technicians’ mail in all five languages, each editable', async () => {
    const listed = (await admin.get('/api/v1/settings/mail-templates')).json();
    for (const kind of ['technicianNewTicket', 'technicianContactReply', 'technicianPasswordResetLink']) {
      expect(Object.keys(listed.templates[kind]).sort()).toEqual(['de', 'en', 'es', 'fr', 'it']);
    }
    expect(listed.templates.technicianContactReply.de.body).toContain('geantwortet');
    const template = { subject: '[#{{ticketNumber}}] Antwort', body: '{{requester}}: {{message}}' };
    const saved = await admin.patch('/api/v1/settings/mail-templates', {
      technicianContactReply: { de: template },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().customized.technicianContactReply).toEqual(['de']);
    const reset = await admin.patch('/api/v1/settings/mail-templates', {
      technicianContactReply: { de: null },
    });
    expect(reset.json().customized.technicianContactReply).toEqual([]);
  });

  it('refuses a welcome template without the password, or with an unknown placeholder', async () => {
    const response = await admin.patch('/api/v1/settings/mail-templates', {
      welcome: { en: { subject: 'Hi {{nickname}}', body: 'Your username is {{username}}.' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.welcome.en.subject', message: 'unknown placeholder {{nickname}}' },
      { path: 'body.welcome.en.body', message: 'must contain {{password}}' },
    ]);
  });

  it('keeps values inert in the HTML part', async () => {
    const preview = await admin.post('/api/v1/settings/mail-templates/preview', {
      kind: 'ticketStatus',
      language: 'en',
      subject: '{{ticketTitle}}',
      body: 'Hello {{firstName}}, <script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).not.toContain('<script');
    expect(preview.json().html).not.toContain('javascript:');
  });

  it('lets only admins change templates', async () => {
    const { client: technician } = await technicianClient(t, 'technician');
    expect((await technician.get('/api/v1/settings/mail-templates')).statusCode).toBe(200);
    const response = await technician.patch('/api/v1/settings/mail-templates', { welcome: { en: null } });
    expect(response.statusCode).toBe(403);
  });
});

describe('outbox', () => {
  it('shows queued mail without SMTP, credentials to admins only, and asks for a sign-in', async () => {
    const outbox = await createTestApp();
    try {
      const { client: tech } = await technicianClient(outbox, 'technician');
      const { client: outboxAdmin } = await technicianClient(outbox, 'admin');
      const customer = await buildCustomer(outbox);
      const email = `${unique('outbox')}@customer.example`;
      const created = await tech.post('/api/v1/contacts', {
        customerId: customer.id,
        firstName: 'Ana',
        lastName: 'Ruiz',
        email,
        language: 'es',
      });
      const forgot = await client(outbox).post('/portal/api/auth/forgot', { email });
      expect(forgot.statusCode).toBe(202);

      const list = await tech.get('/api/v1/outbox/mail');
      expect(list.statusCode).toBe(200);
      const seenByTechnician = list.json().items;
      expect(seenByTechnician).toEqual([
        expect.objectContaining({
          kind: 'passwordResetLink',
          to: email,
          subject: expect.any(String),
          text: null,
        }),
        expect.objectContaining({ kind: 'welcome', to: email, status: 'queued', ticket: null, text: null }),
      ]);
      expect(JSON.stringify(seenByTechnician)).not.toContain(created.json().portalPassword);

      const [link, welcome] = (await outboxAdmin.get('/api/v1/outbox/mail')).json().items;
      expect(welcome.text).toContain(`Contraseña: ${created.json().portalPassword}`);
      expect(link.text).toContain('/portal/reset-password?token=');
      expect((await client(outbox).get('/api/v1/outbox/mail')).statusCode).toBe(401);
    } finally {
      await outbox.close();
    }
  });
});
