import fs from 'node:fs';
import path from 'node:path';
import { ACTIONS_IN_FLIGHT, type ActionState } from '@atrium/shared';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsOutbox } from '../../db/schema';
import {
  type AgentProcess,
  createEnrollmentToken,
  eventually,
  listen,
  startAgentProcess,
} from '../../test/agents';
import { type Client, contactClient, technicianClient } from '../../test/factories';
import { codeTextedTo } from '../../test/sms';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * Self-service end to end (SPEC §5, §6): a contact in the portal, the SMS code from the outbox, and
 * the real agent in a process of its own (dry runs: it records the argv it would run).
 */

let t: TestApp;
let origin: string;
let admin: Client;
const logged: string[] = [];
const agents: AgentProcess[] = [];

beforeAll(async () => {
  t = await createTestApp({ AGENT_HEARTBEAT_SECONDS: '1' }, { log: (line) => logged.push(line) });
  origin = await listen(t);
  admin = (await technicianClient(t, 'admin')).client;
  await admin.patch('/api/v1/settings/portal', { features: { selfService: { enabled: true } } });
});
afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.kill()));
  for (const agent of agents) fs.rmSync(agent.stateDir, { recursive: true, force: true });
  await t.close();
});

const AGENT_START_MS = 30_000;
let numbers = 0;
const newNumber = () => `+3361234${String(1000 + numbers++).padStart(4, '0')}`;

/** A contact with a confirmed number, and their computer's real agent online. */
async function contactWithAgent(
  os: 'windows' | 'macos' | 'linux',
  options: { simulatedRunMs?: number } = {},
) {
  const { contact, client: portal } = await contactClient(t, { language: 'fr' });
  const phone = newNumber();
  await portal.post('/portal/api/2fa/phone', { phone });
  await portal.post('/portal/api/2fa/verify', { code: await codeTextedTo(admin, phone) });
  const token = await createEnrollmentToken(admin, contact.customerId ?? '');
  const agent = startAgentProcess(origin, { token, os, ...options });
  agents.push(agent);
  const device = await eventually(
    async () => (await admin.get(`/api/v1/devices?customerId=${contact.customerId}`)).json().items[0],
    (found) => found?.online === true,
    AGENT_START_MS,
  );
  await admin.patch(`/api/v1/devices/${device.id}`, { contactId: contact.id });
  return { portal, phone, device, agent };
}

const isOver = (state: ActionState) => !ACTIONS_IN_FLIGHT.includes(state);

/** Asks for an action in the portal, types the code texted for it, and waits for how it ends. */
async function runWithCode(
  portal: Client,
  phone: string,
  deviceId: string,
  body: { type: string; softwareId?: string },
) {
  const asked = await portal.post(`/portal/api/devices/${deviceId}/actions`, body);
  expect(asked.statusCode, asked.body).toBe(202);
  const { id } = asked.json().action;
  const verified = await portal.post(`/portal/api/actions/${id}/verify`, {
    code: await codeTextedTo(admin, phone),
  });
  expect(verified.json().state).toBe('queued');
  return eventually(
    async () => (await portal.get(`/portal/api/actions/${id}`)).json(),
    (action) => isOver(action.state),
    AGENT_START_MS,
  );
}

const textsTo = async (phone: string): Promise<string[]> =>
  (await admin.get('/api/v1/outbox/sms?pageSize=100'))
    .json()
    .items.filter((sms: { to: string }) => sms.to === phone)
    .map((sms: { body: string }) => sms.body);

const TEMPORARY_PASSWORD = /\b([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})\b/;

describe('self-service with the real agent', () => {
  // Five codes in a quarter of an hour is all a contact gets (the number's confirmation counts):
  // the action types are shared out between two contacts.
  it('a contact reboots and shuts down their Windows computer; each succeeds when it comes back', async () => {
    const { portal, phone, device } = await contactWithAgent('windows');
    for (const type of ['reboot', 'shutdown']) {
      const action = await runWithCode(portal, phone, device.id, { type });
      expect({ type: action.type, state: action.state }).toEqual({ type, state: 'succeeded' });
    }
  });

  it('a contact runs every other action on their Windows computer, each after its own texted code', async () => {
    const { portal, phone, device } = await contactWithAgent('windows');
    const editor = (
      await admin.post('/api/v1/software', { name: 'Notepad++', chocolatey: 'notepadplusplus' })
    ).json();
    const listed = (await portal.get('/portal/api/devices')).json()[0];
    expect(listed).toMatchObject({
      actions: ['reboot', 'shutdown', 'lock', 'logoff', 'reset_password'],
      passwordResetAccount: 'alex',
    });
    const requests = [
      { type: 'lock' },
      { type: 'logoff' },
      { type: 'install_software', softwareId: editor.id },
      { type: 'reset_password' },
    ];
    for (const body of requests) {
      const action = await runWithCode(portal, phone, device.id, body);
      expect({ type: action.type, state: action.state }).toEqual({ type: body.type, state: 'succeeded' });
      // Technicians see what ran and who asked, in the audit log.
      const audit = (await admin.get(`/api/v1/audit?targetId=${action.id}&pageSize=50`)).json().items;
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual(
        expect.arrayContaining([
          'device_action.awaiting_verification',
          'device_action.queued',
          'device_action.succeeded',
        ]),
      );
    }
    const history = (await portal.get('/portal/api/devices')).json()[0].recentActions;
    expect(history.map((action: { type: string }) => action.type)).toEqual([
      'reset_password',
      'install_software',
      'logoff',
      'lock',
    ]);
  });

  it('on Linux the contact resets their password; installs are not offered and refused', async () => {
    const { portal, phone, device } = await contactWithAgent('linux');
    const listed = (await portal.get('/portal/api/devices')).json()[0];
    expect(listed.software).toEqual([]);
    const reset = await runWithCode(portal, phone, device.id, { type: 'reset_password' });
    expect(reset.state).toBe('succeeded');
    const output = (await admin.get(`/api/v1/actions/${reset.id}`)).json().output;
    expect(output).toBe('["chpasswd"]\n["chage","-d","0","alex"]');
    expect((await textsTo(phone)).filter((body) => TEMPORARY_PASSWORD.test(body))).toHaveLength(1);
  });

  it('a Mac is not offered a password reset, and one asked anyway is refused before it is created', async () => {
    const { portal, device } = await contactWithAgent('macos');
    const listed = (await portal.get('/portal/api/devices')).json()[0];
    expect(listed.actions).not.toContain('reset_password');
    expect(listed.passwordResetAccount).toBeNull();
    const refused = await portal.post(`/portal/api/devices/${device.id}/actions`, { type: 'reset_password' });
    expect(refused.statusCode).toBe(422);
    expect((await admin.get(`/api/v1/actions?deviceId=${device.id}`)).json().total).toBe(0);
  });

  it('the temporary password is texted once, after the agent set it, and appears nowhere else', async () => {
    const { portal, phone, device, agent } = await contactWithAgent('windows', { simulatedRunMs: 1500 });
    const responses: string[] = [];
    const record = async (response: Promise<{ body: string }>) => {
      responses.push((await response).body);
    };
    const asked = await portal.post(`/portal/api/devices/${device.id}/actions`, { type: 'reset_password' });
    responses.push(asked.body);
    const { id } = asked.json().action;
    const verified = await portal.post(`/portal/api/actions/${id}/verify`, {
      code: await codeTextedTo(admin, phone),
    });
    responses.push(verified.body);

    // While the agent is at it, no text says a password that may never be set.
    await eventually(
      async () => (await portal.get(`/portal/api/actions/${id}`)).json(),
      (action) => action.state === 'running',
      AGENT_START_MS,
    );
    expect((await textsTo(phone)).some((body) => TEMPORARY_PASSWORD.test(body))).toBe(false);

    await eventually(
      async () => (await portal.get(`/portal/api/actions/${id}`)).json(),
      (action) => action.state === 'succeeded',
      AGENT_START_MS,
    );
    const texts = (await textsTo(phone)).filter((body) => TEMPORARY_PASSWORD.test(body));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`pour alex sur ${device.hostname}`);
    const password = TEMPORARY_PASSWORD.exec(texts[0] ?? '')?.[1] ?? '';

    await Promise.all([
      record(portal.get(`/portal/api/actions/${id}`)),
      record(portal.get('/portal/api/devices')),
      record(admin.get(`/api/v1/actions/${id}`)),
      record(admin.get(`/api/v1/actions?deviceId=${device.id}`)),
      record(admin.get(`/api/v1/devices/${device.id}`)),
      record(admin.get(`/api/v1/audit?pageSize=100`)),
    ]);
    const { db } = t.database;
    const stored = await Promise.all([
      db.execute(sql`select params, output, error from device_actions`),
      db.execute(sql`select details from audit_log`),
      db.execute(sql`select * from mail_outbox`),
    ]);
    expect(await db.$count(smsOutbox, like(smsOutbox.body, `%${password}%`))).toBe(1);
    const agentFiles = fs
      .readdirSync(agent.stateDir)
      .map((name) => path.join(agent.stateDir, name))
      .filter((file) => fs.statSync(file).isFile())
      .map((file) => fs.readFileSync(file, 'utf8'));
    const everywhereElse = [
      ...responses,
      ...logged,
      agent.output(),
      ...agentFiles,
      JSON.stringify(stored),
    ].join('\n');
    expect(password).toMatch(TEMPORARY_PASSWORD);
    expect(everywhereElse).not.toContain(password);
  });

  it('a password reset called back before it went out sends no text', async () => {
    const { portal, phone, device, agent } = await contactWithAgent('linux');
    await agent.stop();
    await eventually(
      async () => (await admin.get(`/api/v1/devices/${device.id}`)).json(),
      (found) => found.online === false,
      AGENT_START_MS,
    );
    const { id } = (
      await portal.post(`/portal/api/devices/${device.id}/actions`, { type: 'reset_password' })
    ).json().action;
    await portal.post(`/portal/api/actions/${id}/verify`, { code: await codeTextedTo(admin, phone) });
    expect((await admin.post(`/api/v1/actions/${id}/cancel`, {})).json().state).toBe('cancelled');
    // The held text is dropped by the next sweep, unsent.
    await eventually(
      () => t.database.db.$count(smsOutbox, eq(smsOutbox.actionId, id)),
      (held) => held === 0,
      AGENT_START_MS,
    );
    expect((await textsTo(phone)).some((body) => TEMPORARY_PASSWORD.test(body))).toBe(false);
  });
});
