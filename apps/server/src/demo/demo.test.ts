import { afterEach, describe, expect, it } from 'vitest';
import { client, sessionCookie, signInTechnician } from '../test/factories';
import { createTestApp, type TestApp } from '../test/test-app';
import { loadDemo } from './demo';
import { DEMO_CUSTOMERS, DEMO_KB_ARTICLES } from './demo-data';

const opened: TestApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function demoApp() {
  const t = await createTestApp();
  opened.push(t);
  const admin = await signInTechnician(t, {
    email: 'first-admin@example.com',
    password: 'first-admin-password',
  });
  return { t, admin };
}

type Listed<T> = { items: T[]; total: number };

describe('the demo MSP', () => {
  it('loads customers, contacts, tickets in five languages and a knowledge base, each with its audit row, once', async () => {
    const { t, admin } = await demoApp();
    const result = await loadDemo(t.database.db, t.config);
    if (!result.loaded) throw new Error('the demo was not loaded on an empty database');
    expect(result.welcomeMailQueued).toBe(true);
    expect(result.signIns).toHaveLength(DEMO_CUSTOMERS.length);

    const customers = (await admin.get('/api/v1/customers?pageSize=100')).json<
      Listed<{ id: string; name: string; domains: string[] }>
    >();
    expect(customers.total).toBe(5);
    const contacts = (await admin.get('/api/v1/contacts?pageSize=100')).json<
      Listed<{ customerId: string; language: string; isPrimary: boolean }>
    >();
    expect(contacts.total).toBe(11);
    expect(new Set(contacts.items.map((contact) => contact.language))).toEqual(
      new Set(['en', 'fr', 'de', 'es', 'it']),
    );
    for (const customer of customers.items) {
      const theirs = contacts.items.filter((contact) => contact.customerId === customer.id);
      expect(theirs.filter((contact) => contact.isPrimary)).toHaveLength(1);
      // Every contact of a customer speaks its language: its tickets are written in it.
      expect(new Set(theirs.map((contact) => contact.language)).size).toBe(1);
      const tickets = (await admin.get(`/api/v1/tickets?customerId=${customer.id}&pageSize=100`)).json<
        Listed<{ status: string; billed: boolean }>
      >();
      expect(tickets.total).toBe(8);
    }
    const tickets = (await admin.get('/api/v1/tickets?pageSize=100')).json<
      Listed<{ status: string; billed: boolean }>
    >();
    expect(tickets.total).toBe(40);
    expect(new Set(tickets.items.map((ticket) => ticket.status))).toEqual(
      new Set(['Open', 'Pending', 'Resolved', 'Closed']),
    );
    expect(tickets.items.filter((ticket) => ticket.billed).length).toBeGreaterThanOrEqual(5);

    const articles = (await admin.get('/api/v1/kb/articles?pageSize=100&status=published&shared=true')).json<
      Listed<{ language: string }>
    >();
    expect(articles.total).toBe(10);
    expect(DEMO_KB_ARTICLES.flatMap((group) => group.versions)).toHaveLength(10);

    const audited = async (action: string) =>
      (await admin.get(`/api/v1/audit?action=${action}&pageSize=1`)).json<Listed<unknown>>().total;
    expect(await audited('customer.created')).toBe(5);
    expect(await audited('contact.created')).toBe(11);
    expect(await audited('ticket.created')).toBe(40);
    expect(await audited('ticket.replied')).toBeGreaterThan(20);
    expect(await audited('kb_article.created')).toBe(10);
    // The first admin and three colleagues.
    expect(await audited('technician.created')).toBe(4);

    // History, not news: the outbox holds the contacts' welcome mails and nothing about tickets.
    const outbox = (await admin.get('/api/v1/outbox/mail?pageSize=100')).json<Listed<{ kind: string }>>();
    expect(outbox.items.map((mail) => mail.kind)).toEqual(Array(11).fill('welcome'));

    expect(await loadDemo(t.database.db, t.config)).toEqual({ loaded: false });
    expect((await admin.get('/api/v1/customers')).json<Listed<unknown>>().total).toBe(5);
    expect((await admin.get('/api/v1/tickets')).json<Listed<unknown>>().total).toBe(40);
  }, 180_000);

  it("lets a primary contact sign in with the printed password and see their company's tickets", async () => {
    const { t } = await demoApp();
    const result = await loadDemo(t.database.db, t.config);
    if (!result.loaded) throw new Error('the demo was not loaded on an empty database');
    const signIn = result.signIns.find((one) => one.customer === 'Zahnarztpraxis Dr. Hoffmann');
    if (!signIn) throw new Error('no sign-in printed for the dental practice');

    const login = await client(t).post('/portal/api/auth/login', {
      username: signIn.username,
      password: signIn.password,
    });
    expect(login.statusCode).toBe(200);
    const portal = client(t, { cookie: sessionCookie(login, 'contact') });
    const me = (await portal.get('/portal/api/me')).json<{
      customer: { name: string };
      contact: { language: string };
      features: { ticketing: boolean; knowledgeBase: boolean };
    }>();
    expect(me.customer.name).toBe('Zahnarztpraxis Dr. Hoffmann');
    expect(me.contact.language).toBe('de');
    expect(me.features).toMatchObject({ ticketing: true, knowledgeBase: true });

    // A generated password is a one-time key: the portal asks for the contact's own first.
    expect(
      (await portal.post('/portal/api/auth/password', { password: 'eigenes-passwort-2026' })).statusCode,
    ).toBe(204);
    const again = await client(t).post('/portal/api/auth/login', {
      username: signIn.username,
      password: 'eigenes-passwort-2026',
    });
    const own = client(t, { cookie: sessionCookie(again, 'contact') });
    const tickets = (await own.get('/portal/api/tickets?scope=company&pageSize=100')).json<
      Listed<{ title: string }>
    >();
    expect(tickets.total).toBe(8);
    expect(tickets.items.map((ticket) => ticket.title)).toContain(
      'Röntgenbilder werden am Behandlungsplatz 2 nicht angezeigt',
    );
  }, 180_000);

  it('queues no welcome mail when a real SMTP server would send it to the made-up addresses', async () => {
    const { t, admin } = await demoApp();
    const withSmtp = { ...t.config, mail: { ...t.config.mail, smtpUrl: 'smtp://127.0.0.1:2525' } };
    const result = await loadDemo(t.database.db, withSmtp);
    expect(result).toMatchObject({ loaded: true, welcomeMailQueued: false });
    expect((await admin.get('/api/v1/outbox/mail')).json<Listed<unknown>>().total).toBe(0);
    const audit = (await admin.get('/api/v1/audit?action=contact.created&pageSize=100')).json<
      Listed<{ details: { welcomeEmail: boolean } }>
    >();
    expect(audit.items.map((entry) => entry.details.welcomeEmail)).toEqual(Array(11).fill(false));
  }, 180_000);
});
