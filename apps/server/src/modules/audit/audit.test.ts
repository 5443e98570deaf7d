import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, technicians } from '../../db/schema';
import { client, contactClient, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Row = typeof auditLog.$inferInsert;
type Entry = { id: string; action: string; at: string; target: { type: string; id: string } | null };

/**
 * Rows written straight into the log under a target type of their own, so a test reads back only
 * what it wrote, at the times it chose.
 */
async function seed(rows: (Omit<Row, 'targetType' | 'actorType'> & Partial<Pick<Row, 'actorType'>>)[]) {
  const targetType = unique('audit-test');
  await t.database.db
    .insert(auditLog)
    .values(rows.map((row) => ({ ...row, actorType: row.actorType ?? 'system', targetType })));
  return targetType;
}

const actionsOf = (body: { items: Entry[] }) => body.items.map((entry) => entry.action);

describe('the audit log', () => {
  it('shows what a technician did, newest first, with their name, the target, the IP and the details', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const key = unique('tag')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_');
    const { id } = (
      await admin.post('/api/v1/custom-fields', { key, label: { en: 'Tag' }, type: 'text' })
    ).json();
    const response = await admin.get(`/api/v1/audit?actorId=${technician.id}`);
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(2);
    expect(items.map((entry: Entry) => entry.action)).toEqual([
      'custom_field.created',
      'technician.signed_in',
    ]);
    expect(items[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      actor: { type: 'technician', id: technician.id, name: technician.name },
      action: 'custom_field.created',
      target: { type: 'custom_field', id },
      ip: '127.0.0.1',
      details: { key, type: 'text' },
    });
    expect(Date.parse(items[0].at)).toBeGreaterThanOrEqual(Date.parse(items[1].at));
  });

  it('names a contact by first and last name', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const { contact } = await contactClient(t, { firstName: 'Léa' });
    const response = await tech.get(`/api/v1/audit?actorType=contact&actorId=${contact.id}`);
    expect(response.json().items).toEqual([
      expect.objectContaining({
        action: 'contact.signed_in',
        actor: { type: 'contact', id: contact.id, name: `Léa ${contact.lastName}` },
      }),
    ]);
  });

  it('keeps the name of a deleted technician, and has no name for the system, agents or people no longer there', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const { technician: gone } = await technicianClient(t, 'technician');
    await t.database.db.update(technicians).set({ deletedAt: new Date() }).where(eq(technicians.id, gone.id));
    const targetType = await seed([
      {
        actorType: 'technician',
        actorId: gone.id,
        action: 'test.deleted_technician',
        at: new Date('2024-01-05'),
      },
      { actorType: 'system', action: 'test.system', at: new Date('2024-01-04') },
      { actorType: 'agent', actorId: crypto.randomUUID(), action: 'test.agent', at: new Date('2024-01-03') },
      {
        actorType: 'contact',
        actorId: crypto.randomUUID(),
        action: 'test.missing_contact',
        at: new Date('2024-01-02'),
      },
      // A technician id under another actor type must not borrow the technician's name.
      { actorType: 'contact', actorId: gone.id, action: 'test.mismatched', at: new Date('2024-01-01') },
    ]);
    const { items } = (await tech.get(`/api/v1/audit?targetType=${targetType}`)).json();
    expect(
      items.map((entry: { action: string; actor: { name: string | null } }) => [
        entry.action,
        entry.actor.name,
      ]),
    ).toEqual([
      ['test.deleted_technician', gone.name],
      ['test.system', null],
      ['test.agent', null],
      ['test.missing_contact', null],
      ['test.mismatched', null],
    ]);
    expect(items[1]).toMatchObject({ actor: { type: 'system', id: null }, ip: null, details: {} });
  });

  it('filters by actor type, actor, target and exact action', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const someone = crypto.randomUUID();
    const targetType = await seed([
      { actorType: 'agent', actorId: someone, action: 'action.completed', targetId: 'a' },
      { actorType: 'agent', actorId: crypto.randomUUID(), action: 'action.completed', targetId: 'b' },
      { actorType: 'system', action: 'action.expired', targetId: 'a' },
    ]);
    const get = async (query: string) =>
      (await tech.get(`/api/v1/audit?targetType=${targetType}&${query}`)).json();
    expect((await get('actorType=agent')).total).toBe(2);
    expect((await get(`actorId=${someone}`)).items.map((e: Entry) => e.target?.id)).toEqual(['a']);
    expect((await get('targetId=a')).total).toBe(2);
    expect(actionsOf(await get('action=action.expired'))).toEqual(['action.expired']);
    expect((await get('action=action')).total).toBe(0);
    expect((await get('action=action.complete')).total).toBe(0);
    expect((await get('actorType=agent&targetId=a')).total).toBe(1);
    expect((await get('actorType=contact')).total).toBe(0);
  });

  it('matches every action under a prefix that ends with a dot, and only those', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const targetType = await seed([
      { action: 'ticket.created', at: new Date('2024-03-01T10:00:00Z') },
      { action: 'ticket.comment.added', at: new Date('2024-03-01T09:00:00Z') },
      { action: 'ticket', at: new Date('2024-03-01T08:00:00Z') },
      { action: 'ticketing.enabled', at: new Date('2024-03-01T07:00:00Z') },
      { action: 'custom_field.created', at: new Date('2024-03-01T06:00:00Z') },
      { action: 'customXfield.created', at: new Date('2024-03-01T05:00:00Z') },
      { action: 'the.ticket.created', at: new Date('2024-03-01T04:00:00Z') },
    ]);
    const get = async (action: string) =>
      actionsOf(
        (
          await tech.get(`/api/v1/audit?targetType=${targetType}&action=${encodeURIComponent(action)}`)
        ).json(),
      );
    expect(await get('ticket.')).toEqual(['ticket.created', 'ticket.comment.added']);
    expect(await get('ticket.comment.')).toEqual(['ticket.comment.added']);
    expect(await get('custom_field.')).toEqual(['custom_field.created']);
    expect(await get('%.')).toEqual([]);
  });

  it('pages through the entries with the total of all matches', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const targetType = await seed(
      [1, 2, 3, 4, 5].map((n) => ({ action: `step.${n}`, at: new Date(Date.UTC(2024, 4, n)) })),
    );
    const page = async (query: string) =>
      (await tech.get(`/api/v1/audit?targetType=${targetType}&${query}`)).json();
    expect(await page('pageSize=2&page=1')).toMatchObject({ total: 5 });
    expect(actionsOf(await page('pageSize=2&page=1'))).toEqual(['step.5', 'step.4']);
    expect(actionsOf(await page('pageSize=2&page=2'))).toEqual(['step.3', 'step.2']);
    expect(actionsOf(await page('pageSize=2&page=3'))).toEqual(['step.1']);
    expect(await page('pageSize=2&page=4')).toEqual({ items: [], total: 5 });
    expect(actionsOf(await page(''))).toHaveLength(5);
  });

  it('limits entries to a period: from is inclusive, to exclusive', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const targetType = await seed([
      { action: 'day.1', at: new Date('2024-06-01T00:00:00Z') },
      { action: 'day.2', at: new Date('2024-06-02T00:00:00Z') },
      { action: 'day.3', at: new Date('2024-06-03T00:00:00Z') },
    ]);
    const get = async (query: string) =>
      actionsOf((await tech.get(`/api/v1/audit?targetType=${targetType}&${query}`)).json());
    expect(await get('from=2024-06-02T00:00:00Z')).toEqual(['day.3', 'day.2']);
    expect(await get('to=2024-06-02T00:00:00Z')).toEqual(['day.1']);
    expect(await get('from=2024-06-01T00:00:00Z&to=2024-06-03T00:00:00Z')).toEqual(['day.2', 'day.1']);
    expect(await get(`from=${encodeURIComponent('2024-06-02T01:00:00+02:00')}`)).toEqual(['day.3', 'day.2']);
    expect(await get('from=2024-06-02T00:00:00Z&to=2024-06-02T00:00:00Z')).toEqual([]);
  });

  it('refuses bad filters with 400 and the parameter at fault', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const bad: [string, string][] = [
      ['actorType=robot', 'querystring.actorType'],
      ['actorId=42', 'querystring.actorId'],
      ['from=yesterday', 'querystring.from'],
      ['to=2024-06-01', 'querystring.to'],
      ['page=0', 'querystring.page'],
      ['pageSize=101', 'querystring.pageSize'],
      ['pageSize=ten', 'querystring.pageSize'],
      [`action=${'x'.repeat(101)}`, 'querystring.action'],
      ['from=2024-06-02T00:00:00Z&to=2024-06-01T00:00:00Z', 'querystring.from'],
    ];
    for (const [query, field] of bad) {
      const response = await tech.get(`/api/v1/audit?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it('answers 401 to anyone not signed in, and to a contact', async () => {
    const anonymous = await client(t).get('/api/v1/audit');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    const { client: portal } = await contactClient(t);
    expect((await portal.get('/api/v1/audit')).statusCode).toBe(401);
  });

  it('writes nothing when it is read', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const rows = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n;
    const before = await rows();
    await tech.get('/api/v1/audit');
    await tech.get('/api/v1/audit?action=ticket.&pageSize=5');
    await tech.get('/api/v1/audit?pageSize=500');
    expect(await rows()).toBe(before);
  });

  it('appears in the OpenAPI document with its filters', async () => {
    const { paths } = (await client(t).get('/api/openapi.json')).json();
    const parameters = paths['/api/v1/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'actorType',
        'actorId',
        'action',
        'targetType',
        'targetId',
        'from',
        'to',
        'page',
        'pageSize',
      ]),
    );
    expect(Object.keys(paths['/api/v1/audit'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401']),
    );
  });
});
