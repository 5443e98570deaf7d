import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentProcess,
  createEnrollmentToken,
  eventually,
  listen,
  startAgentProcess,
} from '../../test/agents';
import { buildCustomer, type Client, technicianClient } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

/** The real agent, in processes of its own, against the real server (dry runs: argv, not commands). */

let t: TestApp;
let origin: string;
let technician: Client;
let admin: Client;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  t = await createTestApp({ AGENT_HEARTBEAT_SECONDS: '1' });
  origin = await listen(t);
  technician = (await technicianClient(t, 'technician')).client;
  admin = (await technicianClient(t, 'admin')).client;
});
afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.kill()));
  for (const agent of agents) fs.rmSync(agent.stateDir, { recursive: true, force: true });
  await t.close();
});

const AGENT_START_MS = 30_000;

function agent(options: Parameters<typeof startAgentProcess>[1]): AgentProcess {
  const started = startAgentProcess(origin, options);
  agents.push(started);
  return started;
}

/** A customer, a token, and an agent enrolled with it and online. */
async function onlineAgent(os: 'windows' | 'macos' | 'linux', options: { simulatedRunMs?: number } = {}) {
  const customer = await buildCustomer(t);
  const token = await createEnrollmentToken(technician, customer.id);
  const process = agent({ token, os, ...options });
  const device = await eventually(
    async () => (await technician.get(`/api/v1/devices?customerId=${customer.id}`)).json().items[0],
    (found) => found?.online === true,
    AGENT_START_MS,
  );
  return { process, device, customer };
}

const run = async (deviceId: string, type: string) => {
  const response = await technician.post(`/api/v1/devices/${deviceId}/actions`, { type });
  expect(response.statusCode).toBe(202);
  return response.json().id as string;
};
const actionOf = async (id: string) => (await technician.get(`/api/v1/actions/${id}`)).json();
const finished = (id: string) =>
  eventually(
    () => actionOf(id),
    (action) => !['queued', 'sent', 'acknowledged', 'running'].includes(action.state),
    AGENT_START_MS,
  );
const auditOf = async (id: string) =>
  (await admin.get(`/api/v1/audit?targetId=${id}&pageSize=50`))
    .json()
    .items.map((entry: { action: string }) => entry.action);

describe('the agent', () => {
  it('enrolls as each OS, comes online and locks the screen with that OS’s own command', async () => {
    const expected = {
      windows: '["rundll32.exe","user32.dll,LockWorkStation"]',
      macos: '["/usr/bin/pmset","displaysleepnow"]',
      linux: '["loginctl","lock-sessions"]',
    } as const;
    await Promise.all(
      (['windows', 'macos', 'linux'] as const).map(async (os) => {
        const { device } = await onlineAgent(os);
        expect(device).toMatchObject({ os, osVersion: expect.stringContaining('simulated') });
        const action = await finished(await run(device.id, 'lock'));
        expect(action).toMatchObject({ state: 'succeeded', exitCode: 0, output: expected[os] });
      }),
    );
  });

  it('installs catalog software with Chocolatey on Windows and Homebrew on macOS', async () => {
    const entry = (
      await admin.post('/api/v1/software', {
        name: 'Firefox',
        chocolatey: 'firefox',
        homebrew: 'firefox',
        homebrewCask: true,
      })
    ).json();
    const expected = {
      windows: /choco\.exe","install","firefox","-y","--no-progress","--limit-output"/,
      macos: /brew","install","--cask","firefox"/,
    } as const;
    await Promise.all(
      (['windows', 'macos'] as const).map(async (os) => {
        const { device } = await onlineAgent(os);
        const asked = await technician.post(`/api/v1/devices/${device.id}/actions`, {
          type: 'install_software',
          softwareId: entry.id,
        });
        expect(asked.statusCode).toBe(202);
        const action = await finished(asked.json().id);
        expect(action).toMatchObject({ state: 'succeeded', exitCode: 0 });
        expect(action.output).toMatch(expected[os]);
      }),
    );
  });

  it('gets an action queued while it was stopped once it starts again, and runs it once', async () => {
    const { process, device } = await onlineAgent('linux');
    expect(await process.stop()).toBe(0);
    await eventually(
      async () => (await technician.get(`/api/v1/devices/${device.id}`)).json(),
      (found) => !found.online,
    );
    const id = await run(device.id, 'logoff');
    expect((await actionOf(id)).state).toBe('queued');
    agent({ stateDir: process.stateDir, os: 'linux' });
    expect(await finished(id)).toMatchObject({
      state: 'succeeded',
      output: '["loginctl","terminate-user","alex"]',
    });
    expect((await auditOf(id)).filter((action: string) => action === 'device_action.running')).toHaveLength(
      1,
    );
  });

  it('reboots: the action succeeds once the machine comes back from another boot', async () => {
    const { device } = await onlineAgent('windows');
    const id = await run(device.id, 'reboot');
    const action = await finished(id);
    expect(action).toMatchObject({ state: 'succeeded', output: '["shutdown.exe","/r","/t","60"]' });
    const after = (await technician.get(`/api/v1/devices/${device.id}`)).json();
    expect(after.online).toBe(true);
    expect(await auditOf(id)).toContain('device_action.succeeded');
  });

  it('killed in the middle of an action, never runs it again: the action ends outcome unknown', async () => {
    const { process, device } = await onlineAgent('macos', { simulatedRunMs: 60_000 });
    const id = await run(device.id, 'lock');
    await eventually(
      () => actionOf(id),
      (action) => action.state === 'running',
      AGENT_START_MS,
    );
    await process.kill();
    const restarted = agent({ stateDir: process.stateDir, os: 'macos' });
    expect(await finished(id)).toMatchObject({ state: 'outcome_unknown' });
    expect(restarted.output()).not.toMatch(new RegExp(`${id}.*succeeded`));
    expect(await auditOf(id)).not.toContain('device_action.succeeded');
  });

  it('stays connected across two rotations of the server keys and still runs commands', async () => {
    const { process, device } = await onlineAgent('linux');
    const before = (await technician.get('/api/v1/agent-signing-keys')).json().items.length;
    for (const _ of [1, 2]) {
      expect((await admin.post('/api/v1/agent-signing-keys/rotate')).statusCode).toBe(200);
    }
    // Neither key it pinned at enrollment signs any more: the command is signed by the one it learned.
    const id = await run(device.id, 'lock');
    expect(await finished(id)).toMatchObject({ state: 'succeeded', output: '["loginctl","lock-sessions"]' });
    expect(process.output()).toContain(`pinned the server's keys of version ${before + 2}`);
    const config = JSON.parse(fs.readFileSync(path.join(process.stateDir, 'agent.json'), 'utf8'));
    expect(config.serverKeysVersion).toBe(before + 2);
  });

  it('exits with the server’s words when its token is used up', async () => {
    const customer = await buildCustomer(t);
    const token = await createEnrollmentToken(technician, customer.id, { maxUses: 1 });
    await onlineAgentWith(token);
    const refused = agent({ token, os: 'windows' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/not valid/);
  });
});

describe('installing the agent', () => {
  it('downloads the agent file from the server, which enrolls and registers itself as a systemd service', async () => {
    const download = await t.app.inject({ method: 'GET', url: '/agent/atrium-agent.mjs' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('atrium-agent.mjs');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-install-'));
    const file = path.join(root, 'downloaded.mjs');
    fs.writeFileSync(file, download.rawPayload);
    const customer = await buildCustomer(t);
    const token = await createEnrollmentToken(technician, customer.id);
    const stateDir = path.join(root, 'var/lib/atrium-agent');
    const installer = spawn(
      process.execPath,
      [
        file,
        '--install',
        '--server',
        origin,
        '--token',
        token,
        '--state-dir',
        stateDir,
        '--dry-run',
        '--simulate-os',
        'linux',
        '--install-root',
        root,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    installer.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise((resolve) => installer.once('exit', resolve));
    expect(code, output).toBe(0);

    const devices = (await technician.get(`/api/v1/devices?customerId=${customer.id}`)).json();
    expect(devices.total).toBe(1);
    expect(fs.readFileSync(path.join(root, 'opt/atrium-agent/atrium-agent.mjs'))).toEqual(
      download.rawPayload,
    );
    const unit = fs.readFileSync(path.join(root, 'etc/systemd/system/atrium-agent.service'), 'utf8');
    expect(unit).toContain(
      `ExecStart=${process.execPath} /opt/atrium-agent/atrium-agent.mjs --server ${origin} --state-dir ${stateDir}`,
    );
    expect(unit).not.toContain(token);
    expect(fs.statSync(path.join(stateDir, 'device-key.pem')).mode & 0o777).toBe(0o600);
    expect(output).toContain('would run ["systemctl","enable","--now","atrium-agent.service"]');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

async function onlineAgentWith(token: string) {
  const first = agent({ token, os: 'windows' });
  await eventually(
    () => Promise.resolve(first.output()),
    (output) => output.includes('started for device'),
    AGENT_START_MS,
  );
}
