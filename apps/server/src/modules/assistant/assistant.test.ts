import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantMessages, assistantSessions, mailOutbox } from '../../db/schema';
import type { ContactActor } from '../../lib/actor';
import { createServices } from '../../services';
import {
  connectAgent,
  createEnrollmentToken,
  enrollDevice,
  eventually,
  listen,
  resultFrame,
} from '../../test/agents';
import { buildContact, type Client, contactClient, technicianClient, unique } from '../../test/factories';
import { startOpenAiWire, textAnswer, toolCallsAnswer } from '../../test/openai-wire';
import { codeTextedTo } from '../../test/sms';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createAssistantTools } from './assistant-tools';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
  await portalSettings({ aiAssistant: { enabled: true }, selfService: { enabled: true } });
});
afterAll(async () => t.close());

const portalSettings = (features: Record<string, unknown>) =>
  admin.patch('/api/v1/settings/portal', { features });

async function newSession(portal: Client): Promise<string> {
  const created = await portal.post('/portal/api/assistant/sessions');
  expect(created.statusCode, created.body).toBe(201);
  return created.json().session.id;
}

const say = (portal: Client, session: string, text: string) =>
  portal.post(`/portal/api/assistant/sessions/${session}/messages`, { text });

function actorOf(contact: { id: string; customerId: string | null; firstName: string; lastName: string }) {
  return {
    kind: 'contact',
    id: contact.id,
    customerId: contact.customerId,
    isPrimary: false,
    name: `${contact.firstName} ${contact.lastName}`,
    ip: '127.0.0.1',
  } satisfies ContactActor;
}

async function article(overrides: Record<string, unknown>) {
  const created = await admin.post('/api/v1/kb/articles', {
    title: unique('VPN'),
    body: 'Open the VPN client and sign in with your usual password.',
    language: 'en',
    shared: true,
    status: 'published',
    ...overrides,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; title: string };
}

describe('assistant sessions', () => {
  it('keeps a contact’s messages and the answers, and nobody else can read or write in the session', async () => {
    const { client: portal } = await contactClient(t, { language: 'fr' });
    const session = await newSession(portal);
    const sent = await say(portal, session, 'Bonjour, comment se connecter au VPN depuis la maison ?');
    expect(sent.statusCode, sent.body).toBe(200);
    const [mine, answer] = sent.json().messages;
    expect(mine).toMatchObject({
      role: 'user',
      text: 'Bonjour, comment se connecter au VPN depuis la maison ?',
    });
    expect(answer).toMatchObject({ role: 'assistant', language: 'fr' });
    expect(answer.text.length).toBeGreaterThan(0);
    const read = (await portal.get(`/portal/api/assistant/sessions/${session}`)).json().session;
    expect(read.messages.map((message: { id: string }) => message.id)).toEqual([mine.id, answer.id]);

    const { client: stranger } = await contactClient(t);
    expect((await stranger.get(`/portal/api/assistant/sessions/${session}`)).statusCode).toBe(404);
    expect((await say(stranger, session, 'hello')).statusCode).toBe(404);
    expect((await stranger.post(`/portal/api/assistant/sessions/${session}/escalate`)).statusCode).toBe(404);
  });

  it('is refused to contacts whose customer does not have the assistant', async () => {
    const { client: portal } = await contactClient(t);
    const session = await newSession(portal);
    await portalSettings({ aiAssistant: { enabled: false } });
    try {
      expect((await portal.post('/portal/api/assistant/sessions')).statusCode).toBe(403);
      expect((await say(portal, session, 'hello')).statusCode).toBe(403);
    } finally {
      await portalSettings({ aiAssistant: { enabled: true } });
    }
  });

  it('stores every tool call of a turn with the answer', async () => {
    const { client: portal } = await contactClient(t);
    const session = await newSession(portal);
    await say(portal, session, 'How do I connect to the VPN?');
    const rows = await t.database.db
      .select()
      .from(assistantMessages)
      .where(eq(assistantMessages.sessionId, session))
      .orderBy(assistantMessages.seq);
    expect(rows.map((row) => row.role)).toEqual([
      'user',
      ...rows.slice(1, -1).map(() => 'tool'),
      'assistant',
    ]);
    expect(rows.some((row) => row.role === 'tool' && row.text === 'search_kb')).toBe(true);
  });

  it('technicians review a conversation with the tool calls and what they returned', async () => {
    const { contact, client: portal } = await contactClient(t);
    const session = await newSession(portal);
    await say(portal, session, 'How do I connect to the VPN?');
    const listed = (await admin.get(`/api/v1/assistant/sessions?contactId=${contact.id}`)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: session, contact: { id: contact.id } }] });
    const review = (await admin.get(`/api/v1/assistant/sessions/${session}`)).json();
    const search = review.messages.find((message: { text: string }) => message.text === 'search_kb');
    expect(search).toMatchObject({ role: 'tool', data: { args: [expect.stringContaining('vpn'), 'en'] } });
    expect(search.data).toHaveProperty('result');
    expect((await portal.get(`/api/v1/assistant/sessions/${session}`)).statusCode).toBe(401);
  });

  it('streams the answer as server-sent events, then the stored messages', async () => {
    const { client: portal } = await contactClient(t);
    const session = await newSession(portal);
    const streamed = await portal.post(
      `/portal/api/assistant/sessions/${session}/messages`,
      { text: 'How do I connect to the VPN?' },
      { accept: 'text/event-stream' },
    );
    expect(streamed.statusCode).toBe(200);
    expect(streamed.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = streamed.body
      .trim()
      .split('\n\n')
      .map((block) => {
        const [name, data] = block.split('\n');
        return { name: name?.replace('event: ', ''), data: JSON.parse(data?.replace('data: ', '') ?? '') };
      });
    expect(events.at(-1)?.name).toBe('done');
    const text = events
      .filter((event) => event.name === 'delta')
      .map((event) => event.data.text)
      .join('');
    expect(text).toBe(events.at(-1)?.data.messages[1].text);
    // Refused before the stream starts: a status of its own.
    const { client: stranger } = await contactClient(t);
    const refused = await stranger.post(
      `/portal/api/assistant/sessions/${session}/messages`,
      { text: 'hi' },
      { accept: 'text/event-stream' },
    );
    expect(refused.statusCode).toBe(404);
  });

  it('answers at a chat’s pace: a contact sending too many messages waits', async () => {
    const { client: portal } = await contactClient(t);
    const session = await newSession(portal);
    for (let i = 0; i < 30; i++) expect((await say(portal, session, `question ${i}`)).statusCode).toBe(200);
    const refused = await say(portal, session, 'one more');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
  });
});

describe('the assistant’s tools stay within what the contact may do', () => {
  it('sees the contact’s own devices and proposes only what the portal would let them run', async () => {
    const services = createServices(t.database.db, t.config);
    const { contact } = await buildContact(t);
    const colleague = await buildContact(t, { customerId: contact.customerId });
    const token = await createEnrollmentToken(admin, contact.customerId ?? '', { maxUses: 2 });
    const mine = await enrollDevice(t, token);
    const theirs = await enrollDevice(t, token);
    await admin.patch(`/api/v1/devices/${mine.deviceId}`, { contactId: contact.id });
    await admin.patch(`/api/v1/devices/${theirs.deviceId}`, { contactId: colleague.contact.id });
    const catalog = (
      await admin.post('/api/v1/software', { name: unique('7-Zip'), chocolatey: '7zip' })
    ).json();
    const forMac = (
      await admin.post('/api/v1/software', { name: unique('Rectangle'), homebrew: 'rectangle' })
    ).json();

    const { tools } = createAssistantTools(actorOf(contact), services, async () => {
      throw new Error('not asked');
    });
    expect((await tools.listDevices()).map((device) => device.id)).toEqual([mine.deviceId]);
    expect(await tools.proposeAction({ type: 'reboot', deviceId: mine.deviceId })).toMatchObject({
      type: 'reboot',
      deviceId: mine.deviceId,
      hostname: 'PC-ALEX',
    });
    expect(await tools.proposeAction({ type: 'reboot', deviceId: theirs.deviceId })).toEqual({
      refused: 'This is not one of your devices.',
    });
    expect(
      await tools.proposeAction({
        type: 'install_software',
        deviceId: mine.deviceId,
        softwareId: catalog.id,
      }),
    ).toMatchObject({ softwareId: catalog.id, softwareName: catalog.name });
    expect(
      await tools.proposeAction({ type: 'install_software', deviceId: mine.deviceId, softwareId: forMac.id }),
    ).toHaveProperty('refused');

    await portalSettings({ selfService: { actions: ['lock', 'install_software'] } });
    try {
      // Services of their own, as a process that has not read the portal settings yet.
      const later = createAssistantTools(
        actorOf(contact),
        createServices(t.database.db, t.config),
        async () => {
          throw new Error('not asked');
        },
      );
      expect(await later.tools.proposeAction({ type: 'reboot', deviceId: mine.deviceId })).toHaveProperty(
        'refused',
      );
    } finally {
      await portalSettings({
        selfService: {
          actions: ['reboot', 'shutdown', 'lock', 'logoff', 'reset_password', 'install_software'],
        },
      });
    }
  });

  it('finds only articles published for customers, and only the contact’s own tickets', async () => {
    const services = createServices(t.database.db, t.config);
    const { contact, client: portal } = await contactClient(t);
    const colleague = await contactClient(t, { customerId: contact.customerId });
    const word = unique('zanzibar').replace(/[^a-z]/gi, '');
    const published = await article({ title: `Printer ${word}` });
    await article({ title: `Internal ${word}`, shared: false });
    await article({ title: `Draft ${word}`, status: 'draft' });
    const own = (await portal.post('/portal/api/tickets', { title: 'Mine', description: 'x' })).json();
    await colleague.client.post('/portal/api/tickets', { title: 'Theirs', description: 'y' });

    const { tools, calls } = createAssistantTools(actorOf(contact), services, async () => {
      throw new Error('not asked');
    });
    expect((await tools.searchKb(word, 'en')).map((hit) => hit.id)).toEqual([published.id]);
    expect((await tools.listTickets()).map((ticket) => ticket.id)).toEqual([own.id]);
    expect(calls.map((call) => call.name)).toEqual(['search_kb', 'list_tickets']);
  });
});

describe('actions from the chat', () => {
  it('a proposal the contact confirms runs after the texted code; the chat and the ticket show how it went', async () => {
    await portalSettings({ aiAssistant: { createTicketPerChat: true } });
    try {
      const { contact, client: portal } = await contactClient(t);
      const phone = `+4917100${String(Date.now()).slice(-5)}`;
      await portal.post('/portal/api/2fa/phone', { phone });
      await portal.post('/portal/api/2fa/verify', { code: await codeTextedTo(admin, phone) });
      const device = await enrollDevice(t, await createEnrollmentToken(admin, contact.customerId ?? ''));
      await admin.patch(`/api/v1/devices/${device.deviceId}`, { contactId: contact.id });
      const agent = await connectAgent(await listen(t), device);
      await agent.next('welcome');

      const session = await newSession(portal);
      const answer = (await say(portal, session, 'Please lock my computer')).json().messages[1];
      expect(answer.proposedAction).toMatchObject({ type: 'lock', deviceId: device.deviceId });
      const run = (proposal: string, as = portal) =>
        as.post(`/portal/api/assistant/sessions/${session}/messages/${proposal}/run`);
      const { client: stranger } = await contactClient(t);
      expect((await run(answer.id, stranger)).statusCode).toBe(404);
      const mine = (await portal.get(`/portal/api/assistant/sessions/${session}`)).json().session.messages[0];
      expect((await run(mine.id)).statusCode).toBe(404);

      const asked = await run(answer.id);
      expect(asked.statusCode, asked.body).toBe(202);
      const { id } = asked.json().action;
      await portal.post(`/portal/api/actions/${id}/verify`, { code: await codeTextedTo(admin, phone) });
      await agent.next('command');
      agent.send({ type: 'ack', id, accepted: true });
      agent.send(resultFrame(id));
      await agent.next('result_stored');

      const shown = (await portal.get(`/portal/api/assistant/sessions/${session}`)).json().session.messages;
      expect(shown.find((message: { id: string }) => message.id === answer.id).action).toEqual({
        id,
        state: 'succeeded',
      });
      const { ticket } = answer;
      await eventually(
        async () => (await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json().items,
        (comments: { body: string }[]) =>
          comments.some((comment) => comment.body.includes('lock on PC-ALEX — succeeded')),
      );
      await agent.close();
    } finally {
      await portalSettings({ aiAssistant: { createTicketPerChat: false } });
    }
  });
});

describe('tickets from the chat', () => {
  it('“talk to a person” opens one ticket holding the transcript, and technicians are told', async () => {
    const { contact, client: portal } = await contactClient(t);
    const session = await newSession(portal);
    await say(portal, session, 'My printer on the second floor prints blank pages');
    const escalated = await portal.post(`/portal/api/assistant/sessions/${session}/escalate`);
    expect(escalated.statusCode, escalated.body).toBe(201);
    const { ticket } = escalated.json();
    const again = (await portal.post(`/portal/api/assistant/sessions/${session}/escalate`)).json();
    expect(again.ticket).toEqual(ticket);

    const opened = (await admin.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(opened).toMatchObject({
      source: 'assistant',
      title: 'My printer on the second floor prints blank pages',
    });
    expect(opened.description).toContain('> My printer on the second floor prints blank pages');
    expect(opened.description).toContain('**Assistant:**');
    // The technicians' mail about a new ticket, as for any ticket a contact opens.
    await eventually(
      () => t.database.db.select().from(mailOutbox).where(eq(mailOutbox.ticketId, ticket.id)),
      (mailed) => mailed.length > 0,
    );
    const read = (await portal.get(`/portal/api/assistant/sessions/${session}`)).json().session;
    expect(read.ticket).toEqual(ticket);
    expect(read.messages.at(-1)).toMatchObject({ role: 'assistant', ticket });
    expect(contact.id).toBe(opened.contact.id);
  });

  it('with a ticket per chat, the first message opens it and every answer is added to it', async () => {
    await portalSettings({ aiAssistant: { createTicketPerChat: true } });
    try {
      const { client: portal } = await contactClient(t);
      const session = await newSession(portal);
      const first = (await say(portal, session, 'Outlook keeps asking for my password')).json();
      const { ticket } = first.messages[1];
      expect(ticket).toEqual(expect.objectContaining({ number: expect.any(Number) }));
      await say(portal, session, 'It started this morning after the update');
      const comments = (await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json().items;
      expect(comments).toHaveLength(2);
      expect(
        comments.every((comment: { author: { type: string } }) => comment.author.type === 'assistant'),
      ).toBe(true);
      expect(comments[1].body).toContain('> It started this morning after the update');
      const [session1] = await t.database.db
        .select()
        .from(assistantSessions)
        .where(eq(assistantSessions.id, session));
      expect(session1?.ticketId).toBe(ticket.id);
    } finally {
      await portalSettings({ aiAssistant: { createTicketPerChat: false } });
    }
  });

  it('with manual tickets off, the portal refuses a new ticket and the chat still opens one', async () => {
    await portalSettings({ aiAssistant: { disableManualTickets: true } });
    try {
      const { client: portal } = await contactClient(t);
      const manual = await portal.post('/portal/api/tickets', { title: 'Help', description: 'please' });
      expect(manual.statusCode).toBe(403);
      const session = await newSession(portal);
      await say(portal, session, 'The shared drive is not there any more');
      expect((await portal.post(`/portal/api/assistant/sessions/${session}/escalate`)).statusCode).toBe(201);
    } finally {
      await portalSettings({ aiAssistant: { disableManualTickets: false } });
    }
  });
});

describe('with an OpenAI-compatible model', () => {
  it('streams the model’s words to the contact, runs its tool calls as the contact, and stores them', async () => {
    const word = unique('quokka').replace(/[^a-z]/gi, '');
    const wire = await startOpenAiWire([
      toolCallsAnswer({ id: 'call_1', name: 'search_kb', arguments: [`{"query":"${word}`, ' badge"}'] }),
      textAnswer('Here is ', 'the article ', 'about badges.'),
    ]);
    const app = await createTestApp({
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: wire.baseUrl,
      OPENAI_MODEL: 'local-model',
      OPENAI_API_KEY: 'sk-local-test',
    });
    try {
      const appAdmin = (await technicianClient(app, 'admin')).client;
      await appAdmin.patch('/api/v1/settings/portal', { features: { aiAssistant: { enabled: true } } });
      const found = (
        await appAdmin.post('/api/v1/kb/articles', {
          title: `Badge reader ${word}`,
          body: 'Hold the badge flat against the reader.',
          language: 'en',
          shared: true,
          status: 'published',
        })
      ).json();
      const portal = (await contactClient(app)).client;
      const session = (await portal.post('/portal/api/assistant/sessions')).json().session.id;
      const streamed = await portal.post(
        `/portal/api/assistant/sessions/${session}/messages`,
        { text: `Where is the article on ${word}?` },
        { accept: 'text/event-stream' },
      );
      const deltas = streamed.body.split('\n\n').filter((block) => block.startsWith('event: delta'));
      expect(deltas.length).toBeGreaterThan(1);
      expect(streamed.body).toContain('event: done');
      const stored = (await portal.get(`/portal/api/assistant/sessions/${session}`)).json().session.messages;
      expect(stored[1]).toMatchObject({
        text: 'Here is the article about badges.',
        articles: [{ id: found.id }],
      });
      expect(wire.requests[0]?.headers.authorization).toBe('Bearer sk-local-test');
      expect(wire.requests[0]?.body.model).toBe('local-model');
      // The article came back to the model as the tool's result, for this contact's eyes.
      expect(wire.requests[1]?.body.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    } finally {
      await app.close();
      await wire.close();
    }
  });
});
