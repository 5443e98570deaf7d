import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, tickets } from '../../db/schema';
import { buildCustomer, client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Status names are global to the install: each test makes its own (with a space, as people write them). */
const newName = (label = 'Waiting on') => `${label} ${unique('s').slice(-12)}`;
const path = (name: string) => `/api/v1/ticket-statuses/${encodeURIComponent(name)}`;

async function insertTicket(status: string) {
  const customer = await buildCustomer(t);
  const [ticket] = await t.database.db
    .insert(tickets)
    .values({ title: 'Laptop will not boot', customerId: customer.id, source: 'console', status })
    .returning();
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

async function statusOfTicket(id: string) {
  const [row] = await t.database.db
    .select({ status: tickets.status })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row?.status;
}

async function listNames(): Promise<string[]> {
  const { client: tech } = await technicianClient(t, 'technician');
  return (await tech.get('/api/v1/ticket-statuses')).json().items.map((s: { name: string }) => s.name);
}

describe('ticket statuses', () => {
  it('shows every technician the four builtin statuses, in order, Resolved and Closed counting as closed', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const response = await tech.get('/api/v1/ticket-statuses');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    expect(items.slice(0, 4)).toEqual([
      { name: 'Open', closed: false, builtin: true, position: 0 },
      { name: 'Pending', closed: false, builtin: true, position: 1 },
      { name: 'Resolved', closed: true, builtin: true, position: 2 },
      { name: 'Closed', closed: true, builtin: true, position: 3 },
    ]);
  });

  it('lets an admin add a status, placed after the others unless a position is given', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const last = newName();
    const created = await admin.post('/api/v1/ticket-statuses', { name: `  ${last}  ` });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: last, closed: false, builtin: false });
    expect(created.json().position).toBeGreaterThan(3);
    const placed = newName('Cancelled');
    const second = await admin.post('/api/v1/ticket-statuses', { name: placed, closed: true, position: 2 });
    expect(second.json()).toEqual({ name: placed, closed: true, builtin: false, position: 2 });
    const names = await listNames();
    expect(names.indexOf(placed)).toBeLessThan(names.indexOf('Resolved'));
    expect(names.indexOf(placed)).toBeGreaterThan(names.indexOf('Pending'));
    expect(names.at(-1)).toBe(last);
  });

  it('refuses a name that exists already, whatever its case (409 conflict)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName();
    expect((await admin.post('/api/v1/ticket-statuses', { name })).statusCode).toBe(201);
    for (const again of [name, name.toUpperCase(), name.toLowerCase(), 'open', 'CLOSED']) {
      const response = await admin.post('/api/v1/ticket-statuses', { name: again });
      expect({ again, status: response.statusCode }).toEqual({ again, status: 409 });
      expect(response.json().error.code).toBe('conflict');
    }
  });

  it('refuses bad names, flags, positions and unknown properties with 400', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const bad: [Record<string, unknown>, string][] = [
      [{}, 'body.name'],
      [{ name: '   ' }, 'body.name'],
      [{ name: 'x'.repeat(51) }, 'body.name'],
      [{ name: 'Waiting, customer' }, 'body.name'],
      [{ name: 42 }, 'body.name'],
      [{ name: newName(), closed: 'yes' }, 'body.closed'],
      [{ name: newName(), position: 1001 }, 'body.position'],
      [{ name: newName(), position: 1.5 }, 'body.position'],
      [{ name: newName(), builtin: true }, 'body'],
    ];
    for (const [body, field] of bad) {
      const response = await admin.post('/api/v1/ticket-statuses', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect(response.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it('keeps adding, changing and deleting statuses to admins (403 for a technician)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech } = await technicianClient(t, 'technician');
    const name = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    const attempts = [
      await tech.post('/api/v1/ticket-statuses', { name: newName() }),
      await tech.patch(path(name), { name: newName() }),
      await tech.delete(path(name)),
      await tech.delete(path('Never existed')),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect(await listNames()).toContain(name);
  });

  it('answers 401 to anyone not signed in', async () => {
    expect((await client(t).get('/api/v1/ticket-statuses')).statusCode).toBe(401);
    const response = await client(t).delete(path('Open'));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('renames a status named with spaces and a slash, and its tickets follow', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName('Waiting / on hold');
    await admin.post('/api/v1/ticket-statuses', { name });
    const ticket = await insertTicket(name);
    const renamed = newName('On hold');
    const response = await admin.patch(path(name), { name: renamed, closed: true, position: 50 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: renamed, closed: true, builtin: false, position: 50 });
    expect(await statusOfTicket(ticket.id)).toBe(renamed);
    const names = await listNames();
    expect(names).toContain(renamed);
    expect(names).not.toContain(name);
    expect((await admin.patch(path(name), { position: 1 })).statusCode).toBe(404);
  });

  it('refuses to rename a status to the name of another, but allows a change of case', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName();
    const other = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    await admin.post('/api/v1/ticket-statuses', { name: other });
    for (const taken of [other.toUpperCase(), 'Pending']) {
      const response = await admin.patch(path(name), { name: taken });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('conflict');
    }
    const recased = await admin.patch(path(name), { name: name.toUpperCase() });
    expect(recased.statusCode).toBe(200);
    expect(recased.json().name).toBe(name.toUpperCase());
  });

  it('lets builtin statuses move but refuses to rename them or change whether they count as closed (422)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const body of [{ name: 'Done' }, { closed: false }, { name: 'resolved', closed: true }]) {
      const response = await admin.patch(path('Resolved'), body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 422 });
      expect(response.json().error.code).toBe('rule_refused');
    }
    const moved = await admin.patch(path('Resolved'), { position: 2, closed: true, name: 'Resolved' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ name: 'Resolved', closed: true, builtin: true, position: 2 });
    const pending = await admin.patch(path('Pending'), { position: 1 });
    expect(pending.json()).toEqual({ name: 'Pending', closed: false, builtin: true, position: 1 });
  });

  it('refuses to delete a builtin status (422) or one that tickets still have (409 in_use)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const builtin of ['Open', 'Pending', 'Resolved', 'Closed']) {
      const response = await admin.delete(path(builtin));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('rule_refused');
    }
    const name = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    const ticket = await insertTicket(name);
    const response = await admin.delete(path(name));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'in_use',
      message: expect.stringContaining('1 ticket'),
    });
    expect(await listNames()).toContain(name);

    await t.database.db.update(tickets).set({ status: 'Open' }).where(eq(tickets.id, ticket.id));
    expect((await admin.delete(path(name))).statusCode).toBe(204);
    expect(await listNames()).not.toContain(name);
  });

  it('answers 404 for a status that does not exist, or differs in case', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const response of [
      await admin.patch(path('No such status'), { position: 3 }),
      await admin.delete(path('No such status')),
      await admin.patch(path('open'), { position: 0 }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    }
    expect((await admin.patch(path('x'.repeat(51)), { position: 3 })).statusCode).toBe(400);
    expect((await admin.patch(path('Open'), { position: 'first' })).statusCode).toBe(400);
  });

  it('records who created, renamed and deleted a status in the audit log', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const name = newName();
    const renamed = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    await admin.patch(path(name), { name: renamed });
    await admin.delete(path(renamed));
    const log = (await admin.get(`/api/v1/audit?actorId=${technician.id}&action=ticket_status.`)).json();
    expect(log.items.map((e: { action: string; target: { id: string } }) => [e.action, e.target.id])).toEqual(
      [
        ['ticket_status.deleted', renamed],
        ['ticket_status.updated', renamed],
        ['ticket_status.created', name],
      ],
    );
    expect(log.items[1].details).toMatchObject({ previousName: name, fields: ['name'] });
  });

  it('appears in the OpenAPI document, the name as a path parameter', async () => {
    const { paths } = (await client(t).get('/api/openapi.json')).json();
    expect(Object.keys(paths['/api/v1/ticket-statuses'])).toEqual(expect.arrayContaining(['get', 'post']));
    const byName = paths['/api/v1/ticket-statuses/{name}'];
    expect(byName.patch.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'path' })]);
    expect(Object.keys(byName.patch.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '409', '422']),
    );
    expect(Object.keys(byName.delete.responses)).toEqual(expect.arrayContaining(['204', '409', '422']));
  });
});

describe('ticket statuses in the portal settings', () => {
  it('lets an admin make a custom status visible in the portal, and still refuses an unknown one (400)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName('Waiting for parts');
    await admin.post('/api/v1/ticket-statuses', { name });
    const visible = await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', name] });
    expect(visible.statusCode).toBe(200);
    expect(visible.json().visibleStatuses).toEqual(['Open', name]);

    const unknown = await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Imaginary'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'visibleStatuses', message: 'unknown status Imaginary' }],
    });
    const wrongCase = await admin.patch('/api/v1/settings/portal', { visibleStatuses: [name.toLowerCase()] });
    expect(wrongCase.statusCode).toBe(400);
    expect((await admin.get('/api/v1/settings/portal')).json().visibleStatuses).toEqual(['Open', name]);
  });

  it('renames a visible status in the portal settings along with the status', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName();
    const renamed = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', name, 'Closed'] });
    expect((await admin.patch(path(name), { name: renamed })).statusCode).toBe(200);
    const portal = (await admin.get('/api/v1/settings/portal')).json();
    expect(portal.visibleStatuses).toEqual(['Open', renamed, 'Closed']);
    // The stored settings stay valid: saving them again is accepted.
    expect(
      (await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: false })).statusCode,
    ).toBe(200);
  });

  it('removes a deleted status from the portal settings, leaving the other settings alone', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const name = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    await admin.patch('/api/v1/settings/portal', {
      visibleStatuses: [name, 'Open', 'Resolved'],
      fieldVisibility: { impact: 'hidden' },
    });
    expect((await admin.delete(path(name))).statusCode).toBe(204);
    const portal = (await admin.get('/api/v1/settings/portal')).json();
    expect(portal.visibleStatuses).toEqual(['Open', 'Resolved']);
    expect(portal.fieldVisibility.impact).toBe('hidden');
    expect(
      (await admin.patch('/api/v1/settings/portal', { ticketsCannotBeReopened: false })).statusCode,
    ).toBe(200);
  });

  it('leaves the portal settings untouched when a status they do not list changes', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    await admin.patch('/api/v1/settings/portal', { visibleStatuses: ['Open', 'Pending'] });
    const [before] = await t.database.db.select().from(settings).where(eq(settings.key, 'portal'));
    const name = newName();
    await admin.post('/api/v1/ticket-statuses', { name });
    await admin.patch(path(name), { name: newName() });
    const [after] = await t.database.db.select().from(settings).where(eq(settings.key, 'portal'));
    expect(after).toEqual(before);
  });
});
