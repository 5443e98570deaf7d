import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, tickets } from '../../db/schema';
import { buildCustomer, client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Keys are global to the install: each test makes its own. */
const newKey = () =>
  unique('f')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 50);

const textField = (overrides: Record<string, unknown> = {}) => ({
  key: newKey(),
  label: { en: 'Asset tag', fr: 'Étiquette' },
  type: 'text',
  portalVisibility: 'edit',
  ...overrides,
});

const selectField = (overrides: Record<string, unknown> = {}) => ({
  key: newKey(),
  label: { en: 'Site' },
  type: 'select',
  options: [
    { value: 'paris', label: { en: 'Paris' } },
    { value: 'lyon', label: { en: 'Lyon', fr: 'Lyon' } },
  ],
  ...overrides,
});

async function insertTicket(customFields: Record<string, string | number | boolean | null>) {
  const customer = await buildCustomer(t);
  const [ticket] = await t.database.db
    .insert(tickets)
    .values({ title: 'Printer jam', customerId: customer.id, source: 'console', customFields })
    .returning();
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

async function ticketValues(id: string) {
  const [row] = await t.database.db
    .select({ customFields: tickets.customFields, updatedAt: tickets.updatedAt })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row;
}

describe('custom ticket fields', () => {
  it('lets an admin add a field that every technician then sees, with its defaults filled in', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech } = await technicianClient(t, 'technician');
    const body = textField();
    const created = await admin.post('/api/v1/custom-fields', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      key: body.key,
      label: { en: 'Asset tag', fr: 'Étiquette' },
      type: 'text',
      options: [],
      required: false,
      portalVisibility: 'edit',
      position: 0,
      createdAt: expect.any(String),
    });
    const list = await tech.get('/api/v1/custom-fields');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(list.json().items.length);
    expect(list.json().items).toContainEqual(created.json());
  });

  it('lists fields by position, then by key', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const prefix = newKey().slice(0, 40);
    const made = [
      { key: `${prefix}_b`, position: 900 },
      { key: `${prefix}_c`, position: 899 },
      { key: `${prefix}_a`, position: 900 },
    ];
    for (const field of made) {
      expect((await admin.post('/api/v1/custom-fields', textField(field))).statusCode).toBe(201);
    }
    const keys: string[] = (await admin.get('/api/v1/custom-fields'))
      .json()
      .items.map((item: { key: string }) => item.key)
      .filter((key: string) => key.startsWith(prefix));
    expect(keys).toEqual([`${prefix}_c`, `${prefix}_a`, `${prefix}_b`]);
  });

  it('keeps a select field with its options and their labels', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const body = selectField({ required: true, portalVisibility: 'hidden' });
    const created = await admin.post('/api/v1/custom-fields', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      type: 'select',
      options: body.options,
      required: true,
      portalVisibility: 'hidden',
    });
  });

  it('refuses a second field with the same key (409 key_taken)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const body = textField();
    expect((await admin.post('/api/v1/custom-fields', body)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/custom-fields', { ...body, type: 'number' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('key_taken');
    expect(again.json().error.message).toContain(body.key);
  });

  it('refuses a select field without options, or with an option listed twice', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const options of [undefined, []]) {
      const response = await admin.post('/api/v1/custom-fields', selectField({ options }));
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'body.options', message: 'a select field needs at least one option' }],
      });
    }
    const twice = await admin.post(
      '/api/v1/custom-fields',
      selectField({
        options: [
          { value: 'paris', label: { en: 'Paris' } },
          { value: 'lyon', label: { en: 'Lyon' } },
          { value: 'paris', label: { en: 'Paris again' } },
        ],
      }),
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details).toEqual([
      { path: 'body.options.2.value', message: 'paris is listed twice' },
    ]);
  });

  it('refuses options on a field that is not a select', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const type of ['text', 'number', 'date', 'checkbox']) {
      const response = await admin.post(
        '/api/v1/custom-fields',
        textField({ type, options: [{ value: 'a', label: { en: 'A' } }] }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([
        { path: 'body.options', message: `a ${type} field has no options` },
      ]);
    }
    expect((await admin.post('/api/v1/custom-fields', textField({ options: [] }))).statusCode).toBe(201);
  });

  it('refuses bad keys, types, labels and unknown properties with 400 and the field at fault', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const bad: [Record<string, unknown>, string][] = [
      [textField({ key: 'Asset Tag' }), 'body.key'],
      [textField({ key: '1st' }), 'body.key'],
      [textField({ key: `a${'b'.repeat(50)}` }), 'body.key'],
      [textField({ key: 42 }), 'body.key'],
      [textField({ type: 'colour' }), 'body.type'],
      [textField({ label: { fr: 'Sans anglais' } }), 'body.label.en'],
      [textField({ label: { en: 'x'.repeat(201) } }), 'body.label.en'],
      [textField({ label: { en: 'Tag', nl: 'Label' } }), 'body.label'],
      [textField({ required: 'yes' }), 'body.required'],
      [textField({ portalVisibility: 'read-only' }), 'body.portalVisibility'],
      [textField({ position: -1 }), 'body.position'],
      [textField({ surprise: true }), 'body'],
    ];
    for (const [body, path] of bad) {
      const response = await admin.post('/api/v1/custom-fields', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect(response.json().error.code).toBe('validation_failed');
      expect(typeof response.json().error.message).toBe('string');
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('lets an admin change the label, options, requirement, visibility and position', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { id } = (await admin.post('/api/v1/custom-fields', selectField())).json();
    const changed = await admin.patch(`/api/v1/custom-fields/${id}`, {
      label: { en: 'Office', de: 'Büro' },
      options: [{ value: 'berlin', label: { en: 'Berlin' } }],
      required: true,
      portalVisibility: 'hidden',
      position: 5,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id,
      label: { en: 'Office', de: 'Büro' },
      options: [{ value: 'berlin', label: { en: 'Berlin' } }],
      required: true,
      portalVisibility: 'hidden',
      position: 5,
    });
    const listed = (await admin.get('/api/v1/custom-fields'))
      .json()
      .items.find((f: { id: string }) => f.id === id);
    expect(listed).toEqual(changed.json());
  });

  it('keeps the key and type of a field fixed, and checks new options against its type', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const select = (await admin.post('/api/v1/custom-fields', selectField())).json();
    const text = (await admin.post('/api/v1/custom-fields', textField())).json();
    for (const body of [{ key: 'renamed' }, { type: 'text' }]) {
      const response = await admin.patch(`/api/v1/custom-fields/${select.id}`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await admin.patch(`/api/v1/custom-fields/${select.id}`, { options: [] })).statusCode).toBe(400);
    const onText = await admin.patch(`/api/v1/custom-fields/${text.id}`, {
      options: [{ value: 'a', label: { en: 'A' } }],
    });
    expect(onText.statusCode).toBe(400);
    expect(onText.json().error.details).toEqual([
      { path: 'body.options', message: 'a text field has no options' },
    ]);
  });

  it('answers an empty change with the field as it is', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const created = (await admin.post('/api/v1/custom-fields', textField())).json();
    const response = await admin.patch(`/api/v1/custom-fields/${created.id}`, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created);
  });

  it('answers 404 for a field that does not exist and 400 for an id that is not one', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const missing = crypto.randomUUID();
    const patched = await admin.patch(`/api/v1/custom-fields/${missing}`, { required: true });
    expect(patched.statusCode).toBe(404);
    expect(patched.json().error.code).toBe('not_found');
    const deleted = await admin.delete(`/api/v1/custom-fields/${missing}`);
    expect(deleted.statusCode).toBe(404);
    expect(deleted.json().error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    const notAnId = await admin.delete('/api/v1/custom-fields/asset_tag');
    expect(notAnId.statusCode).toBe(400);
    expect(notAnId.json().error.code).toBe('validation_failed');
  });

  it('keeps adding, changing and deleting fields to admins (403 for a technician)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech } = await technicianClient(t, 'technician');
    const { id } = (await admin.post('/api/v1/custom-fields', textField())).json();
    const attempts = [
      await tech.post('/api/v1/custom-fields', textField()),
      await tech.patch(`/api/v1/custom-fields/${id}`, { required: true }),
      await tech.delete(`/api/v1/custom-fields/${id}`),
      // Even for a field that does not exist: the answer does not depend on it.
      await tech.delete(`/api/v1/custom-fields/${crypto.randomUUID()}`),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const still = (await tech.get('/api/v1/custom-fields'))
      .json()
      .items.find((f: { id: string }) => f.id === id);
    expect(still.required).toBe(false);
  });

  it('answers 401 to anyone not signed in', async () => {
    expect((await client(t).get('/api/v1/custom-fields')).statusCode).toBe(401);
    const response = await client(t).post('/api/v1/custom-fields', textField());
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('removes a deleted field from the list and its values from every ticket, leaving other values', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const doomed = (await admin.post('/api/v1/custom-fields', textField())).json();
    const kept = (await admin.post('/api/v1/custom-fields', textField())).json();
    const withBoth = await insertTicket({ [doomed.key]: 'A-1', [kept.key]: 'keep me' });
    const withNull = await insertTicket({ [doomed.key]: null });
    const without = await insertTicket({ [kept.key]: 'untouched' });
    const before = await ticketValues(withBoth.id);

    expect((await admin.delete(`/api/v1/custom-fields/${doomed.id}`)).statusCode).toBe(204);

    const ids = (await admin.get('/api/v1/custom-fields')).json().items.map((f: { id: string }) => f.id);
    expect(ids).not.toContain(doomed.id);
    expect(ids).toContain(kept.id);
    expect((await ticketValues(withBoth.id))?.customFields).toEqual({ [kept.key]: 'keep me' });
    expect((await ticketValues(withBoth.id))?.updatedAt).toEqual(before?.updatedAt);
    expect((await ticketValues(withNull.id))?.customFields).toEqual({});
    expect((await ticketValues(without.id))?.customFields).toEqual({ [kept.key]: 'untouched' });
    expect((await admin.delete(`/api/v1/custom-fields/${doomed.id}`)).statusCode).toBe(404);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'custom_field.deleted'))
      .then((rows) => rows.filter((row) => row.targetId === doomed.id));
    expect(audit?.details).toEqual({ key: doomed.key, type: 'text', ticketsCleared: 2 });
  });

  it('lets a new field reuse the key of a deleted one, starting with no values', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const body = textField();
    const first = (await admin.post('/api/v1/custom-fields', body)).json();
    const ticket = await insertTicket({ [body.key]: 'old' });
    await admin.delete(`/api/v1/custom-fields/${first.id}`);
    const second = await admin.post('/api/v1/custom-fields', { ...body, type: 'number' });
    expect(second.statusCode).toBe(201);
    expect((await ticketValues(ticket.id))?.customFields).toEqual({});
  });

  it('records who created, changed and deleted a field in the audit log', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const body = textField();
    const { id } = (await admin.post('/api/v1/custom-fields', body)).json();
    await admin.patch(`/api/v1/custom-fields/${id}`, { required: true, position: 3 });
    await admin.delete(`/api/v1/custom-fields/${id}`);
    const log = await admin.get(`/api/v1/audit?targetType=custom_field&targetId=${id}`);
    expect(
      log
        .json()
        .items.map((entry: { action: string }) => entry.action)
        .sort(),
    ).toEqual(['custom_field.created', 'custom_field.deleted', 'custom_field.updated']);
    for (const entry of log.json().items) {
      expect(entry.actor).toEqual({ type: 'technician', id: technician.id, name: technician.name });
      expect(entry.details.key).toBe(body.key);
    }
    const updated = log
      .json()
      .items.find((entry: { action: string }) => entry.action === 'custom_field.updated');
    expect(updated.details.fields).toEqual(['required', 'position']);
  });

  it('writes no audit row for a refused change', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const body = textField();
    await admin.post('/api/v1/custom-fields', body);
    await admin.post('/api/v1/custom-fields', body);
    await admin.post('/api/v1/custom-fields', selectField({ options: [] }));
    const log = await admin.get(`/api/v1/audit?actorId=${technician.id}&action=custom_field.`);
    expect(log.json().items.map((entry: { action: string }) => entry.action)).toEqual([
      'custom_field.created',
    ]);
  });

  it('appears in the OpenAPI document', async () => {
    const { paths } = (await client(t).get('/api/openapi.json')).json();
    expect(Object.keys(paths['/api/v1/custom-fields'])).toEqual(expect.arrayContaining(['get', 'post']));
    const byId = paths['/api/v1/custom-fields/{id}'];
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(Object.keys(byId.patch.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404']));
    expect(Object.keys(paths['/api/v1/custom-fields'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '403', '409']),
    );
  });
});
