import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/agents';
import {
  buildContact,
  buildCustomer,
  type Client,
  contactClient,
  technicianClient,
} from '../../test/factories';
import { multipartBody, PNG, SVG_IMAGE, WINDOWS_PROGRAM } from '../../test/files';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Two customers played through every portal rule of SPEC §3 from the outside: Dupont's primary
 * contact (Paula), an ordinary colleague (Oscar), and Acme's contact (Xavier).
 */
let t: TestApp;
let admin: Client;
let dupont: { id: string };
let acme: { id: string };
let paula: { contact: { id: string }; client: Client };
let oscar: { contact: { id: string }; client: Client };
let xavier: { contact: { id: string }; client: Client };

beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
  dupont = await buildCustomer(t, { name: 'Dupont' });
  acme = await buildCustomer(t, { name: 'Acme' });
  paula = await contactClient(t, { customerId: dupont.id, isPrimary: true, firstName: 'Paula' });
  oscar = await contactClient(t, { customerId: dupont.id, firstName: 'Oscar' });
  xavier = await contactClient(t, { customerId: acme.id, firstName: 'Xavier' });
});
afterAll(async () => t.close());

const DEFAULT_SETTINGS = {
  features: {
    ticketing: { enabled: true, customers: 'all' },
    knowledgeBase: { enabled: true, customers: 'all' },
  },
  visibleStatuses: ['Open', 'Pending', 'Resolved', 'Closed'],
  ticketsCannotBeReopened: false,
  fieldVisibility: {
    priority: 'edit',
    type: 'edit',
    impact: 'read-only',
    status: 'read-only',
    technician: 'read-only',
    dueDate: 'hidden',
  },
};
beforeEach(async () => {
  expect((await admin.patch('/api/v1/settings/portal', DEFAULT_SETTINGS)).statusCode).toBe(200);
});

async function openTicket(who: { client: Client }, body: Record<string, unknown> = {}) {
  const response = await who.client.post('/portal/api/tickets', {
    title: 'Screen flickers',
    description: 'Since Monday',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const ids = (response: { json(): { items: { id: string }[] } }) =>
  response.json().items.map((item) => item.id);

describe('who sees which tickets', () => {
  it('shows a contact their own tickets, a primary contact the whole company, and nobody another company', async () => {
    const mine = await openTicket(oscar);
    const hers = await openTicket(paula);
    const theirs = await openTicket(xavier);

    expect(ids(await oscar.client.get('/portal/api/tickets'))).toContain(mine.id);
    expect(ids(await oscar.client.get('/portal/api/tickets'))).not.toContain(hers.id);
    // An ordinary contact asking for the company still gets only their own.
    expect(ids(await oscar.client.get('/portal/api/tickets?scope=company'))).not.toContain(hers.id);
    expect(ids(await paula.client.get('/portal/api/tickets?scope=mine'))).not.toContain(mine.id);
    const company = ids(await paula.client.get('/portal/api/tickets?scope=company'));
    expect(company).toEqual(expect.arrayContaining([mine.id, hers.id]));
    expect(company).not.toContain(theirs.id);

    expect((await paula.client.get(`/portal/api/tickets/${mine.id}`)).statusCode).toBe(200);
    for (const [who, ticket] of [
      [oscar, hers],
      [xavier, mine],
      [paula, theirs],
    ] as const) {
      for (const path of ['', '/comments']) {
        const response = await who.client.get(`/portal/api/tickets/${ticket.id}${path}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
      expect(
        (await who.client.post(`/portal/api/tickets/${ticket.id}/comments`, { body: 'hi' })).statusCode,
      ).toBe(404);
      expect(
        (await who.client.patch(`/portal/api/tickets/${ticket.id}`, { priority: 'High' })).statusCode,
      ).toBe(404);
      expect((await who.client.post(`/portal/api/tickets/${ticket.id}/reopen`)).statusCode).toBe(404);
      expect((await who.client.post(`/portal/api/tickets/${ticket.id}/resolve`)).statusCode).toBe(404);
    }
    expect((await oscar.client.get(`/portal/api/tickets/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('filters statuses contacts may not see out of lists, counts and direct reads', async () => {
    const ticket = await openTicket(oscar);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Pending' });
    const before = (await oscar.client.get('/portal/api/tickets')).json();
    await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Resolved', 'Closed'] });
    const after = (await oscar.client.get('/portal/api/tickets')).json();
    expect(after.total).toBe(before.total - 1);
    expect(ids({ json: () => after })).not.toContain(ticket.id);
    expect((await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await oscar.client.get('/portal/api/tickets?status=Pending')).json().total).toBe(0);
  });
});

describe('opening tickets', () => {
  it('opens tickets sent at the same moment each as its sender wrote it, numbered, audited and announced', async () => {
    const sent = Array.from({ length: 24 }, (_, i) => ({
      who: i % 2 === 0 ? paula : oscar,
      // Two shapes in one moment: with and without a priority of their own.
      body: { title: `Same moment ${i}`, ...(i % 3 === 0 ? { priority: 'High' } : {}) },
    }));
    const opened = await Promise.all(sent.map(({ who, body }) => openTicket(who, body)));
    opened.forEach((ticket, i) => {
      expect(ticket).toMatchObject({
        title: `Same moment ${i}`,
        priority: i % 3 === 0 ? 'High' : 'Medium',
        contact: { id: sent[i]?.who.contact.id },
      });
    });
    expect(new Set(opened.map((ticket) => ticket.number)).size).toBe(opened.length);
    for (const [i, ticket] of opened.entries()) {
      const audit = await admin.get(`/api/v1/audit?targetId=${ticket.id}&action=ticket.created`);
      expect(audit.json().items).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ type: 'contact', id: sent[i]?.who.contact.id }),
          details: { number: ticket.number, customerId: dupont.id, source: 'portal' },
        }),
      ]);
    }
    const subjects = await eventually(
      async () =>
        (await admin.get('/api/v1/outbox/mail?pageSize=100'))
          .json()
          .items.map((mail: { subject: string }) => mail.subject),
      (listed: string[]) =>
        opened.every((ticket) => listed.some((subject) => subject.includes(`[#${ticket.number}]`))),
      15_000,
    );
    expect(subjects.length).toBeGreaterThanOrEqual(opened.length);
  });
});

describe('the list', () => {
  it('finds tickets by status, by words or by #number, a page at a time, within what the contact may see', async () => {
    const nina = await contactClient(t, { customerId: dupont.id, firstName: 'Nina' });
    const printer = await openTicket(nina, { title: 'Printer jams on tray two' });
    const vpn = await openTicket(nina, { title: 'VPN drops at noon' });
    await admin.patch(`/api/v1/tickets/${vpn.id}`, { status: 'Pending' });
    const outsider = await openTicket(xavier, { title: 'Printer jams at Acme too' });
    const list = async (who: { client: Client }, query: string) =>
      (await who.client.get(`/portal/api/tickets?${query}`)).json();
    const idsOf = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

    expect(idsOf(await list(nina, 'status=Pending'))).toEqual([vpn.id]);
    expect(idsOf(await list(nina, 'status=Open,Pending')).sort()).toEqual([printer.id, vpn.id].sort());
    expect(idsOf(await list(nina, 'q=printer'))).toEqual([printer.id]);
    expect(idsOf(await list(nina, `q=%23${printer.number}`))).toEqual([printer.id]);
    expect(idsOf(await list(nina, `q=${outsider.number}`))).toEqual([]);

    const second = await list(nina, 'pageSize=1&page=2');
    expect(second.items).toHaveLength(1);
    expect(second.total).toBe(2);
    expect(await list(nina, 'pageSize=1&page=3')).toEqual({ items: [], total: 2 });

    const company = idsOf(await list(paula, 'scope=company&q=printer'));
    expect(company).toContain(printer.id);
    expect(company).not.toContain(outsider.id);
  });
});

describe('the status filter', () => {
  it('answers a status contacts may not see with an empty page, as for a status no ticket has', async () => {
    const nina = await contactClient(t, { customerId: dupont.id, firstName: 'Nina' });
    const ticket = await openTicket(nina);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Pending' });
    await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Resolved', 'Closed'] });
    for (const status of ['Pending', 'Nonexistent', 'Pending,Nonexistent']) {
      const page = await nina.client.get(`/portal/api/tickets?status=${status}`);
      expect({ status, code: page.statusCode, body: page.json() }).toEqual({
        status,
        code: 200,
        body: { items: [], total: 0 },
      });
    }
  });

  it('is ignored while the status field is hidden, so it cannot tell tickets apart by status', async () => {
    const nina = await contactClient(t, { customerId: dupont.id, firstName: 'Nina' });
    const open = await openTicket(nina);
    const pending = await openTicket(nina);
    await admin.patch(`/api/v1/tickets/${pending.id}`, { status: 'Pending' });
    await admin.patch('/api/v1/settings/portal', { fieldVisibility: { status: 'hidden' } });
    for (const status of ['Open', 'Pending', 'Closed']) {
      const page = await nina.client.get(`/portal/api/tickets?status=${status}`);
      expect(page.statusCode).toBe(200);
      expect(ids(page).sort()).toEqual([open.id, pending.id].sort());
      expect(JSON.stringify(page.json())).not.toContain('Pending');
    }
  });
});

describe('feature access', () => {
  it('refuses the ticket API with 403 to a customer without ticketing, at once', async () => {
    await admin.patch('/api/v1/settings/portal', { features: { ticketing: { customers: [acme.id] } } });
    const refused = await oscar.client.get('/portal/api/tickets');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(
      (await oscar.client.post('/portal/api/tickets', { title: 'x', description: 'y' })).statusCode,
    ).toBe(403);
    expect((await oscar.client.get('/portal/api/me')).json().features.ticketing).toBe(false);
    expect((await xavier.client.get('/portal/api/tickets')).statusCode).toBe(200);
  });

  it('refuses manual tickets when the assistant comes first', async () => {
    await admin.patch('/api/v1/settings/portal', {
      features: { aiAssistant: { enabled: true, customers: 'all', disableManualTickets: true } },
    });
    try {
      const response = await oscar.client.post('/portal/api/tickets', { title: 'x', description: 'y' });
      expect(response.statusCode).toBe(403);
      expect((await oscar.client.get('/portal/api/tickets')).statusCode).toBe(200);
    } finally {
      await admin.patch('/api/v1/settings/portal', {
        features: { aiAssistant: { enabled: false, disableManualTickets: false } },
      });
    }
  });
});

describe('fields', () => {
  it('leaves hidden fields out of every response and accepts only editable ones', async () => {
    const ticket = await openTicket(oscar, { priority: 'High', type: 'Request' });
    expect(ticket).toMatchObject({
      priority: 'High',
      type: 'Request',
      status: 'Open',
      impact: 'None',
      technician: null,
    });
    expect(ticket).not.toHaveProperty('dueDate');

    const readOnly = await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { impact: 'Major' });
    expect(readOnly.statusCode).toBe(422);
    expect(readOnly.json().error.details[0].path).toBe('body.impact');
    const hidden = await oscar.client.post('/portal/api/tickets', {
      title: 'x',
      description: 'y',
      dueDate: '2030-01-01T00:00:00Z',
    });
    expect(hidden.statusCode).toBe(422);
    expect(
      (await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { technicianId: crypto.randomUUID() }))
        .statusCode,
    ).toBe(400);

    await admin.patch('/api/v1/settings/portal', {
      fieldVisibility: { priority: 'hidden', status: 'hidden', technician: 'hidden' },
    });
    const now = (await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).json();
    for (const field of ['priority', 'status', 'technician', 'dueDate'])
      expect(now).not.toHaveProperty(field);
    const listed = (await oscar.client.get('/portal/api/tickets')).json().items[0];
    expect(listed).not.toHaveProperty('priority');
    expect(
      (await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { priority: 'Low' })).statusCode,
    ).toBe(422);
  });

  it('records a contact’s edit in the audit log with what changed, as a technician’s would be', async () => {
    const ticket = await openTicket(oscar, { priority: 'Low' });
    const edited = await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, {
      priority: 'Critical',
      type: 'Question',
    });
    expect(edited.statusCode).toBe(200);
    // Nothing new: nothing to record.
    await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { priority: 'Critical' });
    const audit = await admin.get(`/api/v1/audit?targetId=${ticket.id}&action=ticket.updated`);
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'contact', id: oscar.contact.id }),
        details: {
          number: ticket.number,
          changes: {
            priority: { from: 'Low', to: 'Critical' },
            type: { from: 'Problem', to: 'Question' },
          },
        },
      }),
    ]);
  });

  it('shows and accepts custom fields set to edit, and never the hidden ones', async () => {
    const visible = (
      await admin.post('/api/v1/custom-fields', { key: 'room', label: { en: 'Room' }, type: 'text' })
    ).json();
    const secret = (
      await admin.post('/api/v1/custom-fields', {
        key: 'margin',
        label: { en: 'Margin' },
        type: 'number',
        portalVisibility: 'hidden',
      })
    ).json();
    try {
      const ticket = await openTicket(oscar, { customFields: { room: 'B-204' } });
      await admin.patch(`/api/v1/tickets/${ticket.id}`, { customFields: { margin: 42 } });
      const read = (await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).json();
      expect(read.customFields).toEqual({ room: 'B-204' });
      const write = await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, {
        customFields: { margin: 1 },
      });
      expect(write.statusCode).toBe(400);
      const wrongType = await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, {
        customFields: { room: 12 },
      });
      expect(wrongType.statusCode).toBe(400);
      const ok = await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, {
        customFields: { room: 'C-1' },
      });
      expect(ok.json().customFields).toEqual({ room: 'C-1' });
    } finally {
      await admin.delete(`/api/v1/custom-fields/${visible.id}`);
      await admin.delete(`/api/v1/custom-fields/${secret.id}`);
    }
  });
});

describe('the thread', () => {
  it('never shows internal notes or their files, and lets the contact reply', async () => {
    const ticket = await openTicket(oscar);
    await admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: 'Customer owes us money',
      internal: true,
    });
    await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'We are on it' });
    const reply = await oscar.client.post(`/portal/api/tickets/${ticket.id}/comments`, { body: 'Thanks!' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().ticket.id).toBe(ticket.id);
    const thread = (await oscar.client.get(`/portal/api/tickets/${ticket.id}/comments`)).json();
    expect(thread.items.map((c: { body: string }) => c.body)).toEqual(['We are on it', 'Thanks!']);
    expect(JSON.stringify(thread)).not.toContain('owes us');
    expect(JSON.stringify(thread)).not.toContain('internal');
  });

  it('reopens a resolved ticket by reply or button when allowed', async () => {
    const ticket = await openTicket(oscar);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved' });
    expect((await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).json().permissions.reopen).toBe(true);
    const reopened = await oscar.client.post(`/portal/api/tickets/${ticket.id}/reopen`);
    expect(reopened.json().status).toBe('Open');
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Closed' });
    const reply = await oscar.client.post(`/portal/api/tickets/${ticket.id}/comments`, {
      body: 'It is back',
    });
    expect(reply.json().ticket).toMatchObject({ id: ticket.id, status: 'Open' });
  });

  it('when tickets cannot be reopened, refuses the button and turns a reply into a new linked ticket', async () => {
    expect((await oscar.client.get('/portal/api/me')).json().ticketsCanBeReopened).toBe(true);
    await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: true });
    // The portal asks before "Mark as resolved", which is then final.
    expect((await oscar.client.get('/portal/api/me')).json().ticketsCanBeReopened).toBe(false);
    const ticket = await openTicket(oscar);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved' });
    const refused = await oscar.client.post(`/portal/api/tickets/${ticket.id}/reopen`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('reopen_not_allowed');
    expect(
      (await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { status: 'Open' })).statusCode,
    ).toBe(422);

    const reply = await oscar.client.post(`/portal/api/tickets/${ticket.id}/comments`, {
      body: 'Broken again',
    });
    expect(reply.statusCode).toBe(201);
    const followUp = reply.json().ticket;
    expect(followUp.id).not.toBe(ticket.id);
    expect(followUp.followUpOf).toEqual({ id: ticket.id, number: ticket.number });
    expect((await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).json().status).toBe('Resolved');
    const staff = (await admin.get(`/api/v1/tickets/${followUp.id}`)).json();
    expect(staff).toMatchObject({ source: 'portal', contact: { id: oscar.contact.id } });
  });

  it('makes billed tickets read-only for contacts and says why', async () => {
    const ticket = await openTicket(oscar);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Resolved', billed: true });
    const read = (await oscar.client.get(`/portal/api/tickets/${ticket.id}`)).json();
    expect(read).toMatchObject({
      readOnlyReason: 'billed',
      // A reply is the way on: it opens a follow-up ticket.
      permissions: { reply: true, edit: false, reopen: false, resolve: false },
    });
    for (const response of [
      await oscar.client.patch(`/portal/api/tickets/${ticket.id}`, { priority: 'Low' }),
      await oscar.client.post(`/portal/api/tickets/${ticket.id}/reopen`),
      await oscar.client.post(`/portal/api/tickets/${ticket.id}/resolve`),
    ]) {
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('ticket_billed');
    }
  });

  it('opens a follow-up of a billed ticket, linked to it and described in the contact’s language', async () => {
    const french = await contactClient(t, { customerId: dupont.id, language: 'fr' });
    const ticket = await openTicket(french);
    await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Open', billed: true });

    const reply = await french.client.post(`/portal/api/tickets/${ticket.id}/comments`, {
      body: 'L’imprimante refait des siennes.',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const followUp = reply.json().ticket;
    expect(followUp).toMatchObject({
      followUpOf: { id: ticket.id, number: ticket.number },
      title: ticket.title,
      status: 'Open',
      billed: false,
      readOnlyReason: null,
      description: `Suite du ticket n° ${ticket.number}.`,
    });
    expect(reply.json().comment.body).toBe('L’imprimante refait des siennes.');
    const old = (await french.client.get(`/portal/api/tickets/${ticket.id}`)).json();
    expect(old).toMatchObject({ billed: true, status: 'Open' });
    expect((await french.client.get(`/portal/api/tickets/${ticket.id}/comments`)).json().items).toEqual([]);
    const staff = (await admin.get(`/api/v1/tickets/${followUp.id}`)).json();
    expect(staff).toMatchObject({ source: 'portal', contact: { id: french.contact.id }, billed: false });
  });

  it('shows the status, technician and billing changes the contact may see, each by its author', async () => {
    const { technician, client: tech } = await technicianClient(t, 'technician');
    const ticket = await openTicket(oscar);
    await tech.patch(`/api/v1/tickets/${ticket.id}`, { status: 'Pending', technicianId: technician.id });
    expect((await oscar.client.post(`/portal/api/tickets/${ticket.id}/resolve`)).statusCode).toBe(200);
    await tech.patch(`/api/v1/tickets/${ticket.id}`, { billed: true, priority: 'High' });

    const read = async (who: { client: Client }) => who.client.get(`/portal/api/tickets/${ticket.id}/events`);
    const events = (await read(paula)).json().items;
    const by = technician.name;
    expect(events.map((event: { author: unknown; change: unknown }) => [event.author, event.change])).toEqual(
      [
        [
          { type: 'technician', name: by },
          { field: 'status', status: 'Pending' },
        ],
        [
          { type: 'technician', name: by },
          { field: 'technician', technician: { id: technician.id, name: by } },
        ],
        [
          { type: 'contact', name: expect.stringMatching(/^Oscar /) },
          { field: 'status', status: 'Resolved' },
        ],
        [
          { type: 'technician', name: by },
          { field: 'billed', billed: true },
        ],
      ],
    );

    await admin.patch('/api/v1/settings/portal', {
      fieldVisibility: { status: 'hidden', technician: 'hidden' },
    });
    const hidden = (await read(oscar)).json().items;
    expect(hidden.map((event: { change: { field: string } }) => event.change.field)).toEqual(['billed']);
    expect((await read(xavier)).statusCode).toBe(404);
  });

  it('lets the contact mark a ticket resolved', async () => {
    const ticket = await openTicket(oscar);
    const resolved = await oscar.client.post(`/portal/api/tickets/${ticket.id}/resolve`);
    expect(resolved.json()).toMatchObject({
      status: 'Resolved',
      permissions: { resolve: false, reopen: true },
    });
  });
});

describe('bad input', () => {
  it('answers empty, oversized and malformed input with clear 4xx and stores hostile text verbatim but inert', async () => {
    const cases: [unknown, number][] = [
      [{ title: '', description: 'x' }, 400],
      [{ title: 'x'.repeat(201), description: 'x' }, 400],
      [{ title: 'x', description: 'x'.repeat(50_001) }, 400],
      [{ title: 'x', description: 'y', customerId: acme.id }, 400],
      [{ title: 'x', description: 'y', priority: 'Whenever' }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await oscar.client.post('/portal/api/tickets', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status });
      expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    const malformed = await oscar.client.request('POST', '/portal/api/tickets', '{"title":', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);

    const hostile = "<script>alert('x')</script> Robert'); DROP TABLE tickets;--";
    const ticket = await openTicket(oscar, { title: hostile, description: hostile });
    expect(ticket.title).toBe(hostile);
    expect(ticket.descriptionHtml).not.toContain('<script');
    expect((await admin.get('/api/v1/tickets?pageSize=1')).statusCode).toBe(200);
  });

  it('keeps a contact of one customer away from another customer even through its ids', async () => {
    const other = await buildContact(t, { customerId: acme.id });
    const response = await oscar.client.post('/portal/api/tickets', {
      title: 'x',
      description: 'y',
      contactId: other.contact.id,
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('attachments', () => {
  async function multipart(form: FormData) {
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    return {
      payload: Buffer.from(await request.arrayBuffer()),
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    };
  }

  it('types a contact’s files by their bytes: a PNG sent as octet-stream is served as image/png, a program named .png is refused', async () => {
    const upload = async (bytes: Buffer, type: string, name: string) => {
      const { payload, headers } = await multipartBody([{ bytes, type, name }], {
        title: 'Screen',
        description: 'Attached',
      });
      return oscar.client.request('POST', '/portal/api/tickets', payload, headers);
    };
    const program = await upload(WINDOWS_PROGRAM, 'image/png', 'screen.png');
    expect(program.statusCode).toBe(415);
    expect(program.json().error.code).toBe('file_type_not_allowed');
    const svg = await upload(SVG_IMAGE, 'image/svg+xml', 'logo\u202Egnp.svg');
    expect(svg.statusCode).toBe(415);

    const created = await upload(PNG, 'application/octet-stream', 'screen\u202E.png');
    expect(created.statusCode, created.body).toBe(201);
    const thread = (await oscar.client.get(`/portal/api/tickets/${created.json().id}/comments`)).json();
    const [file] = thread.items[0].attachments;
    expect(file).toMatchObject({ filename: 'screen.png', contentType: 'image/png' });
    const download = await oscar.client.get(file.url);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload).toEqual(PNG);
  });

  it('writes no English sentence of its own beside the files of a new ticket', async () => {
    const french = await contactClient(t, { customerId: dupont.id, language: 'fr' });
    const { payload, headers } = await multipartBody([{ bytes: PNG, type: 'image/png', name: 'écran.png' }], {
      title: 'Écran noir',
      description: 'Voir la capture',
    });
    const created = await french.client.request('POST', '/portal/api/tickets', payload, headers);
    expect(created.statusCode, created.body).toBe(201);
    const [comment, ...others] = (
      await french.client.get(`/portal/api/tickets/${created.json().id}/comments`)
    ).json().items;
    expect(others).toEqual([]);
    expect(comment).toMatchObject({ body: '', bodyHtml: '', attachments: [{ filename: 'écran.png' }] });
  });

  it('lets a contact attach files to a new ticket and download public ones, never those of internal notes', async () => {
    const form = new FormData();
    form.set('title', 'Error dialog');
    form.set('description', 'See the screenshot');
    form.set('priority', 'High');
    form.append('files', new Blob(['fake png'], { type: 'image/png' }), 'error.png');
    const { payload, headers } = await multipart(form);
    const created = await oscar.client.request('POST', '/portal/api/tickets', payload, headers);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().priority).toBe('High');
    const thread = (await oscar.client.get(`/portal/api/tickets/${created.json().id}/comments`)).json();
    const [file] = thread.items[0].attachments;
    const download = await oscar.client.get(file.url);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('fake png');
    expect((await xavier.client.get(file.url)).statusCode).toBe(404);

    const note = new FormData();
    note.set('body', 'internal log');
    note.set('internal', 'true');
    note.append('files', new Blob(['secret'], { type: 'text/plain' }), 'secret.txt');
    const sent = await multipart(note);
    const internal = await admin.request(
      'POST',
      `/api/v1/tickets/${created.json().id}/comments`,
      sent.payload,
      sent.headers,
    );
    const internalFile = internal.json().attachments[0];
    expect((await oscar.client.get(`/portal/api/attachments/${internalFile.id}`)).statusCode).toBe(404);
  });
});
