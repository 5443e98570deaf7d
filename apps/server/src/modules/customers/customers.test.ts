import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { type Client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let tech: Client;
beforeAll(async () => {
  t = await createTestApp();
  tech = (await technicianClient(t, 'technician')).client;
});
afterAll(async () => t.close());

const domain = () => `${unique('d').toLowerCase()}.example`;

describe('customers', () => {
  it('creates a customer with lower-cased email domains and shows it with its counts', async () => {
    const d = domain();
    const created = await tech.post('/api/v1/customers', {
      name: 'Acme Corp',
      domains: [d.toUpperCase(), d],
      phone: '+33 1 23 45 67 89',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Acme Corp',
      domains: [d],
      contactCount: 0,
      openTicketCount: 0,
    });
    const read = await tech.get(`/api/v1/customers/${created.json().id}`);
    expect(read.json()).toEqual(created.json());
  });

  it('refuses a domain that belongs to another customer with a 409 naming that customer', async () => {
    const d = domain();
    await tech.post('/api/v1/customers', { name: 'First Owner', domains: [d] });
    const second = await tech.post('/api/v1/customers', { name: 'Second', domains: [d] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('domain_taken');
    expect(second.json().error.message).toContain('First Owner');
    const other = (await tech.post('/api/v1/customers', { name: 'Third' })).json();
    const patch = await tech.patch(`/api/v1/customers/${other.id}`, { domains: [d] });
    expect(patch.statusCode).toBe(409);
  });

  it('replaces domains on update and keeps them when the update does not mention them', async () => {
    const [a, b] = [domain(), domain()];
    const { id } = (await tech.post('/api/v1/customers', { name: 'Shifting', domains: [a] })).json();
    expect((await tech.patch(`/api/v1/customers/${id}`, { notes: 'VIP' })).json().domains).toEqual([a]);
    const moved = await tech.patch(`/api/v1/customers/${id}`, { domains: [b] });
    expect(moved.json().domains).toEqual([b]);
    // The freed domain can now go to someone else.
    expect((await tech.post('/api/v1/customers', { name: 'Taker', domains: [a] })).statusCode).toBe(201);
  });

  it('finds customers by name or domain, with pagination and a total', async () => {
    const tag = unique('Searchable');
    const d = domain();
    for (let i = 0; i < 3; i++) await tech.post('/api/v1/customers', { name: `${tag} ${i}` });
    await tech.post('/api/v1/customers', { name: 'By domain only', domains: [d] });
    const page = await tech.get(`/api/v1/customers?q=${encodeURIComponent(tag)}&pageSize=2&page=2`);
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(1);
    const byDomain = await tech.get(`/api/v1/customers?q=${d}`);
    expect(byDomain.json().items.map((c: { name: string }) => c.name)).toEqual(['By domain only']);
    expect((await tech.get('/api/v1/customers?q=%25')).statusCode).toBe(200);
  });

  it('refuses to delete a customer that has tickets (409 in_use), and deletes one without', async () => {
    const { id } = (await tech.post('/api/v1/customers', { name: 'Has history' })).json();
    await t.database.db.insert(tickets).values({ title: 'Old', customerId: id, source: 'console' });
    const refused = await tech.delete(`/api/v1/customers/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('in_use');

    const empty = (await tech.post('/api/v1/customers', { name: 'Empty' })).json();
    await tech.post('/api/v1/contacts', {
      customerId: empty.id,
      firstName: 'A',
      lastName: 'B',
      email: `${unique('x')}@e.example`,
    });
    expect((await tech.delete(`/api/v1/customers/${empty.id}`)).statusCode).toBe(204);
    expect((await tech.get(`/api/v1/customers/${empty.id}`)).statusCode).toBe(404);
  });

  it('lists each customer with its number of contacts and of tickets still open', async () => {
    const tag = unique('Counted');
    const busy = (await tech.post('/api/v1/customers', { name: `${tag} busy` })).json();
    await tech.post('/api/v1/customers', { name: `${tag} quiet` });
    const contactIds: string[] = [];
    for (const name of ['Ann', 'Bob']) {
      const created = await tech.post('/api/v1/contacts', {
        customerId: busy.id,
        firstName: name,
        lastName: 'Counted',
        email: `${unique(name)}@e.example`,
      });
      contactIds.push(created.json().contact.id);
    }
    for (const status of ['Open', 'Pending', 'Resolved']) {
      const ticket = await tech.post('/api/v1/tickets', {
        title: `${status} one`,
        description: 'Counted',
        customerId: busy.id,
        contactId: contactIds[0],
        status,
      });
      expect(ticket.statusCode).toBe(201);
    }
    const list = await tech.get(`/api/v1/customers?q=${encodeURIComponent(tag)}`);
    const counts = list
      .json()
      .items.map((c: { name: string; contactCount: number; openTicketCount: number }) => [
        c.name,
        c.contactCount,
        c.openTicketCount,
      ]);
    expect(counts).toEqual([
      [`${tag} busy`, 2, 2],
      [`${tag} quiet`, 0, 0],
    ]);
    expect((await tech.get(`/api/v1/customers/${busy.id}`)).json()).toMatchObject({
      contactCount: 2,
      openTicketCount: 2,
    });
  });

  it('answers bad input with clear 4xx errors', async () => {
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ name: '' }, 400],
      [{ name: 'x'.repeat(201) }, 400],
      [{ name: 'Ok', domains: ['not a domain'] }, 400],
      [{ name: 'Ok', domains: 'acme.example' }, 400],
      [{ name: 'Ok', surprise: 1 }, 400],
      [{ name: 42 }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await tech.post('/api/v1/customers', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status });
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await tech.get('/api/v1/customers/not-a-uuid')).statusCode).toBe(400);
    expect((await tech.get(`/api/v1/customers/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await tech.patch(`/api/v1/customers/${crypto.randomUUID()}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect((await tech.delete(`/api/v1/customers/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
