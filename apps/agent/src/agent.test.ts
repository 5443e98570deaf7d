import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeviceOs } from '@atrium/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningAgent, startAgent } from './agent';
import { publicKeyX } from './keys';
import { createLogger } from './log';
import { type FakeServer, startFakeServer } from './test/fake-server';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  options: { os?: DeviceOs; capMs?: number; heartbeatSeconds?: number; failEnrollments?: number } = {},
) {
  const server = await startFakeServer({
    heartbeatSeconds: options.heartbeatSeconds,
    failEnrollments: options.failEnrollments,
  });
  cleanups.push(() => server.close());
  const stateDir = await mkdtemp(path.join(tmpdir(), 'atrium-agent-'));
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line));
  const start = async (token = server.token): Promise<RunningAgent> => {
    const agent = await startAgent({
      serverUrl: server.url,
      token,
      stateDir,
      dryRun: true,
      simulateOs: options.os ?? 'windows',
      backoff: { baseMs: 10, capMs: options.capMs ?? 50 },
      log,
    });
    cleanups.push(() => agent.stop());
    return agent;
  };
  return { server, stateDir, lines, start };
}

/** Sends `later` after the commands under test and waits for its result: by then they were handled. */
async function settle(server: FakeServer, deviceId: string, connection = server.connections.at(-1)) {
  const later = server.command(deviceId, 'lock');
  connection?.send(server.signed(later));
  await connection?.waitFor('result', (message) => message.id === later.id);
}

describe('agent against a server', () => {
  it('enrolls, proves its key, beats, and runs a signed command', async () => {
    const { server, start, stateDir } = await setup({ heartbeatSeconds: 0.05 });
    const agent = await start();
    const connection = await server.connection();
    expect(connection.hello).toMatchObject({
      deviceId: agent.deviceId,
      os: 'windows',
      osVersion: 'Windows 11 Pro 23H2 (simulated)',
      loggedInUser: 'alex',
      agentVersion: '0.1.0',
    });
    await connection.waitFor('heartbeat');

    const command = server.command(agent.deviceId, 'lock');
    connection.send(server.signed(command));
    const result = await connection.waitFor('result');
    expect(connection.messages.filter((message) => message.type !== 'heartbeat')).toEqual([
      { type: 'ack', id: command.id, accepted: true },
      { type: 'running', id: command.id },
      result,
    ]);
    expect(result).toMatchObject({
      id: command.id,
      status: 'succeeded',
      exitCode: 0,
      output: '["rundll32.exe","user32.dll,LockWorkStation"]',
      rebootRequired: false,
    });

    connection.send({ type: 'result_stored', id: command.id });
    await expect
      .poll(() => readFile(path.join(stateDir, 'journal.jsonl'), 'utf8'))
      .toContain('"event":"stored"');
  });

  it('reboots (dry run) by coming back with a new boot id, and re-sends the unstored result', async () => {
    const { server, start } = await setup();
    const agent = await start();
    const first = await server.connection();
    const reboot = server.command(agent.deviceId, 'reboot');
    first.send(server.signed(reboot));
    expect(await first.waitFor('result')).toMatchObject({
      status: 'restarting',
      exitCode: 0,
      output: '["shutdown.exe","/r","/t","60"]',
    });

    const second = await server.connection(2);
    expect(second.hello.bootId).not.toBe(first.hello.bootId);
    expect(await second.waitFor('result')).toMatchObject({ id: reboot.id, status: 'restarting' });
    expect(second.messages.some((message) => message.type === 'running')).toBe(false);
  });

  it('refuses commands that are not signed by a pinned key, not for this device, or expired', async () => {
    const { server, start, stateDir } = await setup();
    const agent = await start();
    const connection = await server.connection();
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const cases = [
      { reason: 'bad signature', message: server.signed(server.command(agent.deviceId, 'reboot'), otherKey) },
      {
        reason: 'unknown server key',
        message: server.signed(server.command(agent.deviceId, 'reboot'), server.serverKey, 'key-9'),
      },
      {
        reason: 'command expired',
        message: server.signed(
          server.command(
            agent.deviceId,
            'reboot',
            {},
            { expiresAt: new Date(Date.now() - 1000).toISOString() },
          ),
        ),
      },
      {
        reason: 'command for another device',
        message: server.signed(server.command('0b8f2f1e-5d55-4b8f-9d43-4a3f3c0e2a11', 'reboot')),
      },
    ];
    // A valid signature over different fields: the agent checks what it runs, not what was signed.
    const tampered = server.signed(server.command(agent.deviceId, 'lock'));
    if (tampered.type === 'command') tampered.command.type = 'shutdown';
    cases.push({ reason: 'bad signature', message: tampered });

    for (const { message } of cases) connection.send(message);
    await settle(server, agent.deviceId);

    for (const { reason, message } of cases) {
      if (message.type !== 'command') continue;
      const { id } = message.command;
      expect(connection.messages.filter((m) => 'id' in m && m.id === id)).toEqual([
        { type: 'ack', id, accepted: false, reason },
      ]);
    }
    const journal = await readFile(path.join(stateDir, 'journal.jsonl'), 'utf8');
    expect(journal.match(/"event":"started"/g)).toHaveLength(1);
    expect(server.connections).toHaveLength(1);
  });

  it('runs a redelivered command once, across an agent restart too', async () => {
    const { server, start } = await setup();
    const agent = await start();
    const connection = await server.connection();
    const command = server.signed(server.command(agent.deviceId, 'logoff'));
    connection.send(command);
    const result = await connection.waitFor('result');
    connection.send(command);
    await settle(server, agent.deviceId);
    const about = connection.messages.filter(
      (m) => 'id' in m && command.type === 'command' && m.id === command.command.id,
    );
    expect(about.map((m) => m.type)).toEqual(['ack', 'running', 'result', 'ack', 'result']);
    expect(about[4]).toEqual(result);

    await agent.stop();
    await start();
    const again = await server.connection(2);
    // Re-sent after the welcome, then again on redelivery; never run.
    await again.waitFor('result', (m) => m.id === result.id);
    again.send(command);
    await settle(server, agent.deviceId, again);
    const aboutAgain = again.messages.filter((m) => 'id' in m && m.id === result.id);
    expect(aboutAgain.map((m) => m.type)).toEqual(['result', 'ack', 'result']);
    expect(aboutAgain[0]).toEqual(result);
  });

  it('refuses what its OS cannot do, and never shows a password', async () => {
    const { server, start, stateDir, lines } = await setup({ os: 'linux' });
    const agent = await start();
    const connection = await server.connection();
    const password = 'Zebra-Lantern-91!';
    const reset = server.passwordReset(agent.deviceId, 'alex', password);
    connection.send(server.signed(reset));
    expect(await connection.waitFor('result')).toMatchObject({
      status: 'succeeded',
      output: '["chpasswd"]\n["chage","-d","0","alex"]',
    });
    const inClear = server.command(agent.deviceId, 'reset_password', { user: 'alex', password });
    connection.send(server.signed(inClear));
    expect(await connection.waitFor('ack', (m) => m.id === inClear.id)).toMatchObject({
      accepted: false,
      reason: 'the password reset is malformed',
    });
    // A sealed password opens for its own command only: replayed into another, it is refused.
    const replayed = server.command(agent.deviceId, 'reset_password', reset.params);
    connection.send(server.signed(replayed));
    expect(await connection.waitFor('ack', (m) => m.id === replayed.id)).toMatchObject({
      accepted: false,
      reason: 'the password was not sealed to this device',
    });
    const root = server.passwordReset(agent.deviceId, 'root', password);
    connection.send(server.signed(root));
    expect(await connection.waitFor('ack', (m) => m.id === root.id)).toMatchObject({
      accepted: false,
      reason: "the superuser's password is not reset this way",
    });
    const install = server.command(agent.deviceId, 'install_software', { homebrew: 'wget' });
    connection.send(server.signed(install));
    expect(await connection.waitFor('ack', (m) => m.id === install.id)).toEqual({
      type: 'ack',
      id: install.id,
      accepted: false,
      reason: 'software installation is not supported on Linux',
    });

    const everything = [
      JSON.stringify(connection.messages),
      lines.join(''),
      await readFile(path.join(stateDir, 'journal.jsonl'), 'utf8'),
      await readFile(path.join(stateDir, 'agent.json'), 'utf8'),
    ].join('\n');
    expect(everything).not.toContain(password);
    expect(lines.join('')).not.toContain(server.token);
  });

  it('pins a newer key set signed by a pinned key, keeps it across a restart, and drops the old key', async () => {
    const { server, start, stateDir, lines } = await setup();
    const agent = await start();
    const connection = await server.connection();
    const nextKey = generateKeyPairSync('ed25519').privateKey;
    const keys = [
      { id: 'key-2', publicKey: publicKeyX(nextKey) },
      { id: 'key-3', publicKey: publicKeyX(generateKeyPairSync('ed25519').privateKey) },
    ];
    connection.send(server.keySet(agent.deviceId, keys, 2));
    await expect.poll(() => lines.join('')).toContain("pinned the server's keys of version 2: key-2, key-3");
    const byNext = server.signed(server.command(agent.deviceId, 'lock'), nextKey, 'key-2');
    connection.send(byNext);
    expect(await connection.waitFor('result')).toMatchObject({ status: 'succeeded' });
    const saved = JSON.parse(await readFile(path.join(stateDir, 'agent.json'), 'utf8'));
    expect(saved).toMatchObject({ serverKeys: keys, serverKeysVersion: 2 });

    await agent.stop();
    await start();
    const again = await server.connection(2);
    const retired = server.signed(server.command(agent.deviceId, 'lock'));
    const current = server.signed(server.command(agent.deviceId, 'logoff'), nextKey, 'key-2');
    again.send(retired);
    again.send(current);
    if (retired.type !== 'command' || current.type !== 'command') throw new Error('not commands');
    expect(await again.waitFor('ack', (m) => m.id === retired.command.id)).toMatchObject({
      accepted: false,
      reason: 'unknown server key',
    });
    expect(await again.waitFor('result', (m) => m.id === current.command.id)).toMatchObject({
      status: 'succeeded',
    });
  });

  it('ignores key sets signed by a key it does not pin, older than its own, or for another device', async () => {
    const { server, start, stateDir, lines } = await setup();
    const agent = await start();
    const connection = await server.connection();
    const rogue = generateKeyPairSync('ed25519').privateKey;
    const rogueKeys = [{ id: 'rogue', publicKey: publicKeyX(rogue) }];
    const current = [{ id: 'key-1', publicKey: publicKeyX(server.serverKey) }, ...rogueKeys];
    connection.send(server.keySet(agent.deviceId, rogueKeys, 5, rogue, 'rogue'));
    connection.send(server.keySet(agent.deviceId, rogueKeys, 5, rogue, 'key-1'));
    connection.send(server.keySet('0b8f2f1e-5d55-4b8f-9d43-4a3f3c0e2a11', current, 5));
    connection.send(server.keySet(agent.deviceId, current, 0));
    // The same version as its own, with other keys: what it pins is not replaced.
    connection.send(server.keySet(agent.deviceId, current, 1));
    connection.send({ type: 'keys', keys: current, version: 5, keyId: 'key-1' } as never);
    await expect
      .poll(() =>
        lines
          .filter((line) => line.includes('server key set ignored'))
          .map((line) => line.split('ignored: ')[1]?.trim()),
      )
      .toEqual([
        'signed by a key this agent does not pin',
        'bad signature, or meant for another device',
        'bad signature, or meant for another device',
        'version 0 is older than the pinned 1',
      ]);
    const byRogue = server.signed(server.command(agent.deviceId, 'lock'), rogue, 'rogue');
    connection.send(byRogue);
    await settle(server, agent.deviceId);
    if (byRogue.type !== 'command') throw new Error('not a command');
    expect(await connection.waitFor('ack', (m) => m.id === byRogue.command.id)).toMatchObject({
      accepted: false,
      reason: 'unknown server key',
    });
    expect(lines.join('')).toContain('ignored a frame the agent does not understand');
    const saved = JSON.parse(await readFile(path.join(stateDir, 'agent.json'), 'utf8'));
    expect(saved).toMatchObject({ serverKeys: [current[0]], serverKeysVersion: 1 });
    expect(server.connections).toHaveLength(1);
  });

  it('reconnects after the server closes the connection', async () => {
    const { server, start } = await setup();
    await start();
    (await server.connection()).close(1011);
    const second = await server.connection(2);
    expect(second.hello.deviceId).toBe((await server.connection(1)).hello.deviceId);
  });

  it('keeps retrying at the cap when the server refuses the device', async () => {
    const { server, start, lines } = await setup({ capMs: 300 });
    await start();
    const first = await server.connection();
    const refusedAt = Date.now();
    first.close(4401);
    await server.connection(2);
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(290);
    expect(lines.join('')).toContain('the server refused this device (removed or not enrolled?)');
  });

  it('closes cleanly when stopped', async () => {
    const { server, start } = await setup();
    const agent = await start();
    const connection = await server.connection();
    await agent.stop();
    expect(await connection.closed).toBe(1000);
  });
});

describe('agent start', () => {
  it('retries enrollment while the server fails, then enrolls', async () => {
    const { server, start, lines } = await setup({ failEnrollments: 2 });
    await start();
    await server.connection();
    expect(lines.filter((line) => line.includes('enrollment failed (the server answered 503)'))).toHaveLength(
      2,
    );
  });

  it('stops at a refused token with the server message', async () => {
    const { start } = await setup();
    await expect(start('not-the-token')).rejects.toThrow(
      'enrollment refused: This enrollment token is not valid.',
    );
  });

  it('needs a token only to enroll', async () => {
    const { server, start, stateDir } = await setup();
    const agent = await start();
    await server.connection();
    await agent.stop();
    await expect(
      startAgent({ serverUrl: server.url, stateDir, dryRun: true, log: createLogger(() => {}) }).then(
        (again) => {
          cleanups.push(() => again.stop());
          return again.deviceId;
        },
      ),
    ).resolves.toBe(agent.deviceId);
    const fresh = await mkdtemp(path.join(tmpdir(), 'atrium-agent-'));
    await expect(
      startAgent({ serverUrl: server.url, stateDir: fresh, dryRun: true, log: createLogger(() => {}) }),
    ).rejects.toThrow('--token is required');
  });

  it.skipIf(process.platform === 'win32')('refuses to start with a key file others can read', async () => {
    const { server, start, stateDir } = await setup();
    const agent = await start();
    await server.connection();
    await agent.stop();
    await chmod(path.join(stateDir, 'device-key.pem'), 0o640);
    await expect(start()).rejects.toThrow('readable by group or others (mode 640)');
  });
});
