import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signInTechnician, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const newTechnician = (overrides: Record<string, unknown> = {}) => ({
  email: `Tech-${crypto.randomUUID()}@MSP.example`,
  name: 'Alex Martin',
  role: 'technician',
  password: 'correct horse battery',
  ...overrides,
});

describe('technicians', () => {
  it('lets the first admin from the environment sign in', async () => {
    const response = await client(t).post('/api/v1/auth/login', {
      email: 'first-admin@example.com',
      password: 'first-admin-password',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().technician.role).toBe('admin');
  });

  it('lets an admin add a technician who can then sign in, with the email stored in lower case', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const body = newTechnician();
    const created = await admin.post('/api/v1/technicians', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: body.email.toLowerCase(), role: 'technician' });
    expect(created.json()).not.toHaveProperty('password');
    const list = (await admin.get('/api/v1/technicians')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(created.json().id);
    const session = await signInTechnician(t, { email: body.email, password: body.password });
    expect((await session.get('/api/v1/me')).json().technician.name).toBe('Alex Martin');
  });

  it('refuses a second technician with the same email (409)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const body = newTechnician();
    expect((await admin.post('/api/v1/technicians', body)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/technicians', { ...body, email: body.email.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
  });

  it('refuses a password shorter than 12 characters', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const response = await admin.post('/api/v1/technicians', newTechnician({ password: 'short' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.password');
  });

  it('lets a technician list colleagues but keeps managing them to admins (403)', async () => {
    const { client: tech, technician } = await technicianClient(t, 'technician');
    const list = await tech.get('/api/v1/technicians');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(technician.id);
    expect((await tech.post('/api/v1/technicians', newTechnician())).statusCode).toBe(403);
    const promote = await tech.patch(`/api/v1/technicians/${technician.id}`, { role: 'admin' });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe('forbidden');
  });

  it('ends the sessions of a technician whose role an admin changes', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech, technician } = await technicianClient(t, 'technician');
    expect((await admin.patch(`/api/v1/technicians/${technician.id}`, { role: 'admin' })).statusCode).toBe(
      200,
    );
    expect((await tech.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('never leaves the install without an admin, and an admin cannot delete themselves', async () => {
    const lone = await createTestApp();
    try {
      const admin = await signInTechnician(lone, {
        email: 'first-admin@example.com',
        password: 'first-admin-password',
      });
      const me = (await admin.get('/api/v1/me')).json().technician;
      const demote = await admin.patch(`/api/v1/technicians/${me.id}`, { role: 'technician' });
      expect(demote.statusCode).toBe(422);
      expect(demote.json().error.code).toBe('rule_refused');
      expect((await admin.delete(`/api/v1/technicians/${me.id}`)).statusCode).toBe(422);
    } finally {
      await lone.close();
    }
  });

  it('records who created, changed and deleted technicians in the audit log', async () => {
    const { client: admin, technician: actor } = await technicianClient(t, 'admin');
    const { id } = (await admin.post('/api/v1/technicians', newTechnician())).json();
    await admin.patch(`/api/v1/technicians/${id}`, { name: 'Renamed' });
    await admin.delete(`/api/v1/technicians/${id}`);
    const rows = await t.database.db.query.auditLog.findMany({
      where: (audit, { eq }) => eq(audit.targetId, id),
      orderBy: (audit, { asc }) => asc(audit.at),
    });
    expect(rows.map((row) => row.action)).toEqual([
      'technician.created',
      'technician.updated',
      'technician.deleted',
    ]);
    expect(rows.every((row) => row.actorId === actor.id)).toBe(true);
  });

  describe('language', () => {
    it('is English unless given, and an admin may set it when adding or editing a technician', async () => {
      const { client: admin } = await technicianClient(t, 'admin');
      const english = await admin.post('/api/v1/technicians', newTechnician());
      expect(english.json().language).toBe('en');
      const french = await admin.post('/api/v1/technicians', newTechnician({ language: 'fr' }));
      expect(french.statusCode).toBe(201);
      expect(french.json().language).toBe('fr');
      const changed = await admin.patch(`/api/v1/technicians/${french.json().id}`, { language: 'de' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().language).toBe('de');
      const listed = (await admin.get('/api/v1/technicians')).json().items;
      expect(listed.find((item: { id: string }) => item.id === french.json().id).language).toBe('de');
    });

    it('is each technician’s own to change, stored and returned by /me', async () => {
      const { client: tech, technician } = await technicianClient(t, 'technician');
      expect((await tech.get('/api/v1/me')).json().technician.language).toBe('en');
      const saved = await tech.patch('/api/v1/me', { language: 'fr' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().technician).toMatchObject({ id: technician.id, language: 'fr' });
      expect((await tech.get('/api/v1/me')).json().technician.language).toBe('fr');
      const row = await t.database.db.query.technicians.findFirst({
        where: (technicians, { eq }) => eq(technicians.id, technician.id),
      });
      expect(row?.language).toBe('fr');
    });

    it('refuses a language Atrium does not have (400 validation_failed)', async () => {
      const { client: tech } = await technicianClient(t, 'technician');
      const response = await tech.patch('/api/v1/me', { language: 'nl' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        message: expect.any(String),
        details: [expect.objectContaining({ path: 'body.language' })],
      });
      expect((await tech.get('/api/v1/me')).json().technician.language).toBe('en');
      const { client: admin } = await technicianClient(t, 'admin');
      const created = await admin.post('/api/v1/technicians', newTechnician({ language: 'pt' }));
      expect(created.statusCode).toBe(400);
      expect(created.json().error.details[0].path).toBe('body.language');
    });

    it('is the only thing /me changes: the role stays with admins', async () => {
      const { client: tech } = await technicianClient(t, 'technician');
      const response = await tech.patch('/api/v1/me', { language: 'it', role: 'admin' });
      expect(response.statusCode).toBe(400);
      expect((await tech.get('/api/v1/me')).json().technician).toMatchObject({
        role: 'technician',
        language: 'en',
      });
    });

    it('needs a signed-in technician (401)', async () => {
      expect((await client(t).patch('/api/v1/me', { language: 'fr' })).statusCode).toBe(401);
    });
  });
});
