import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentProcess } from '../../apps/server/src/test/agents';
import {
  buildContact,
  buildCustomer,
  type Client,
  signInContact,
  technicianClient,
  unique,
} from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import {
  horizontalOverflow,
  latestCode,
  launchBrowser,
  seriousViolations,
  signInToPortalInFrench,
  startOnlineAgent,
  startServer,
  watchForProblems,
} from './browser';

const PHONE = '+33687654321';

let server: TestApp & { url: string };
let browser: Browser;
let context: BrowserContext;
let admin: Client;
/** The real agent, as a Windows machine that only says what it would run. */
let agent: AgentProcess | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = (await technicianClient(server, 'admin')).client;
});
afterAll(async () => {
  await agent?.kill();
  if (agent) fs.rmSync(agent.stateDir, { recursive: true, force: true });
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  // A phone: the whole conversation happens at 390 px.
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
});
afterEach(async () => context.close());

describe('the assistant on the portal', () => {
  it('a French contact has their computer restarted with a texted code, gets an article, then a ticket for a person', async () => {
    const settings = await admin.patch('/api/v1/settings/portal', {
      features: { aiAssistant: { enabled: true }, selfService: { enabled: true } },
    });
    expect(settings.statusCode).toBe(200);
    // Articles belong to the whole install: hence a title of its own, found by its words all the same.
    const articleTitle = `Configurer la messagerie sur votre téléphone (${unique('kb').slice(-6)})`;
    const article = await admin.post('/api/v1/kb/articles', {
      title: articleTitle,
      body: 'Pour configurer la messagerie sur votre téléphone, ouvrez Réglages, puis Comptes, et ajoutez votre adresse professionnelle.',
      language: 'fr',
      shared: true,
      status: 'published',
    });
    expect(article.statusCode).toBe(201);
    const customer = await buildCustomer(server, { name: 'Atelier Moreau' });
    const { contact, password } = await buildContact(server, {
      customerId: customer.id,
      firstName: 'Hugo',
      language: 'fr',
    });

    // His mobile number is confirmed already (Settings does it; the self-service test covers that page).
    const seen = new Set<string>();
    const asContact = await signInContact(server, { username: contact.username, password });
    expect((await asContact.post('/portal/api/2fa/phone', { phone: PHONE })).statusCode).toBe(200);
    const confirmed = await asContact.post('/portal/api/2fa/verify', {
      code: await latestCode(admin, PHONE, seen),
    });
    expect(confirmed.statusCode).toBe(200);

    // His computer runs the real agent, and is assigned to him.
    const online = await startOnlineAgent(server, admin, customer.id);
    agent = online.agent;
    const { device } = online;
    expect((await admin.patch(`/api/v1/devices/${device.id}`, { contactId: contact.id })).statusCode).toBe(
      200,
    );

    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInToPortalInFrench(page, server.url, contact.username, password);

    // From the home page to an empty conversation: a greeting and questions to start with.
    await page.getByRole('link', { name: 'Discuter avec l’assistant' }).click();
    await page.getByRole('heading', { name: 'Assistant', level: 1 }).waitFor();
    await page.getByText('Bonjour Hugo, comment puis-je vous aider ?').waitFor();
    await page
      .getByRole('button', { name: 'Mon ordinateur est lent, pouvez-vous le redémarrer ?' })
      .waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The request, typed and sent with Enter: the assistant proposes the restart of his computer.
    const message = page.getByLabel('Votre message');
    await message.fill('Mon ordinateur est très lent, pouvez-vous le redémarrer ?');
    await message.press('Enter');
    const conversation = page.getByRole('list', { name: 'Conversation avec l’assistant' });
    await conversation.getByText('Mon ordinateur est très lent, pouvez-vous le redémarrer ?').waitFor();
    const proposal = conversation.getByRole('region', { name: `Redémarrer ${device.hostname} ?` });
    await proposal.waitFor();
    // The field is back for the next message, with the focus.
    await expect.poll(() => message.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await message.inputValue()).toBe('');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Confirmed (open work may be lost), then the texted code, then followed until the device has done it.
    await proposal.getByRole('button', { name: 'Confirmer' }).click();
    const confirm = page.getByRole('dialog', { name: `Redémarrer ${device.hostname} ?` });
    await confirm.getByText('Enregistrez d’abord votre travail', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Redémarrer' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await proposal.getByText(`nous avons envoyé un code par SMS au ${PHONE}`, { exact: false }).waitFor();
    // The button that asked is gone: the code field has the focus.
    const codeField = proposal.getByLabel('Code reçu par SMS');
    await expect.poll(() => codeField.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await codeField.fill(await latestCode(admin, PHONE, seen));
    await proposal.getByRole('button', { name: 'Confirmer', exact: true }).click();
    const live = proposal.locator('.portal-device-live');
    await live
      .getByText('Réussie', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `the restart did not succeed (${await live.textContent()}); agent log:\n${online.agent.output()}`,
          { cause: error },
        );
      });
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // A reload keeps the conversation (this tab remembers it).
    await page.reload();
    await conversation.getByText('Mon ordinateur est très lent, pouvez-vous le redémarrer ?').waitFor();
    // The proposal says it ran, and how it went, rather than offering to run it again.
    await proposal.getByText('Vous l’avez confirmée :').waitFor();
    await proposal.getByText('Réussie').waitFor();
    expect(await proposal.getByRole('button', { name: 'Confirmer' }).count()).toBe(0);

    // A question the knowledge base answers: the article, one tap away.
    await message.fill('Comment configurer la messagerie sur mon téléphone ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const articleLink = conversation.getByRole('link', { name: articleTitle });
    await articleLink.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await articleLink.click();
    await page.getByRole('heading', { name: articleTitle, level: 1 }).waitFor();
    await page.goBack();
    await articleLink.waitFor();

    // A person, at a tap: the conversation becomes a ticket, linked from the assistant's message.
    await page.getByRole('button', { name: 'Parler à une personne' }).click();
    await conversation
      .getByText('J’ai transmis notre conversation à l’équipe support', { exact: false })
      .waitFor();
    const ticketLink = conversation.getByRole('link', { name: /^Ticket n° \d+$/ });
    await ticketLink.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await ticketLink.click();
    await page
      .getByText('Mon ordinateur est très lent, pouvez-vous le redémarrer ?', { exact: false })
      .first()
      .waitFor();

    // A new conversation starts empty again.
    await page.goto(`${server.url}/portal/assistant`);
    await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await page.getByText('Bonjour Hugo, comment puis-je vous aider ?').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
