import type { AgentEnrolled, ServerMessage, SigningKey } from '@atrium/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectAgent,
  createEnrollmentToken,
  enrollDevice,
  type FakeAgent,
  isKeySetSignedByPinnedKey,
  isSignedByPinnedKey,
  listen,
} from '../../test/agents';
import { buildCustomer, type Client, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { rotateSigningKeys } from './signing';

/** Rotations change the keys every test here sees: this file has a database of its own. */

let t: TestApp;
let origin: string;
let technician: Client;
let admin: Client;

beforeAll(async () => {
  // The default beat: the hubs' sweep, which would catch up on a lost notification, runs every 10 s.
  t = await createTestApp();
  origin = await listen(t);
  technician = (await technicianClient(t, 'technician')).client;
  admin = (await technicianClient(t, 'admin')).client;
});
afterAll(() => t.close());

async function enrolledDevice() {
  const customer = await buildCustomer(t);
  return enrollDevice(t, await createEnrollmentToken(technician, customer.id));
}

async function keys(): Promise<SigningKey[]> {
  const response = await technician.get('/api/v1/agent-signing-keys');
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const withRole = (list: SigningKey[], role: SigningKey['role']) => list.filter((key) => key.role === role);

async function rotate(): Promise<SigningKey[]> {
  const response = await admin.post('/api/v1/agent-signing-keys/rotate');
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

/**
 * Reads the next `count` key sets as the agent takes them: each signed by a key pinned by then and
 * one version newer than the last. The keys pinned at the end.
 */
async function followKeySets(agent: FakeAgent, device: AgentEnrolled, count: number, timeoutMs?: number) {
  let pins = device.serverKeys;
  for (let version = device.serverKeysVersion + 1; version <= device.serverKeysVersion + count; version++) {
    const frame = keySetOf(await agent.next('keys', timeoutMs));
    expect(isKeySetSignedByPinnedKey(frame, device.deviceId, pins)).toBe(true);
    expect(frame.version).toBe(version);
    pins = frame.keys;
  }
  return pins;
}

function keySetOf(frame: ServerMessage) {
  if (frame.type !== 'keys') throw new Error(`not a key set: ${frame.type}`);
  return frame;
}

describe('agent signing keys', () => {
  it('technicians see the keys and their roles; only admins rotate, and the rotation is audited', async () => {
    const before = await keys();
    expect(withRole(before, 'signing')).toHaveLength(1);
    expect(withRole(before, 'next')).toHaveLength(1);
    const [signing] = withRole(before, 'signing');
    const [next] = withRole(before, 'next');

    const refused = await technician.post('/api/v1/agent-signing-keys/rotate');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(await keys()).toEqual(before);

    const after = await rotate();
    expect(after).toEqual(await keys());
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((key) => key.id === signing?.id)).toMatchObject({
      role: 'retired',
      retiredAt: expect.any(String),
    });
    expect(withRole(after, 'signing')).toEqual([{ ...next, role: 'signing' }]);
    const [created] = withRole(after, 'next');
    expect(before.map((key) => key.id)).not.toContain(created?.id);

    const audit = (await admin.get(`/api/v1/audit?targetId=${next?.id}`)).json().items;
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'agent_signing_key.rotated',
        details: { retired: signing?.id, signing: next?.id, next: created?.id },
      }),
    ]);
  });

  it('two rotations at once run one after the other, and a connected agent steps through both', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await agent.next('keys');
    const before = await keys();
    const responses = await Promise.all([
      admin.post('/api/v1/agent-signing-keys/rotate'),
      admin.post('/api/v1/agent-signing-keys/rotate'),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
    const after = await keys();
    expect(after).toHaveLength(before.length + 2);
    const [signing] = withRole(after, 'signing');
    const [next] = withRole(after, 'next');
    for (const key of before) expect(after.find(({ id }) => id === key.id)?.role).toBe('retired');

    // The second rotation retired the key the first one made signing.
    const rotations: Record<string, string>[] = (
      await admin.get('/api/v1/audit?action=agent_signing_key.rotated&pageSize=2')
    )
      .json()
      .items.map((entry: { details: Record<string, string> }) => entry.details);
    const second = rotations.find((rotation) => rotation.next === next?.id);
    const first = rotations.find((rotation) => rotation !== second);
    expect(second).toEqual({ retired: first?.signing, signing: first?.next, next: next?.id });
    expect(second?.signing).toBe(signing?.id);

    expect(await followKeySets(agent, device, 2)).toEqual(
      [signing, next].map((key) => ({ id: key?.id, publicKey: key?.publicKey })),
    );
    await agent.close();
  });

  it('an agent that missed rotations while connected (their notifications lost) gets every set, in order', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await agent.next('keys');
    // Two rotations no server process hears of, as when the listening connection was down.
    for (const _ of [1, 2]) await t.database.db.transaction((tx) => rotateSigningKeys(tx));
    await rotate();
    const pins = await followKeySets(agent, device, 3);
    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' });
    expect(isSignedByPinnedKey(await agent.next('command'), pins)).toBe(true);
    await agent.close();
  });

  it('a rotation whose notification was lost is noticed by the next sweep', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    await agent.next('keys');
    await t.database.db.transaction((tx) => rotateSigningKeys(tx));
    // The sweep runs every 10 s with the default beat.
    const pins = await followKeySets(agent, device, 1, 12_000);
    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' });
    expect(isSignedByPinnedKey(await agent.next('command'), pins)).toBe(true);
    await agent.close();
  });

  it('a connected agent gets the new keys signed by a key it pins, and commands signed by the former next key', async () => {
    const device = await enrolledDevice();
    const agent = await connectAgent(origin, device);
    await agent.next('welcome');
    const welcomed = keySetOf(await agent.next('keys'));
    expect(isKeySetSignedByPinnedKey(welcomed, device.deviceId, device.serverKeys)).toBe(true);
    expect(welcomed).toMatchObject({ keys: device.serverKeys, version: device.serverKeysVersion });

    const after = await rotate();
    const [signing] = withRole(after, 'signing');
    const [next] = withRole(after, 'next');
    expect(signing?.id).toBe(device.serverKeys[1]?.id);
    const rotated = keySetOf(await agent.next('keys'));
    expect(isKeySetSignedByPinnedKey(rotated, device.deviceId, device.serverKeys)).toBe(true);
    expect(rotated.version).toBe(device.serverKeysVersion + 1);
    expect(rotated.keys).toEqual([signing, next].map((key) => ({ id: key?.id, publicKey: key?.publicKey })));
    // Signed for this device only: the same set is no proof for another one.
    expect(isKeySetSignedByPinnedKey(rotated, (await enrolledDevice()).deviceId, device.serverKeys)).toBe(
      false,
    );

    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' });
    const command = await agent.next('command');
    expect(command).toMatchObject({ keyId: signing?.id });
    expect(isSignedByPinnedKey(command, device.serverKeys)).toBe(true);
    await agent.close();
  });

  it('a rotation through one server process makes the others sign with the new key at once', async () => {
    const sibling = await t.sibling();
    const siblingOrigin = await listen(sibling);
    const device = await enrolledDevice();
    const agent = await connectAgent(siblingOrigin, device);
    await agent.next('welcome');
    await agent.next('keys');
    // The sibling has signed with its signer already: it is cached there.
    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'logoff' });
    expect(await agent.next('command')).toMatchObject({ keyId: device.serverKeys[0]?.id });

    const [signing] = withRole(await rotate(), 'signing');
    // Told by the notification, well before a sweep would notice.
    expect(keySetOf(await agent.next('keys', 3_000)).version).toBe(device.serverKeysVersion + 1);
    await technician.post(`/api/v1/devices/${device.deviceId}/actions`, { type: 'lock' });
    const command = await agent.next('command');
    expect(command).toMatchObject({ keyId: signing?.id });
    expect(isSignedByPinnedKey(command, device.serverKeys)).toBe(true);
    await agent.close();
  });
});
