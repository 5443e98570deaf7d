import { AGENT_CLOSE, SEALED_SECRET_ALGORITHM } from '@atrium/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, smsOutbox } from '../../db/schema';
import {
  connectAgent,
  createEnrollmentToken,
  deviceKeys,
  enrollDevice,
  eventually,
  isSignedByPinnedKey,
  listen,
  resultFrame,
} from '../../test/agents';
import { buildContact, buildCustomer, type Client, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let origin: string;
let technician: Client;
let technicianId: string;

beforeAll(async () => {
  // Short beats, so "offline after three missed beats" and the sweeps happen within a test.
  t = await createTestApp({ AGENT_HEARTBEAT_SECONDS: '1' });
  origin = await listen(t);
  const signedIn = await technicianClient(t, 'technician');
  technician = signedIn.client;
  technicianId = signedIn.technician.id;
});
afterAll(() => t.close());

async function enrolledDevice(os: 'windows' | 'macos' | 'linux' = 'windows') {
  const customer = await buildCustomer(t);
  const token = await createEnrollmentToken(technician, customer.id);
  return { customer, ...(await enrollDevice(t, token, os)) };
}

const deviceOf = async (id: string) => (await technician.get(`/api/v1/devices/${id}`)).json();
const actionOf = async (id: string) => (await technician.get(`/api/v1/actions/${id}`)).json();

describe('enrollment', () => {
  it('a token enrolls as many devices as it allows, even when they all come at once', async () => {
    const customer = await buildCustomer(t);
    const token = await createEnrollmentToken(technician, customer.id, { maxUses: 2 });
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/agent/enroll',
          payload: {
            token,
            publicKey: deviceKeys().publicKey,
            hostname: 'PC',
            os: 'linux',
            osVersion: '6',
            agentVersion: '0.1.0',
          },
        }),
      ),
    );
    expect(attempts.map((response) => response.statusCode).sort()).toEqual([201, 201, 401, 401, 401]);
    const refused = attempts.find((response) => response.statusCode === 401);
    expect(refused?.json().error.code).toBe('invalid_credentials');
    const listed = (await technician.get(`/api/v1/devices?customerId=${customer.id}`)).json();
    expect(listed.total).toBe(2);
    expect(listed.items[0]).toMatchObject({ customer: { id: customer.id }, os: 'linux', online: false });
  });

  it('unknown, revoked and expired tokens enroll nothing', async () => {
    const customer = await buildCustomer(t);
    const revoked = await technician.post('/api/v1/enrollment-tokens', { customerId: customer.id });
    await technician.delete(`/api/v1/enrollment-tokens/${revoked.json().id}`);
    const expired = await createEnrollmentToken(technician, customer.id);
    await t.database.db.execute(
      // Tokens last at least an hour: age this one instead of waiting.
      sql`update enrollment_tokens set expires_at = now() - interval '1 second'
        where customer_id = ${customer.id} and revoked_at is null`,
    );
    for (const token of ['atrium_enroll_unknown', revoked.json().token, expired]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/agent/enroll',
        payload: {
          token,
          publicKey: deviceKeys().publicKey,
          hostname: 'PC',
          os: 'macos',
          osVersion: '15',
          agentVersion: '1',
        },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toMatch(/not valid/);
    }
  });

  it('shows the token once, with install commands, and stores only its hash', async () => {
    const customer = await buildCustomer(t);
    const created = (await technician.post('/api/v1/enrollment-tokens', { customerId: customer.id })).json();
    expect(created.installCommands.linux).toContain(created.token);
    expect(created.installCommands.windows).toContain('--server');
    const listed = (await technician.get(`/api/v1/enrollment-tokens?customerId=${customer.id}`)).json();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await t.database.db.execute(
      sql`select token_hash from enrollment_tokens where id = ${created.id}`,
    );
    expect(JSON.stringify(stored)).not.toContain(created.token);
  });

  it('refuses a key that is not an Ed25519 public key, and the same key twice', async () => {
    const customer = await buildCustomer(t);
    const token = await createEnrollmentToken(technician, customer.id, { maxUses: 3 });
    const enroll = (publicKey: string) =>
      t.app.inject({
        method: 'POST',
        url: '/agent/enroll',
        payload: { token, publicKey, hostname: 'PC', os: 'windows', osVersion: '11', agentVersion: '1' },
      });
    expect((await enroll('A'.repeat(10))).statusCode).toBe(400);
    const key = deviceKeys().publicKey;
    expect((await enroll(key)).statusCode).toBe(201);
    const again = await enroll(key);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });
});

describe('connection', () => {
  it('a device is online once it proves its key, with what it reports, and offline when it leaves', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    expect((await agent.next('welcome')).type).toBe('welcome');
    const online = await eventually(
      () => deviceOf(device.deviceId),
      (d) => d.online,
    );
    expect(online).toMatchObject({ hostname: 'PC-ALEX', loggedInUser: 'alex', ips: ['10.0.0.7'] });
    await agent.close();
    await eventually(
      () => deviceOf(device.deviceId),
      (d) => !d.online,
    );
  });

  it('a connection signed with another key is refused and the device stays offline', async () => {
    const device = await enrolledDevice();
    const forger = await connectAgent(origin, device, { signingKey: deviceKeys().privateKey });
    expect(await forger.closed).toBe(AGENT_CLOSE.refused);
    expect((await deviceOf(device.deviceId)).online).toBe(false);
  });

  it('a connection that claims an unknown device is refused', async () => {
    const stranger = await connectAgent(origin, {
      deviceId: '00000000-0000-4000-8000-000000000000',
      privateKey: deviceKeys().privateKey,
    });
    expect(await stranger.closed).toBe(AGENT_CLOSE.refused);
  });

  it('a removed device is disconnected, cannot connect again and is gone from the list', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    expect((await technician.delete(`/api/v1/devices/${device.deviceId}`)).statusCode).toBe(204);
    expect(await agent.closed).toBe(AGENT_CLOSE.refused);
    const again = await connectAgent(origin, device);
    expect(await again.closed).toBe(AGENT_CLOSE.refused);
    expect((await technician.get(`/api/v1/devices/${device.deviceId}`)).statusCode).toBe(404);
    expect((await technician.delete(`/api/v1/devices/${device.deviceId}`)).statusCode).toBe(404);
  });

  it('a device that stops beating goes offline after three missed beats', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await eventually(
      () => deviceOf(device.deviceId),
      (d) => d.online,
    );
    // No heartbeat from here on: the server drops the silent connection.
    await eventually(
      () => deviceOf(device.deviceId),
      (d) => !d.online,
      15_000,
    );
    await agent.closed;
  });
});

describe('actions', () => {
  it('an action for an online device arrives signed by a pinned key and runs through to success', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const created = await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' });
    expect(created.statusCode).toBe(202);
    // Connected to this process: it goes out with the answer, not queued first.
    expect(created.json()).toMatchObject({ type: 'lock', state: 'sent' });
    const frame = await agent.next('command');
    expect(isSignedByPinnedKey(frame, device.serverKeys)).toBe(true);
    const id = created.json().id;
    await eventually(
      () => actionOf(id),
      (a) => a.state === 'sent',
    );
    agent.send({ type: 'ack', id, accepted: true });
    agent.send({ type: 'running', id });
    agent.send(resultFrame(id, { output: '["rundll32.exe","user32.dll,LockWorkStation"]' }));
    expect(await agent.next('result_stored')).toEqual({ type: 'result_stored', id });
    expect(await actionOf(id)).toMatchObject({
      state: 'succeeded',
      exitCode: 0,
      output: expect.stringContaining('rundll32'),
    });
    const audit = (
      await (await technicianClient(t, 'admin')).client.get(`/api/v1/audit?targetId=${id}&pageSize=20`)
    ).json();
    // Every state it went through. Not their order: the embedded database's clock counts
    // milliseconds, and states written within one of them tie in the log.
    expect(audit.items.map((entry: { action: string }) => entry.action).sort()).toEqual(
      [
        'device_action.acknowledged',
        'device_action.queued',
        'device_action.running',
        'device_action.sent',
        'device_action.succeeded',
      ].sort(),
    );
    await agent.close();
  });

  it('a tampered command no longer verifies', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'reboot' });
    const frame = await agent.next('command');
    if (frame.type !== 'command') throw new Error('not a command');
    const tampered = { ...frame, command: { ...frame.command, type: 'shutdown' as const } };
    expect(isSignedByPinnedKey(frame, device.serverKeys)).toBe(true);
    expect(isSignedByPinnedKey(tampered, device.serverKeys)).toBe(false);
    await agent.close();
  });

  it('an action for an offline device waits, and goes out when the device connects', async () => {
    const device = await enrolledDevice();
    const created = (
      await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'logoff' })
    ).json();
    expect(created.state).toBe('queued');
    const agent = await connectAgent(origin, device);
    const frame = await agent.next('command');
    expect(frame.type === 'command' && frame.command.id).toBe(created.id);
    await agent.close();
  });

  it('an action not delivered before it expires never goes out', async () => {
    const device = await enrolledDevice();
    const created = (
      await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'reboot' })
    ).json();
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    await t.database.db.execute(
      sql`update device_actions set expires_at = now() - interval '1 second' where id = ${created.id}`,
    );
    await eventually(
      () => actionOf(created.id),
      (a) => a.state === 'expired',
      15_000,
    );
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agent.received.filter((frame) => frame.type === 'command')).toEqual([]);
    await agent.close();
  });

  it('allows one action of a type in flight per device, and the same Idempotency-Key gets the same action', async () => {
    const device = await enrolledDevice();
    const url = `/api/v1/devices/${device.deviceId}/actions`;
    const first = await technician.post(url, { type: 'reboot' }, { 'idempotency-key': 'k-1' });
    const replay = await technician.post(url, { type: 'reboot' }, { 'idempotency-key': 'k-1' });
    expect(replay.statusCode).toBe(202);
    expect(replay.json().id).toBe(first.json().id);
    const second = await technician.post(url, { type: 'reboot' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'action_in_progress',
      message: expect.stringMatching(/reboot .* in progress/i),
    });
    expect((await technician.post(url, { type: 'lock' })).statusCode).toBe(202);
  });

  it('actions asked for at the same moment each get their own answer and audit row', async () => {
    const [one, two] = [await enrolledDevice(), await enrolledDevice()];
    const other = await technicianClient(t, 'technician');
    const missing = '00000000-0000-4000-8000-000000000001';
    const ask = (client: Client, deviceId: string, type: string) =>
      client.post(`/api/v1/devices/${deviceId}/actions`, { type });
    const answers = await Promise.all([
      ask(technician, one.deviceId, 'lock'),
      ask(other.client, one.deviceId, 'lock'),
      ask(other.client, two.deviceId, 'lock'),
      ask(technician, missing, 'lock'),
      ask(technician, two.deviceId, 'logoff'),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 202, 202, 404, 409]);
    const created = answers.filter((answer) => answer.statusCode === 202).map((answer) => answer.json().id);
    const admin = (await technicianClient(t, 'admin')).client;
    const auditedRequesters = new Map(
      await Promise.all(
        created.map(async (id: string) => {
          const audit = (await admin.get(`/api/v1/audit?targetId=${id}&action=device_action.queued`)).json();
          expect(audit.items).toHaveLength(1);
          expect(audit.items[0].ip).toBeTruthy();
          return [id, audit.items[0].actor.id] as const;
        }),
      ),
    );
    const requesters = new Map(
      await Promise.all(
        created.map(async (id: string) => [id, (await actionOf(id)).requestedBy.id] as const),
      ),
    );
    expect(requesters.size).toBe(3);
    expect(auditedRequesters).toEqual(requesters);
    expect(new Set(requesters.values())).toEqual(new Set([technicianId, other.technician.id]));
  });

  it('installs an approved catalog entry; software for another OS or outside the catalog never reaches the agent', async () => {
    const admin = (await technicianClient(t, 'admin')).client;
    const chrome = (
      await admin.post('/api/v1/software', { name: 'Chrome', chocolatey: 'googlechrome' })
    ).json();
    const iterm = (
      await admin.post('/api/v1/software', { name: 'iTerm2', homebrew: 'iterm2', homebrewCask: true })
    ).json();
    const device = await enrolledDevice('windows');
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const url = `/api/v1/devices/${device.deviceId}/actions`;
    const otherOs = await technician.post(url, { type: 'install_software', softwareId: iterm.id });
    expect(otherOs.statusCode).toBe(422);
    const unknown = await technician.post(url, {
      type: 'install_software',
      softwareId: '00000000-0000-4000-8000-000000000002',
    });
    expect(unknown.statusCode).toBe(422);
    expect((await technician.post(url, { type: 'install_software' })).statusCode).toBe(400);
    const installed = await technician.post(url, { type: 'install_software', softwareId: chrome.id });
    expect(installed.statusCode).toBe(202);
    const frame = await agent.next('command');
    expect(frame).toMatchObject({
      command: { type: 'install_software', params: { chocolatey: 'googlechrome', softwareId: chrome.id } },
    });
    expect(isSignedByPinnedKey(frame, device.serverKeys)).toBe(true);
    await agent.close();
  });

  it('resets the password of the signed-in user: sealed to the device, texted to its contact once set', async () => {
    const device = await enrolledDevice('linux');
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const url = `/api/v1/devices/${device.deviceId}/actions`;
    const unassigned = await technician.post(url, { type: 'reset_password' });
    expect(unassigned.statusCode).toBe(422);
    expect(unassigned.json().error.message).toMatch(/assign the device/i);
    const { contact } = await buildContact(t, { customerId: device.customer.id });
    await technician.patch(`/api/v1/devices/${device.deviceId}`, { contactId: contact.id });
    const unconfirmed = await technician.post(url, { type: 'reset_password' });
    expect(unconfirmed.json().error.code).toBe('phone_not_confirmed');

    const phone = '+33612349876';
    await t.database.db
      .update(contacts)
      .set({ phone, phoneVerified: true })
      .where(eq(contacts.id, contact.id));
    const asked = await technician.post(url, { type: 'reset_password' });
    expect(asked.statusCode).toBe(202);
    const { id } = asked.json();
    const frame = await agent.next('command');
    expect(frame).toMatchObject({
      command: { id, params: { user: 'alex', password: { alg: SEALED_SECRET_ALGORITHM } } },
    });
    const texted = () =>
      t.database.db.$count(smsOutbox, and(eq(smsOutbox.to, phone), eq(smsOutbox.held, false)));
    agent.send({ type: 'ack', id, accepted: true });
    await eventually(
      () => actionOf(id),
      (action) => action.state === 'acknowledged',
    );
    expect(await texted()).toBe(0);
    agent.send(resultFrame(id));
    await agent.next('result_stored');
    expect(await texted()).toBe(1);
    await agent.close();
  });

  it('cancels an action while it is queued, not once it went out', async () => {
    const device = await enrolledDevice();
    const url = `/api/v1/devices/${device.deviceId}/actions`;
    const queued = (await technician.post(url, { type: 'shutdown' })).json();
    const cancelled = await technician.post(`/api/v1/actions/${queued.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const sent = (await technician.post(url, { type: 'shutdown' })).json();
    await agent.next('command');
    await eventually(
      () => actionOf(sent.id),
      (a) => a.state === 'sent',
    );
    const late = await technician.post(`/api/v1/actions/${sent.id}/cancel`);
    expect(late.statusCode).toBe(409);
    await agent.close();
  });

  it('a reboot succeeds when the device comes back with another boot id', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device, { bootId: 'boot-A' });
    await agent.next('welcome');
    const { id } = (
      await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'reboot' })
    ).json();
    await agent.next('command');
    agent.send({ type: 'ack', id, accepted: true });
    agent.send({ type: 'running', id });
    agent.send(resultFrame(id, { status: 'restarting', output: '["shutdown.exe","/r","/t","60"]' }));
    await agent.next('result_stored');
    expect((await actionOf(id)).state).toBe('running');
    await agent.close();
    // The same boot again (the agent only reconnected): still waiting.
    const same = await connectAgent(origin, device, { bootId: 'boot-A' });
    await same.next('welcome');
    expect((await actionOf(id)).state).toBe('running');
    await same.close();
    const back = await connectAgent(origin, device, { bootId: 'boot-B' });
    await back.next('welcome');
    expect(
      await eventually(
        () => actionOf(id),
        (a) => a.state === 'succeeded',
      ),
    ).toMatchObject({
      output: expect.stringContaining('shutdown.exe'),
    });
    await back.close();
  });

  it('an action the agent refuses fails with its reason', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const { id } = (
      await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' })
    ).json();
    await agent.next('command');
    agent.send({ type: 'ack', id, accepted: false, reason: 'signature does not verify' });
    expect(
      await eventually(
        () => actionOf(id),
        (a) => a.state === 'failed',
      ),
    ).toMatchObject({
      error: expect.stringContaining('signature does not verify'),
    });
    await agent.close();
  });

  it('an action created through one server process reaches a device connected to another', async () => {
    const other = await t.sibling();
    const otherOrigin = await listen(other);
    const device = await enrolledDevice();
    const agent = await connectAgent(otherOrigin, device);
    await agent.next('welcome');
    const { id } = (
      await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' })
    ).json();
    const frame = await agent.next('command');
    expect(frame.type === 'command' && frame.command.id).toBe(id);
    await agent.close();
  });

  it('answers 404 for devices and actions that do not exist, and refuses a contact of another customer', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await technician.get(`/api/v1/devices/${missing}`)).statusCode).toBe(404);
    expect((await technician.post(`/api/v1/devices/${missing}/actions`, { type: 'lock' })).statusCode).toBe(
      404,
    );
    expect((await technician.get(`/api/v1/actions/${missing}`)).statusCode).toBe(404);
    const device = await enrolledDevice();
    const stranger = await buildContact(t, { customerId: (await buildCustomer(t)).id });
    const refused = await technician.patch(`/api/v1/devices/${device.deviceId}`, {
      contactId: stranger.contact.id,
    });
    expect(refused.statusCode).toBe(400);
    const colleague = await buildContact(t, { customerId: device.customer.id });
    const assigned = await technician.patch(`/api/v1/devices/${device.deviceId}`, {
      contactId: colleague.contact.id,
    });
    expect(assigned.json().contact).toMatchObject({ id: colleague.contact.id });
  });
});
