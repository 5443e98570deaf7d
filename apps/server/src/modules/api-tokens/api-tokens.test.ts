import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, auditLog } from '../../db/schema';
import {
  buildTechnician,
  type Client,
  client,
  signInTechnician,
  technicianClient,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await technicianClient(t, 'admin')).client;
});
afterAll(async () => t.close());

const asScript = (token: string) => client(t, { bearer: token });

/** A technician signed in at the console, with one API token. */
async function technicianWithToken(role: 'admin' | 'technician' = 'technician') {
  const { technician, password } = await buildTechnician(t, { role });
  const console = await signInTechnician(t, { email: technician.email, password });
  const created = (await console.post('/api/v1/api-tokens', { name: 'backup script' })).json();
  return { technician, password, console, tokenId: created.id as string, token: created.token as string };
}

async function revocationsOf(technicianId: string) {
  const rows = await t.database.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'api_token.revoked'),
        sql`${auditLog.details}->>'technicianId' = ${technicianId}`,
      ),
    );
  return rows.map((row) => row.details);
}

describe('API token lifecycle', () => {
  it('lists a token with its expiry and when it was last used, and refuses it once expired', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const created = await tech.post('/api/v1/api-tokens', { name: 'nightly export', expiresAt });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      expiresAt,
      lastUsedAt: null,
      token: expect.stringMatching(/^atr_/),
    });
    const { id, token } = created.json();

    expect((await asScript(token).get('/api/v1/me')).statusCode).toBe(200);
    const [listed] = (await tech.get('/api/v1/api-tokens')).json().items;
    expect(listed).toEqual({
      id,
      name: 'nightly export',
      createdAt: expect.any(String),
      expiresAt,
      lastUsedAt: expect.any(String),
    });

    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.id, id));
    const expired = await asScript(token).get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('unauthenticated');
  });

  it('refuses an expiry in the past', async () => {
    const { client: tech } = await technicianClient(t, 'technician');
    const response = await tech.post('/api/v1/api-tokens', { name: 'x', expiresAt: '2020-01-01T00:00:00Z' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.expiresAt');
  });

  it("lets a technician's token do their work but not create tokens; an admin's token may", async () => {
    const { token } = await technicianWithToken('technician');
    expect((await asScript(token).get('/api/v1/api-tokens')).statusCode).toBe(200);
    const minted = await asScript(token).post('/api/v1/api-tokens', { name: 'another' });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('forbidden');

    const { token: adminToken } = await technicianWithToken('admin');
    expect((await asScript(adminToken).post('/api/v1/api-tokens', { name: 'another' })).statusCode).toBe(201);
  });

  it("lets admins see and revoke any technician's tokens, and nobody else", async () => {
    const { technician, tokenId, token } = await technicianWithToken();
    const listed = await admin.get(`/api/v1/technicians/${technician.id}/api-tokens`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: tokenId, name: 'backup script' })]);
    expect(JSON.stringify(listed.json())).not.toContain(token);

    const { client: colleague } = await technicianClient(t, 'technician');
    expect((await colleague.get(`/api/v1/technicians/${technician.id}/api-tokens`)).statusCode).toBe(403);
    expect(
      (await colleague.delete(`/api/v1/technicians/${technician.id}/api-tokens/${tokenId}`)).statusCode,
    ).toBe(403);
    expect((await admin.get(`/api/v1/technicians/${crypto.randomUUID()}/api-tokens`)).statusCode).toBe(404);

    expect(
      (await admin.delete(`/api/v1/technicians/${technician.id}/api-tokens/${tokenId}`)).statusCode,
    ).toBe(204);
    expect((await asScript(token).get('/api/v1/me')).statusCode).toBe(401);
    expect(
      (await admin.delete(`/api/v1/technicians/${technician.id}/api-tokens/${tokenId}`)).statusCode,
    ).toBe(404);
    expect(await revocationsOf(technician.id)).toEqual([{ technicianId: technician.id }]);
  });

  it('revokes every token of a technician whose password an admin resets', async () => {
    const { technician, token } = await technicianWithToken();
    const reset = await admin.patch(`/api/v1/technicians/${technician.id}`, {
      password: 'a new password for Sam',
    });
    expect(reset.statusCode).toBe(200);
    expect((await asScript(token).get('/api/v1/me')).statusCode).toBe(401);
    expect(await revocationsOf(technician.id)).toEqual([
      { technicianId: technician.id, name: 'backup script', reason: 'password_changed' },
    ]);
  });

  it('revokes the tokens of an admin lowered to technician, not of a technician raised to admin', async () => {
    const lowered = await technicianWithToken('admin');
    expect(
      (await admin.patch(`/api/v1/technicians/${lowered.technician.id}`, { role: 'technician' })).statusCode,
    ).toBe(200);
    expect((await asScript(lowered.token).get('/api/v1/me')).statusCode).toBe(401);
    expect(await revocationsOf(lowered.technician.id)).toEqual([
      expect.objectContaining({ reason: 'role_lowered' }),
    ]);

    const raised = await technicianWithToken('technician');
    expect(
      (await admin.patch(`/api/v1/technicians/${raised.technician.id}`, { role: 'admin' })).statusCode,
    ).toBe(200);
    expect((await asScript(raised.token).get('/api/v1/me')).json().technician.role).toBe('admin');
  });

  it('revokes the tokens and ends the other sessions of a technician who changes their own password', async () => {
    const { technician, password, console, token } = await technicianWithToken();
    const elsewhere = await signInTechnician(t, { email: technician.email, password });
    const wrong = await console.post('/api/v1/me/password', {
      currentPassword: 'nope',
      newPassword: 'my own new secret',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');

    const changed = await console.post('/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'my own new secret',
    });
    expect(changed.statusCode).toBe(204);
    expect((await console.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect((await asScript(token).get('/api/v1/me')).statusCode).toBe(401);
    const fresh = await client(t).post('/api/v1/auth/login', {
      email: technician.email,
      password: 'my own new secret',
    });
    expect(fresh.statusCode).toBe(200);
  });
});
