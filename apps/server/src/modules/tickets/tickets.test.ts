import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import {
  buildContact,
  buildCustomer,
  buildTechnician,
  type Client,
  client,
  signInContact,
  technicianClient,
} from '../../test/factories';
import {
  HTML_PAGE,
  LINUX_PROGRAM,
  multipartBody,
  PDF,
  PNG,
  SHELL_SCRIPT,
  SVG_IMAGE,
  UTF16_TEXT,
  WINDOWS_PROGRAM,
} from '../../test/files';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Client;
let me: { id: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  const signedIn = await technicianClient(t, 'admin');
  admin = signedIn.client;
  me = signedIn.technician;
});
afterAll(async () => t.close());

async function newTicket(overrides: Record<string, unknown> = {}) {
  const customer = await buildCustomer(t);
  const { contact } = await buildContact(t, { customerId: customer.id });
  const response = await admin.post('/api/v1/tickets', {
    title: 'Printer offline',
    description: 'The **printer** on floor 2 is offline.',
    customerId: customer.id,
    contactId: contact.id,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { customer, contact, ticket: response.json() };
}

/** A multipart body as a browser would send it. */
async function multipart(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

describe('tickets', () => {
  it('opens a ticket with sequential numbers, sensible defaults, and the people named', async () => {
    const { customer, contact, ticket } = await newTicket();
    const second = (await newTicket()).ticket;
    expect(second.number).toBe(ticket.number + 1);
    expect(ticket).toMatchObject({
      title: 'Printer offline',
      status: 'Open',
      priority: 'Medium',
      type: 'Problem',
      impact: 'None',
      source: 'console',
      billed: false,
      customer: { id: customer.id, name: customer.name },
      contact: { id: contact.id, email: contact.email },
      technician: null,
    });
    expect(ticket.descriptionHtml).toContain('<strong>printer</strong>');
  });

  it('records the source as api when a script opens the ticket with an API token', async () => {
    const { token } = (await admin.post('/api/v1/api-tokens', { name: 'RMM' })).json();
    const customer = await buildCustomer(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${token}` },
      payload: { title: 'Disk almost full', customerId: customer.id },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().source).toBe('api');
  });

  it('updates status, priority, assignment, due date and billing, with every change in the audit log', async () => {
    const { ticket } = await newTicket();
    const { technician } = await buildTechnician(t);
    const due = '2030-01-15T09:00:00.000Z';
    const updated = await admin.patch(`/api/v1/tickets/${ticket.id}`, {
      status: 'Resolved',
      priority: 'High',
      technicianId: technician.id,
      dueDate: due,
      billed: true,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      status: 'Resolved',
      priority: 'High',
      technician: { id: technician.id, name: technician.name },
      dueDate: due,
      billed: true,
    });
    expect(updated.json().billedAt).not.toBeNull();
    const unbilled = (
      await admin.patch(`/api/v1/tickets/${ticket.id}`, { billed: false, technicianId: null })
    ).json();
    expect(unbilled).toMatchObject({ billed: false, billedAt: null, technician: null });

    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, ticket.id), eq(auditLog.action, 'ticket.updated')));
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.actorId === me.id)).toBe(true);
    const changes = rows.map((row) => Object.keys((row.details as { changes: object }).changes).sort());
    expect(changes).toContainEqual(['billed', 'billedAt', 'dueDate', 'priority', 'status', 'technicianId']);
  });

  it('filters, searches, sorts and pages the queue', async () => {
    const customer = await buildCustomer(t);
    const { technician } = await buildTechnician(t);
    const make = (body: Record<string, unknown>) =>
      admin.post('/api/v1/tickets', { customerId: customer.id, title: 'Queue item', ...body });
    await make({ title: 'VPN drops every hour', priority: 'Critical' });
    await make({
      title: 'New laptop for Anna',
      type: 'Request',
      technicianId: technician.id,
      status: 'Pending',
    });
    const resolved = (await make({ title: 'Outlook crash', priority: 'Low' })).json();
    await admin.patch(`/api/v1/tickets/${resolved.id}`, { status: 'Resolved', billed: true });

    const list = (query: string) => admin.get(`/api/v1/tickets?customerId=${customer.id}&${query}`);
    expect((await list('')).json().total).toBe(3);
    expect((await list('status=Open,Pending')).json().total).toBe(2);
    expect((await list('technicianId=none')).json().total).toBe(2);
    expect((await list(`technicianId=${technician.id}`)).json().items[0].title).toBe('New laptop for Anna');
    expect((await list('billed=true')).json().items.map((i: { id: string }) => i.id)).toEqual([resolved.id]);
    expect((await list('q=vpn')).json().items.map((i: { title: string }) => i.title)).toEqual([
      'VPN drops every hour',
    ]);
    expect((await list(`q=%23${resolved.number}`)).json().items[0].id).toBe(resolved.id);
    const byPriority = (await list('sort=priority&order=desc'))
      .json()
      .items.map((i: { priority: string }) => i.priority);
    expect(byPriority).toEqual(['Critical', 'Medium', 'Low']);
    const page2 = (await list('pageSize=2&page=2&sort=number&order=asc')).json();
    expect(page2).toMatchObject({ total: 3, items: [{ id: resolved.id }] });
  });

  it('validates custom field values by type, requires required fields, merges updates and clears with null', async () => {
    const created = await admin.post('/api/v1/custom-fields', {
      key: 'asset_tag',
      label: { en: 'Asset tag', fr: 'Numéro d’inventaire' },
      type: 'text',
      required: true,
    });
    expect(created.statusCode).toBe(201);
    await admin.post('/api/v1/custom-fields', { key: 'hours', label: { en: 'Hours' }, type: 'number' });
    const customer = await buildCustomer(t);

    const missing = await admin.post('/api/v1/tickets', { title: 'x', customerId: customer.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('customFields.asset_tag');

    const wrongType = await admin.post('/api/v1/tickets', {
      title: 'x',
      customerId: customer.id,
      customFields: { asset_tag: 'A-1', hours: '3' },
    });
    expect(wrongType.statusCode).toBe(400);

    const { ticket } = await newTicket({
      customerId: customer.id,
      contactId: null,
      customFields: { asset_tag: 'A-1' },
    });
    const merged = await admin.patch(`/api/v1/tickets/${ticket.id}`, { customFields: { hours: 2.5 } });
    expect(merged.json().customFields).toEqual({ asset_tag: 'A-1', hours: 2.5 });
    const cleared = await admin.patch(`/api/v1/tickets/${ticket.id}`, { customFields: { hours: null } });
    expect(cleared.json().customFields).toEqual({ asset_tag: 'A-1' });
    const required = await admin.patch(`/api/v1/tickets/${ticket.id}`, { customFields: { asset_tag: null } });
    expect(required.statusCode).toBe(400);
    await admin.delete(`/api/v1/custom-fields/${created.json().id}`);
  });

  it('answers bad input with 400s naming the field, and unknown tickets with 404', async () => {
    const customer = await buildCustomer(t);
    const otherContact = (await buildContact(t)).contact;
    const base = { title: 'Valid', customerId: customer.id };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, customerId: crypto.randomUUID() }, 'body.customerId'],
      [{ ...base, contactId: otherContact.id }, 'body.contactId'],
      [{ ...base, technicianId: crypto.randomUUID() }, 'body.technicianId'],
      [{ ...base, status: 'Imaginary' }, 'body.status'],
      [{ ...base, priority: 'Urgent!!' }, 'body.priority'],
      [{ ...base, title: 'x'.repeat(201) }, 'body.title'],
      [{ ...base, title: '   ' }, 'body.title'],
      [{ ...base, description: 'x'.repeat(50_001) }, 'body.description'],
      [{ ...base, dueDate: 'next tuesday' }, 'body.dueDate'],
      [{ ...base, billed: true }, 'body'],
      [{ ...base, customerId: 17 }, 'body.customerId'],
    ];
    for (const [body, path] of cases) {
      const response = await admin.post('/api/v1/tickets', body);
      expect({ path, status: response.statusCode }).toEqual({ path, status: 400 });
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await admin.get(`/api/v1/tickets/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/tickets/${crypto.randomUUID()}`, { status: 'Open' })).statusCode).toBe(
      404,
    );
    expect((await admin.get('/api/v1/tickets?priority=Whenever')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/tickets?pageSize=1000')).statusCode).toBe(400);
  });
});

describe('history', () => {
  it('links a billed ticket and the follow-up its contact opens both ways, and lists who changed what', async () => {
    const customer = await buildCustomer(t);
    const { contact, password } = await buildContact(t, { customerId: customer.id, firstName: 'Inès' });
    const portal = await signInContact(t, { username: contact.username, password });
    const opened = await portal.post('/portal/api/tickets', { title: 'Scanner jams', description: 'Daily.' });
    expect(opened.statusCode).toBe(201);
    const original = opened.json() as { id: string; number: number };
    await admin.patch(`/api/v1/tickets/${original.id}`, { technicianId: me.id });
    expect((await portal.post(`/portal/api/tickets/${original.id}/resolve`)).statusCode).toBe(200);
    await admin.patch(`/api/v1/tickets/${original.id}`, { status: 'Closed', billed: true });
    const reply = await portal.post(`/portal/api/tickets/${original.id}/comments`, { body: 'Jammed again.' });
    expect(reply.statusCode).toBe(201);
    const followUp = reply.json().ticket as { id: string; number: number };

    const history = await admin.get(`/api/v1/tickets/${original.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().followUpOf).toBeNull();
    expect(history.json().followUps).toEqual([
      { id: followUp.id, number: followUp.number, title: 'Scanner jams', status: 'Open' },
    ]);
    const contactAuthor = { type: 'contact', id: contact.id, name: `Inès ${contact.lastName}` };
    const technicianAuthor = { type: 'technician', id: me.id, name: me.name };
    expect(
      history
        .json()
        .events.map((event: { author: unknown; change: unknown }) => [event.author, event.change]),
    ).toEqual([
      [technicianAuthor, { field: 'technician', technician: { id: me.id, name: me.name } }],
      [contactAuthor, { field: 'status', status: 'Resolved' }],
      [technicianAuthor, { field: 'status', status: 'Closed' }],
      [technicianAuthor, { field: 'billed', billed: true }],
    ]);

    const ofFollowUp = (await admin.get(`/api/v1/tickets/${followUp.id}/history`)).json();
    expect(ofFollowUp).toEqual({
      followUpOf: { id: original.id, number: original.number, title: 'Scanner jams', status: 'Closed' },
      followUps: [],
      events: [],
    });
  });

  it('answers 404 for an unknown ticket and 401 without a sign-in', async () => {
    const { ticket } = await newTicket();
    expect((await admin.get(`/api/v1/tickets/${crypto.randomUUID()}/history`)).statusCode).toBe(404);
    expect((await client(t).get(`/api/v1/tickets/${ticket.id}/history`)).statusCode).toBe(401);
  });
});

describe('the thread', () => {
  it('keeps public replies and internal notes, renders Markdown without scripts, and bumps the ticket', async () => {
    const { ticket } = await newTicket();
    const reply = await admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: 'Try **restarting** it <script>alert(1)</script>',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({
      internal: false,
      author: { type: 'technician', id: me.id, name: me.name },
    });
    expect(reply.json().bodyHtml).toContain('<strong>restarting</strong>');
    expect(reply.json().bodyHtml).not.toContain('<script');
    const note = await admin.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: 'Customer is on the old plan',
      internal: true,
    });
    expect(note.json().internal).toBe(true);

    const thread = (await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json();
    expect(thread.items.map((c: { internal: boolean }) => c.internal)).toEqual([false, true]);
    const after = (await admin.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(after.updatedAt > ticket.updatedAt).toBe(true);
    expect((await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '' })).statusCode).toBe(400);
    expect(
      (await admin.post(`/api/v1/tickets/${crypto.randomUUID()}/comments`, { body: 'x' })).statusCode,
    ).toBe(404);
  });

  it('takes attachments and serves them back only as downloads, never inline', async () => {
    const { ticket } = await newTicket();
    const form = new FormData();
    form.set('body', 'Screenshot and log attached');
    form.set('internal', 'false');
    form.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'écran 1.png');
    form.append('files', new Blob(['line 1\nline 2\n'], { type: 'text/plain' }), '../../etc/passwd.log');
    const { payload, headers } = await multipart(form);
    const response = await admin.request('POST', `/api/v1/tickets/${ticket.id}/comments`, payload, headers);
    expect(response.statusCode, response.body).toBe(201);
    const [png, log] = response.json().attachments;
    expect(png).toMatchObject({ filename: 'écran 1.png', contentType: 'image/png', size: PNG.length });
    expect(log.filename).toBe('passwd.log');

    const download = await admin.get(png.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(PNG);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%C3%A9cran%201.png");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect((await client(t).get(png.url)).statusCode).toBe(401);
    expect((await admin.get(`/api/v1/attachments/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('refuses a file type that browsers would run (415), and keeps nothing of the refused reply', async () => {
    const { ticket } = await newTicket();
    const form = new FormData();
    form.set('body', 'see attached');
    form.append('files', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), 'page.html');
    const { payload, headers } = await multipart(form);
    const response = await admin.request('POST', `/api/v1/tickets/${ticket.id}/comments`, payload, headers);
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('file_type_not_allowed');
    expect((await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json().total).toBe(0);
  });

  describe('attachments are what their bytes say', () => {
    async function attach(
      ticketId: string,
      files: { bytes: Buffer; type: string; name: string }[],
      on: Client = admin,
    ) {
      const { payload, headers } = await multipartBody(files, { body: 'see attached' });
      return on.request('POST', `/api/v1/tickets/${ticketId}/comments`, payload, headers);
    }

    it('keeps a PNG sent as application/octet-stream, and serves it as image/png', async () => {
      const { ticket } = await newTicket();
      const response = await attach(ticket.id, [
        { bytes: PNG, type: 'application/octet-stream', name: 'shot' },
      ]);
      expect(response.statusCode, response.body).toBe(201);
      const [file] = response.json().attachments;
      expect(file.contentType).toBe('image/png');
      const download = await admin.get(file.url);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.rawPayload).toEqual(PNG);
    });

    it('refuses programs named .png and sent as image/png with 415, and keeps nothing of the reply', async () => {
      const { ticket } = await newTicket();
      for (const [bytes, type] of [
        [WINDOWS_PROGRAM, 'application/x-msdownload'],
        [LINUX_PROGRAM, 'application/x-elf'],
        [SHELL_SCRIPT, 'text/x-shellscript'],
      ] as const) {
        const response = await attach(ticket.id, [
          { bytes: PNG, type: 'image/png', name: 'fine.png' },
          { bytes, type: 'image/png', name: 'holiday.png' },
        ]);
        expect(response.statusCode).toBe(415);
        expect(response.json().error).toMatchObject({
          code: 'file_type_not_allowed',
          message: `holiday.png: files of type ${type} cannot be attached.`,
        });
      }
      expect((await admin.get(`/api/v1/tickets/${ticket.id}/comments`)).json().total).toBe(0);
    });

    it('refuses HTML and SVG whatever type and name they are sent with', async () => {
      const { ticket } = await newTicket();
      for (const [bytes, type, name] of [
        [HTML_PAGE, 'text/plain', 'notes.txt'],
        [HTML_PAGE, 'image/png', 'page.png'],
        [SVG_IMAGE, 'image/png', 'logo.png'],
        [SVG_IMAGE, 'image/svg+xml', 'logo.svg'],
      ] as const) {
        const response = await attach(ticket.id, [{ bytes, type, name }]);
        expect(response.statusCode, name).toBe(415);
        expect(response.json().error.message).toBe(`${name}: files of type text/html cannot be attached.`);
      }
    });

    it('keeps text without a signature as text, and refuses scripts by their name', async () => {
      const { ticket } = await newTicket();
      const response = await attach(ticket.id, [
        {
          bytes: Buffer.from('12:00 printer offline\n'),
          type: 'application/octet-stream',
          name: 'spool.log',
        },
        { bytes: UTF16_TEXT, type: 'text/plain', name: 'ip.txt' },
        { bytes: Buffer.from('a;b\n1;2\n'), type: 'text/csv', name: 'export.csv' },
        { bytes: PDF, type: 'text/plain', name: 'invoice.pdf' },
      ]);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().attachments.map((file: { contentType: string }) => file.contentType)).toEqual([
        'text/plain',
        'text/plain',
        'text/csv',
        'application/pdf',
      ]);

      const script = await attach(ticket.id, [
        { bytes: Buffer.from('Set-ExecutionPolicy Bypass\n'), type: 'text/plain', name: 'fix.ps1' },
      ]);
      expect(script.statusCode).toBe(415);
      expect(script.json().error.message).toBe('fix.ps1: files named *.ps1 cannot be attached.');
    });

    it('takes bidi controls out of file names, so none hides its real extension', async () => {
      const { ticket } = await newTicket();
      const disguised = await attach(ticket.id, [
        { bytes: PDF, type: 'application/pdf', name: 'invoice\u202Efdp.exe' },
      ]);
      expect(disguised.statusCode).toBe(415);
      expect(disguised.json().error.message).toBe('invoicefdp.exe: files named *.exe cannot be attached.');

      const response = await attach(ticket.id, [
        { bytes: PNG, type: 'image/png', name: '\u2067scan\u2069 \u202Bmai\u202C.png' },
      ]);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().attachments[0].filename).toBe('scan mai.png');
    });

    it('matches a wildcard of ATTACHMENT_TYPES to real subtypes only, never to SVG', async () => {
      const images = await createTestApp({ ATTACHMENT_TYPES: 'image/*' });
      try {
        const { client: tech } = await technicianClient(images);
        const customer = await buildCustomer(images);
        const opened = (
          await tech.post('/api/v1/tickets', { title: 'Logo', customerId: customer.id })
        ).json();
        const png = await attach(opened.id, [{ bytes: PNG, type: 'image/png', name: 'logo.png' }], tech);
        expect(png.statusCode, png.body).toBe(201);
        const svg = await attach(
          opened.id,
          [{ bytes: SVG_IMAGE, type: 'image/svg+xml', name: 'logo.svg' }],
          tech,
        );
        expect(svg.statusCode).toBe(415);
        const pdf = await attach(opened.id, [{ bytes: PDF, type: 'image/png', name: 'logo.png' }], tech);
        expect(pdf.json().error.message).toBe('logo.png: files of type application/pdf cannot be attached.');
      } finally {
        await images.close();
      }
    });
  });

  it('refuses a file over the size limit with 413', async () => {
    const small = await createTestApp({ ATTACHMENT_MAX_BYTES: '2048' });
    try {
      const { client: tech } = await technicianClient(small);
      const customer = await buildCustomer(small);
      const ticket = (
        await tech.post('/api/v1/tickets', { title: 'Big file', customerId: customer.id })
      ).json();
      const form = new FormData();
      form.set('body', 'huge');
      form.append('files', new Blob([new Uint8Array(4096)], { type: 'application/pdf' }), 'big.pdf');
      const { payload, headers } = await multipart(form);
      const response = await tech.request('POST', `/api/v1/tickets/${ticket.id}/comments`, payload, headers);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
      expect((await tech.get(`/api/v1/tickets/${ticket.id}/comments`)).json().total).toBe(0);
    } finally {
      await small.close();
    }
  });
});
