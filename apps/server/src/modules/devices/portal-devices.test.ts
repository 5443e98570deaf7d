import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, createEnrollmentToken, enrollDevice, eventually, listen } from '../../test/agents';
import { buildContact, type Client, contactClient, technicianClient } from '../../test/factories';
import { codeTextedTo, wrongCode } from '../../test/sms';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let origin: string;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  origin = await listen(t);
  admin = (await technicianClient(t, 'admin')).client;
  await admin.patch('/api/v1/settings/portal', { features: { selfService: { enabled: true } } });
});
afterAll(async () => t.close());

let numbers = 0;
const newNumber = () => `+4915112${String(100_000 + numbers++).padStart(6, '0')}`;

/** A contact with a confirmed number and a device of their own, its agent connected. */
async function contactWithDevice() {
  const { contact, client: portal } = await contactClient(t);
  const phone = newNumber();
  await portal.post('/portal/api/2fa/phone', { phone });
  await portal.post('/portal/api/2fa/verify', { code: await codeTextedTo(admin, phone) });
  const device = await enrollDevice(t, await createEnrollmentToken(admin, contact.customerId ?? ''));
  await admin.patch(`/api/v1/devices/${device.deviceId}`, { contactId: contact.id });
  const agent = await connectAgent(origin, device);
  await agent.next('welcome');
  return { contact, portal, phone, device, agent };
}

describe('my devices', () => {
  it('a contact locks their computer: the action waits for the texted code, then reaches the agent', async () => {
    const { portal, phone, device, agent } = await contactWithDevice();
    const listed = (await portal.get('/portal/api/devices')).json();
    expect(listed).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        online: true,
        actions: ['reboot', 'shutdown', 'lock', 'logoff', 'reset_password'],
        passwordResetAccount: 'alex',
      }),
    ]);

    const asked = await portal.post(`/portal/api/devices/${device.deviceId}/actions`, { type: 'lock' });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toMatchObject({
      action: { type: 'lock', state: 'awaiting_verification' },
      codeSentTo: phone,
    });
    const id = asked.json().action.id;
    const code = await codeTextedTo(admin, phone);
    const wrong = await portal.post(`/portal/api/actions/${id}/verify`, { code: wrongCode(code) });
    expect(wrong.statusCode).toBe(422);
    expect((await portal.get(`/portal/api/actions/${id}`)).json().state).toBe('awaiting_verification');

    const right = await portal.post(`/portal/api/actions/${id}/verify`, { code });
    expect(right.statusCode).toBe(200);
    expect(right.json().state).toBe('queued');
    expect(await agent.next('command')).toMatchObject({
      command: { id, type: 'lock', deviceId: device.deviceId },
    });
    await eventually(
      async () => (await portal.get(`/portal/api/actions/${id}`)).json(),
      (action) => action.state === 'sent',
    );
    const history = (await portal.get('/portal/api/devices')).json()[0].recentActions;
    expect(history[0]).toMatchObject({ id, type: 'lock' });
    expect(history[0]).not.toHaveProperty('output');
    await agent.close();
  });

  it('a lost code can be texted again; the one before no longer works, and a second lock is in progress', async () => {
    const { portal, phone, device, agent } = await contactWithDevice();
    const url = `/portal/api/devices/${device.deviceId}/actions`;
    const { id } = (await portal.post(url, { type: 'lock' })).json().action;
    const first = await codeTextedTo(admin, phone);
    const twice = await portal.post(url, { type: 'lock' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('action_in_progress');

    const resent = await portal.post(`/portal/api/actions/${id}/code`);
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toMatchObject({
      action: { id, state: 'awaiting_verification' },
      codeSentTo: phone,
    });
    const second = await codeTextedTo(admin, phone);
    if (second !== first) {
      const stale = await portal.post(`/portal/api/actions/${id}/verify`, { code: first });
      expect(stale.json().error.code).toBe('code_wrong');
    }
    expect((await portal.post(`/portal/api/actions/${id}/verify`, { code: second })).json().state).toBe(
      'queued',
    );
    // Once it went out, there is no code to send any more.
    expect((await portal.post(`/portal/api/actions/${id}/code`)).statusCode).toBe(409);
    await agent.close();
  });

  it('with two computers, each shows its own latest actions', async () => {
    const { contact, portal, device, agent } = await contactWithDevice();
    const second = await enrollDevice(t, await createEnrollmentToken(admin, contact.customerId ?? ''));
    await admin.patch(`/api/v1/devices/${second.deviceId}`, { contactId: contact.id });
    const ask = async (deviceId: string, type: string) =>
      (await portal.post(`/portal/api/devices/${deviceId}/actions`, { type })).json().action.id;
    const locked = await ask(device.deviceId, 'lock');
    const rebooted = await ask(second.deviceId, 'reboot');
    const shutDown = await ask(second.deviceId, 'shutdown');
    const listed = (await portal.get('/portal/api/devices')).json();
    const historyOf = (id: string) =>
      listed
        .find((found: { id: string }) => found.id === id)
        .recentActions.map((action: { id: string }) => action.id);
    expect(historyOf(device.deviceId)).toEqual([locked]);
    expect(historyOf(second.deviceId)).toEqual([shutDown, rebooted]);
    await agent.close();
  });

  it('five wrong codes end the action; it must be asked for again', async () => {
    const { portal, phone, device, agent } = await contactWithDevice();
    const id = (
      await portal.post(`/portal/api/devices/${device.deviceId}/actions`, { type: 'reboot' })
    ).json().action.id;
    const code = await codeTextedTo(admin, phone);
    for (let i = 0; i < 5; i++) {
      expect(
        (await portal.post(`/portal/api/actions/${id}/verify`, { code: wrongCode(code) })).statusCode,
      ).toBe(422);
    }
    expect((await portal.get(`/portal/api/actions/${id}`)).json()).toMatchObject({
      state: 'failed',
      error: 'too many wrong codes',
    });
    expect((await portal.post(`/portal/api/actions/${id}/verify`, { code })).statusCode).toBe(409);
    const again = await portal.post(`/portal/api/devices/${device.deviceId}/actions`, { type: 'reboot' });
    expect(again.statusCode).toBe(202);
    await agent.close();
  });

  it('a colleague’s device and another customer’s are not found; a type switched off is refused at once', async () => {
    const { contact, portal, device, agent } = await contactWithDevice();
    const colleague = await buildContact(t, { customerId: contact.customerId });
    const theirs = await enrollDevice(t, await createEnrollmentToken(admin, contact.customerId ?? ''));
    await admin.patch(`/api/v1/devices/${theirs.deviceId}`, { contactId: colleague.contact.id });
    const stranger = await contactWithDevice();
    for (const other of [theirs.deviceId, stranger.device.deviceId]) {
      const refused = await portal.post(`/portal/api/devices/${other}/actions`, { type: 'lock' });
      expect(refused.statusCode).toBe(404);
    }
    const strangerAction = (
      await stranger.portal.post(`/portal/api/devices/${stranger.device.deviceId}/actions`, { type: 'lock' })
    ).json().action.id;
    expect((await portal.get(`/portal/api/actions/${strangerAction}`)).statusCode).toBe(404);
    expect(
      (await portal.post(`/portal/api/actions/${strangerAction}/verify`, { code: '000000' })).statusCode,
    ).toBe(404);

    await admin.patch('/api/v1/settings/portal', {
      features: { selfService: { actions: ['reboot', 'lock', 'logoff', 'install_software'] } },
    });
    try {
      const off = await portal.post(`/portal/api/devices/${device.deviceId}/actions`, { type: 'shutdown' });
      expect(off.statusCode).toBe(403);
      expect((await portal.get('/portal/api/devices')).json()[0].actions).toEqual([
        'reboot',
        'lock',
        'logoff',
      ]);
    } finally {
      await admin.patch('/api/v1/settings/portal', {
        features: {
          selfService: {
            actions: ['reboot', 'shutdown', 'lock', 'logoff', 'reset_password', 'install_software'],
          },
        },
      });
    }
    await Promise.all([agent.close(), stranger.agent.close()]);
  });

  it('a contact installs approved software for their device’s OS once they type the code', async () => {
    const { portal, phone, device, agent } = await contactWithDevice();
    const notepad = (
      await admin.post('/api/v1/software', { name: 'Notepad++', chocolatey: 'notepadplusplus' })
    ).json();
    const mac = (
      await admin.post('/api/v1/software', { name: 'Rectangle', homebrew: 'rectangle', homebrewCask: true })
    ).json();
    const offered = (await portal.get('/portal/api/devices')).json()[0].software;
    expect(offered).toContainEqual({ id: notepad.id, name: 'Notepad++' });
    expect(offered).not.toContainEqual(expect.objectContaining({ id: mac.id }));
    const forDevice = (await portal.get(`/portal/api/software?deviceId=${device.deviceId}`)).json();
    expect(forDevice).toEqual(offered);
    const url = `/portal/api/devices/${device.deviceId}/actions`;
    expect((await portal.post(url, { type: 'install_software', softwareId: mac.id })).statusCode).toBe(422);
    const asked = await portal.post(url, { type: 'install_software', softwareId: notepad.id });
    expect(asked.statusCode).toBe(202);
    const id = asked.json().action.id;
    await portal.post(`/portal/api/actions/${id}/verify`, { code: await codeTextedTo(admin, phone) });
    expect(await agent.next('command')).toMatchObject({
      command: { id, type: 'install_software', params: { chocolatey: 'notepadplusplus' } },
    });
    await agent.close();
  });

  it('without a confirmed number an action is refused, and none is created', async () => {
    const { contact, client: portal } = await contactClient(t);
    const device = await enrollDevice(t, await createEnrollmentToken(admin, contact.customerId ?? ''));
    await admin.patch(`/api/v1/devices/${device.deviceId}`, { contactId: contact.id });
    const refused = await portal.post(`/portal/api/devices/${device.deviceId}/actions`, { type: 'lock' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/confirm your mobile number/);
    expect((await admin.get(`/api/v1/actions?deviceId=${device.deviceId}`)).json().total).toBe(0);
  });
});
