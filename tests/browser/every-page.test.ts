import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentToken, enrollDevice } from '../../apps/server/src/test/agents';
import {
  buildContact,
  type Client,
  signInContact,
  technicianClient,
  unique,
} from '../../apps/server/src/test/factories';
import { corpusMail, deliverBySmtp } from '../../apps/server/src/test/inbound-mail';
import type { TestApp } from '../../apps/server/src/test/test-app';
import {
  horizontalOverflow,
  launchBrowser,
  seriousViolations,
  signInTechnician,
  startServer,
  watchForProblems,
} from './browser';

/**
 * Issue 14's acceptance: every page of the console and of the portal, with realistic data on it (long
 * titles and names, every column filled), has no serious or critical axe finding at a phone's width
 * and a desktop's, and never scrolls sideways at 390 px.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

// Long on purpose: names and titles as customers really write them, and words that cannot break.
const CUSTOMER_NAME = 'Établissements Fournier-Delacroix et Associés, Société Anonyme Internationale';
const TICKET_TITLE =
  'Le serveur de fichiers du siège ne répond plus depuis la mise à jour de sécurité de cette nuit, les postes comptables sont bloqués';
const LONG_WORD =
  'C:\\Users\\comptabilite.fournier-delacroix\\AppData\\Local\\Microsoft\\Outlook\\archives-2024.pst';
const ARTICLE_TITLE = 'Reconfigurer la messagerie Outlook après un changement de mot de passe Microsoft 365';

let server: TestApp & { url: string };
let browser: Browser;
let admin: Client;

type Visit = {
  label: string;
  path: string;
  /** Text the page shows once its data is there. */
  ready: string | RegExp;
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ INBOUND_SMTP_PORT: '0' }), launchBrowser()]);
  admin = (await technicianClient(server, 'admin')).client;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function created<T = { id: string }>(response: Promise<{ statusCode: number; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return JSON.parse(answer.body) as T;
}

/** Everything the pages list, made through the API as an MSP would over its first weeks. */
async function seedDesk() {
  await created(
    admin.patch('/api/v1/settings/portal', {
      features: { aiAssistant: { enabled: true }, selfService: { enabled: true } },
      // A long name, and a light colour that white text on it and links in it would make unreadable.
      branding: {
        name: 'Delacroix Infogérance et Maintenance Informatique Professionnelle',
        accentColor: '#f5b700',
      },
    }),
  );
  const customer = await created<{ id: string; name: string }>(
    admin.post('/api/v1/customers', {
      name: CUSTOMER_NAME,
      domains: [`${unique('fournier-delacroix-associes')}.example`.toLowerCase()],
      phone: '+33 1 23 45 67 89',
      address: '12 rue du Faubourg-Saint-Honoré, 75008 Paris, France',
      notes: `Contrat de maintenance premium. Archives: ${LONG_WORD}`,
    }),
  );
  const { contact, password } = await buildContact(server, {
    customerId: customer.id,
    firstName: 'Marie-Antoinette',
    isPrimary: true,
  });
  // A primary contact of the same company who reads the portal in German (long compound words).
  const german = await buildContact(server, {
    customerId: customer.id,
    firstName: 'Hildegard',
    isPrimary: true,
    language: 'de',
  });
  const colleague = await created<{ contact: { id: string; username: string }; portalPassword: string }>(
    admin.post('/api/v1/contacts', {
      customerId: customer.id,
      firstName: 'Jean-Baptiste-Emmanuel',
      lastName: 'de La Rochefoucauld-Montmorency',
      email: `${unique('jean-baptiste.de-la-rochefoucauld')}@fournier-delacroix.example`,
      phone: '+33612345678',
      jobTitle: 'Responsable administratif et financier adjoint',
      language: 'en',
    }),
  );
  const field = await created(
    admin.post('/api/v1/custom-fields', {
      key: unique('asset').replaceAll('-', '_').toLowerCase(),
      label: { en: 'Asset tag of the affected workstation', fr: 'Numéro d’inventaire du poste concerné' },
      type: 'text',
      portalVisibility: 'edit',
    }),
  );
  const tickets = [];
  for (const [index, priority] of (['Critical', 'High', 'Medium'] as const).entries()) {
    tickets.push(
      await created(
        admin.post('/api/v1/tickets', {
          customerId: customer.id,
          contactId: contact.id,
          title: `${TICKET_TITLE} (${index + 1})`,
          description: `Message d’erreur: ${LONG_WORD}`,
          priority,
          type: 'Incident',
          dueDate: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      ),
    );
  }
  await created(
    admin.post('/api/v1/tickets', {
      customerId: customer.id,
      contactId: german.contact.id,
      title: `${TICKET_TITLE} (4)`,
      description: 'Druckerwarteschlangenverwaltungsdienst startet nicht.',
    }),
  );
  const [ticket] = tickets;
  if (!ticket) throw new Error('no ticket');
  await created(
    admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: `Nous regardons le journal: ${LONG_WORD}`,
    }),
  );
  await created(
    admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Note interne.', internal: true }),
  );
  const category = await created(
    admin.post('/api/v1/kb/categories', { name: { en: 'Email and calendars', fr: 'Messagerie et agendas' } }),
  );
  const article = await created(
    admin.post('/api/v1/kb/articles', {
      title: ARTICLE_TITLE,
      body: [
        '## Étapes',
        `1. Fermez Outlook.\n2. Supprimez ${LONG_WORD}.`,
        '```\nGet-MailboxFolderStatistics -Identity comptabilite@fournier-delacroix.example | Select-Object Name,ItemsInFolder,FolderSize\n```',
        '| Version | Menu | Option | Remarque |\n|---|---|---|---|\n| Outlook 2016 | Fichier › Paramètres du compte | Réparer | Redémarrage nécessaire après la réparation |',
      ].join('\n\n'),
      language: 'fr',
      categoryId: category.id,
      shared: true,
      status: 'published',
    }),
  );
  await created(
    admin.post('/api/v1/software', {
      name: `Notepad++ ${unique('np').slice(-6)}`,
      chocolatey: 'notepadplusplus',
    }),
  );
  const device = await enrollDevice(server, await createEnrollmentToken(admin, customer.id));
  await created(admin.patch(`/api/v1/devices/${device.deviceId}`, { contactId: contact.id }));
  const germanDevice = await enrollDevice(server, await createEnrollmentToken(admin, customer.id));
  await created(admin.patch(`/api/v1/devices/${germanDevice.deviceId}`, { contactId: german.contact.id }));
  // A text in the SMS outbox, and a message in the inbound mail log.
  const portal = await signInContact(server, { username: contact.username, password });
  await created(portal.post('/portal/api/2fa/phone', { phone: '+33698765432' }));
  const smtpPort = server.app.inboundMail.smtpPort;
  if (smtpPort === undefined) throw new Error('the inbound SMTP listener did not start');
  await deliverBySmtp(smtpPort, corpusMail('outlook-new.eml', { from: 'jane.doe@unknown-sender.example' }));
  const portalAccounts = [
    { language: 'English', username: contact.username, password },
    { language: 'German', username: german.contact.username, password: german.password },
  ];
  return { customer, contact, password, colleague, field, ticket, article, device, portalAccounts };
}

/**
 * What goes wrong on a phone's screen: the page scrolls sideways (`horizontalOverflow`), a box inside
 * it does (a table hiding columns behind its own scroll bar), elements reach past the screen (the
 * innermost ones are named), or a bar that stays while the page scrolls covers over a tenth of it.
 */
async function phoneLayout(page: Page) {
  const found = await page.evaluate(() => {
    const name = (element: Element) =>
      [element.tagName.toLowerCase(), ...Array.from(element.classList)].join('.');
    const width = document.documentElement.clientWidth;
    const isBeyond = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
    const elements = Array.from(document.querySelectorAll('body *'));
    return {
      scrollers: elements
        .filter((element) => {
          const { overflowX } = getComputedStyle(element);
          const scrolls = overflowX === 'auto' || overflowX === 'scroll';
          return scrolls && element.scrollWidth > element.clientWidth;
        })
        .map(name),
      beyondScreen: elements
        .filter((element) => isBeyond(element) && !Array.from(element.children).some(isBeyond))
        .map(name),
      coveringBars: elements
        .filter((element) => {
          const { position } = getComputedStyle(element);
          const stays = position === 'sticky' || position === 'fixed';
          return stays && element.getBoundingClientRect().height > window.innerHeight / 10;
        })
        .map((element) => {
          const share = Math.round((100 * element.getBoundingClientRect().height) / window.innerHeight);
          return `${name(element)} covers ${share}%`;
        }),
    };
  });
  return { page: await horizontalOverflow(page), ...found };
}

const FITS_A_PHONE = { page: 0, scrollers: [], beyondScreen: [], coveringBars: [] };

/** Opens `visit` and checks it at both widths; failures are collected so one run lists every page. */
async function checkPage(page: Page, baseUrl: string, visit: Visit) {
  await page.setViewportSize(PHONE);
  await page.goto(`${baseUrl}${visit.path}`);
  const main = page.getByRole('main');
  await main
    .getByText(visit.ready)
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      const shown = await page.locator('body').textContent();
      throw new Error(`${visit.label} never showed “${visit.ready}”; it shows:\n${shown}`, { cause: error });
    });
  await expect.poll(() => page.getByText('Loading…').count(), { message: `${visit.label} loads` }).toBe(0);
  expect.soft(await phoneLayout(page), `layout at 390 px on ${visit.label}`).toEqual(FITS_A_PHONE);
  expect.soft(await seriousViolations(page), `axe at 390 px on ${visit.label}`).toEqual([]);
  await page.setViewportSize(DESKTOP);
  expect.soft(await seriousViolations(page), `axe at 1280 px on ${visit.label}`).toEqual([]);
}

/** Dozens of pages, each read by axe twice. */
const MANY_PAGES = 180_000;

describe('every page has no serious axe finding and no sideways scrolling at 390 px', () => {
  let desk: Awaited<ReturnType<typeof seedDesk>>;
  beforeAll(async () => {
    desk = await seedDesk();
  });

  it('the signed-out pages', async () => {
    const signedOut = await browser.newContext({ viewport: PHONE });
    const outPage = await signedOut.newPage();
    for (const visit of [
      { label: 'the console sign-in', path: '/', ready: 'Sign in' },
      { label: 'the console forgot-password', path: '/forgot-password', ready: 'Email' },
      { label: 'the portal sign-in', path: '/portal', ready: 'Username' },
      { label: 'the portal forgot-password', path: '/portal/forgot-password', ready: 'Username' },
    ] satisfies Visit[]) {
      await checkPage(outPage, server.url, visit);
    }
    await signedOut.close();
  });

  it('the console, as an admin', { timeout: MANY_PAGES }, async () => {
    const consoleContext = await browser.newContext({ viewport: PHONE });
    const consolePage = await consoleContext.newPage();
    const consoleProblems = watchForProblems(consolePage);
    await signInTechnician(consolePage, server, 'admin');
    const title = `${TICKET_TITLE} (1)`;
    for (const visit of [
      { label: 'the first-run checklist', path: '/setup', ready: 'Getting started' },
      { label: 'the ticket queue', path: '/tickets', ready: title },
      { label: 'a ticket', path: `/tickets/${desk.ticket.id}`, ready: 'Nous regardons le journal' },
      { label: 'a new ticket', path: '/tickets/new', ready: 'Title' },
      { label: 'the customers', path: '/customers', ready: CUSTOMER_NAME },
      { label: 'a new customer', path: '/customers/new', ready: 'Email domains' },
      { label: 'a customer', path: `/customers/${desk.customer.id}`, ready: 'Jean-Baptiste-Emmanuel' },
      { label: 'the contacts', path: '/contacts', ready: 'Jean-Baptiste-Emmanuel' },
      { label: 'a new contact', path: '/contacts/new', ready: 'First name' },
      {
        label: 'a contact',
        path: `/contacts/${desk.colleague.contact.id}`,
        ready: 'de La Rochefoucauld-Montmorency',
      },
      { label: 'the knowledge base', path: '/kb', ready: ARTICLE_TITLE },
      { label: 'the KB categories', path: '/kb/categories', ready: 'Email and calendars' },
      { label: 'a new article', path: '/kb/new', ready: 'Title' },
      { label: 'an article', path: `/kb/${desk.article.id}`, ready: 'Étapes' },
      { label: 'the devices', path: '/devices', ready: 'PC-ALEX' },
      { label: 'a device', path: `/devices/${desk.device.deviceId}`, ready: 'PC-ALEX' },
      { label: 'the outbox', path: '/outbox', ready: title },
      { label: 'my account', path: '/account', ready: 'My account' },
      { label: 'the mail templates', path: '/admin/mail-templates', ready: 'Email templates' },
      { label: 'the portal settings', path: '/admin/portal', ready: 'Features' },
      { label: 'the software catalog', path: '/admin/software', ready: 'Notepad++' },
      {
        label: 'the custom fields',
        path: '/admin/custom-fields',
        ready: 'Asset tag of the affected workstation',
      },
      { label: 'a new custom field', path: '/admin/custom-fields/new', ready: 'Key' },
      { label: 'a custom field', path: `/admin/custom-fields/${desk.field.id}`, ready: 'Label' },
      { label: 'the ticket statuses', path: '/admin/statuses', ready: 'Pending' },
      {
        label: 'the inbound mail',
        path: '/admin/inbound-mail',
        ready: 'Outlook keeps asking for my password',
      },
      { label: 'the SMS outbox', path: '/admin/sms-outbox', ready: '+33698765432' },
      { label: 'the technicians', path: '/admin/technicians', ready: 'Technicians' },
      { label: 'the audit log', path: '/admin/audit', ready: 'ticket.created' },
      { label: 'a page that does not exist', path: '/no-such-page', ready: /not found/i },
    ] satisfies Visit[]) {
      await checkPage(consolePage, server.url, visit);
    }
    expect(consoleProblems).toEqual([]);
    await consoleContext.close();
  });

  it('a ticket of the queue is a card on a phone, each value beside the name of its column', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await signInTechnician(page, server);
    const row = page.getByRole('row').filter({ hasText: `${TICKET_TITLE} (2)` });
    await row.waitFor();
    const cells = await row.getByRole('cell').evaluateAll((found) =>
      found.map((cell) => ({
        label: getComputedStyle(cell, '::before').content,
        value: cell.textContent,
        fits: cell.getBoundingClientRect().right <= document.documentElement.clientWidth,
      })),
    );
    expect(cells).toContainEqual({ label: '"Priority"', value: 'High', fits: true });
    expect(cells).toContainEqual({ label: '"Title"', value: `${TICKET_TITLE} (2)`, fits: true });
    expect(cells.every((cell) => cell.fits)).toBe(true);
    // The columns that sort are still there, as buttons above the cards.
    await page.getByRole('button', { name: 'Priority' }).click();
    await page.waitForURL(/sort=priority/);
    await context.close();
  });

  it('the portal settings’ Save bar does not cover a phone’s screen while changes are unsaved', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await signInTechnician(page, server, 'admin');
    await page.goto(`${server.url}/admin/portal`);
    await page.getByLabel('Send a welcome email to new contacts').click();
    await page.getByRole('status').getByText('You have unsaved changes.').waitFor();
    expect(await phoneLayout(page)).toEqual(FITS_A_PHONE);
    await context.close();
  });

  for (const language of ['English', 'German']) {
    it(`the portal in ${language}, as a primary contact with every feature`, {
      timeout: MANY_PAGES,
    }, async () => {
      const account = desk.portalAccounts.find((candidate) => candidate.language === language);
      if (!account) throw new Error(`no ${language} contact`);
      const portalContext = await browser.newContext({ viewport: PHONE });
      const portalPage = await portalContext.newPage();
      const portalProblems = watchForProblems(portalPage);
      await portalPage.goto(`${server.url}/portal`);
      await portalPage.getByLabel('Username').fill(account.username);
      await portalPage.getByLabel('Password').fill(account.password);
      await portalPage.getByRole('button', { name: 'Sign in' }).click();
      await portalPage.getByRole('button', { name: /^(Sign out|Abmelden)$/ }).waitFor();
      for (const visit of [
        { label: 'the portal home', path: '/portal', ready: TICKET_TITLE },
        { label: 'the portal tickets', path: '/portal/tickets', ready: TICKET_TITLE },
        { label: 'the company tickets', path: '/portal/tickets?scope=company', ready: TICKET_TITLE },
        {
          label: 'a portal ticket',
          path: `/portal/tickets/${desk.ticket.id}`,
          ready: 'Nous regardons le journal',
        },
        {
          label: 'a new portal ticket',
          path: '/portal/tickets/new',
          ready: 'Asset tag of the affected workstation',
        },
        { label: 'the portal knowledge base', path: '/portal/kb', ready: ARTICLE_TITLE },
        { label: 'a portal article', path: `/portal/kb/${desk.article.id}`, ready: 'Étapes' },
        {
          label: 'the assistant',
          path: '/portal/assistant',
          ready: /(how can I help|wie kann ich Ihnen helfen)/,
        },
        { label: 'the portal devices', path: '/portal/devices', ready: 'PC-ALEX' },
        { label: 'the portal settings', path: '/portal/settings', ready: /Password|Passwort/ },
      ] satisfies Visit[]) {
        await checkPage(portalPage, server.url, { ...visit, label: `${visit.label} in ${language}` });
      }
      expect(portalProblems).toEqual([]);
      await portalContext.close();
    });
  }

  it('the choice of a first password', async () => {
    const newcomer = await browser.newContext({ viewport: PHONE });
    const newcomerPage = await newcomer.newPage();
    await newcomerPage.goto(`${server.url}/portal`);
    await newcomerPage.getByLabel('Username').fill(desk.colleague.contact.username);
    await newcomerPage.getByLabel('Password').fill(desk.colleague.portalPassword);
    await newcomerPage.getByRole('button', { name: 'Sign in' }).click();
    await newcomerPage.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await checkPage(newcomerPage, server.url, {
      label: 'the portal choose-password',
      path: '/portal',
      ready: 'Choose your own password',
    });
    await newcomer.close();
  });
});
