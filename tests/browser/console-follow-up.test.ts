import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildContact,
  buildCustomer,
  signInContact,
  technicianClient,
} from '../../apps/server/src/test/factories';
import type { TestApp } from '../../apps/server/src/test/test-app';
import { expectUsable, launchBrowser, signInTechnician, startServer, watchForProblems } from './browser';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A contact's ticket that a technician takes, the contact marks resolved, and the technician closes
 * and bills; the contact's reply then opens a follow-up. All through the API, as people would.
 */
async function billedTicketWithFollowUp() {
  const { client: admin, technician } = await technicianClient(server, 'admin');
  const customer = await buildCustomer(server, { name: 'Boulangerie Martin' });
  const { contact, password } = await buildContact(server, { customerId: customer.id, firstName: 'Claire' });
  const portal = await signInContact(server, { username: contact.username, password });
  const opened = await portal.post('/portal/api/tickets', {
    title: 'The till does not start',
    description: 'Black screen since this morning.',
  });
  expect(opened.statusCode).toBe(201);
  const original = opened.json() as { id: string; number: number };
  expect(
    (await admin.patch(`/api/v1/tickets/${original.id}`, { technicianId: technician.id })).statusCode,
  ).toBe(200);
  expect((await portal.post(`/portal/api/tickets/${original.id}/resolve`)).statusCode).toBe(200);
  const billed = await admin.patch(`/api/v1/tickets/${original.id}`, { status: 'Closed', billed: true });
  expect(billed.statusCode).toBe(200);
  const reply = await portal.post(`/portal/api/tickets/${original.id}/comments`, {
    body: 'It switches itself off again every hour.',
  });
  expect(reply.statusCode).toBe(201);
  const followUp = reply.json().ticket as { id: string; number: number };
  return {
    original,
    followUp,
    technicianName: technician.name,
    contactName: `Claire ${contact.lastName}`,
  };
}

describe('a follow-up in the console', () => {
  it('links the billed ticket and its follow-up both ways, and the history says who changed what', async () => {
    const { original, followUp, technicianName, contactName } = await billedTicketWithFollowUp();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signInTechnician(page, server);

    await page.goto(`${server.url}/tickets/${original.id}`);
    await page.getByRole('heading', { name: /The till does not start/, level: 1 }).waitFor();
    // Who did what, between the messages, each by name.
    const thread = page.getByRole('list', { name: 'Conversation' });
    await thread.getByText(`${technicianName} assigned the ticket to ${technicianName}.`).waitFor();
    await thread.getByText(`${contactName} changed the status to “Resolved”.`).waitFor();
    await thread.getByText(`${technicianName} changed the status to “Closed”.`).waitFor();
    await thread.getByText(`${technicianName} marked the ticket as billed.`).waitFor();
    // The original lists its follow-up.
    const followUps = page.getByRole('region', { name: 'Follow-ups' });
    await followUps.getByText('Open', { exact: true }).waitFor();
    await expectUsable(page, 'the billed ticket');

    await followUps.getByRole('link', { name: `#${followUp.number} The till does not start` }).click();
    await page.waitForURL(`**/tickets/${followUp.id}`);
    await page.getByText('It switches itself off again every hour.').waitFor();
    // The follow-up has none of the original's history.
    expect(await page.getByText('marked the ticket as billed').count()).toBe(0);
    await expectUsable(page, 'the follow-up');

    await page.getByRole('link', { name: `Follow-up of #${original.number}` }).click();
    await page.waitForURL(`**/tickets/${original.id}`);
    await page.getByText(`${technicianName} marked the ticket as billed.`).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
