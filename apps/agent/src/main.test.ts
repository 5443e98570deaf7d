import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer } from './test/fake-server';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The real CLI, as `npm run agent` starts it. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/agent/src/main.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('atrium-agent CLI', () => {
  it('enrolls, connects with a verified hello, runs a command and stops on SIGTERM', {
    timeout: 30_000,
  }, async () => {
    const server = await startFakeServer();
    const stateDir = path.join(await mkdtemp(path.join(tmpdir(), 'atrium-cli-')), 'state');
    try {
      const cli = runCli([
        '--server',
        server.url,
        '--token',
        server.token,
        '--state-dir',
        stateDir,
        '--dry-run',
        '--simulate-os',
        'macos',
        '--backoff-base-ms',
        '10',
        '--backoff-cap-ms',
        '50',
      ]);
      const connection = await server.connection();
      expect(connection.hello).toMatchObject({
        os: 'macos',
        osVersion: 'macOS 15.1 (simulated)',
        loggedInUser: 'alex',
      });

      const config = JSON.parse(await readFile(path.join(stateDir, 'agent.json'), 'utf8'));
      expect(config).toEqual({
        serverUrl: server.url,
        deviceId: connection.hello.deviceId,
        serverKeys: [expect.any(Object)],
        serverKeysVersion: 1,
      });
      if (process.platform !== 'win32') {
        expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
        expect((await stat(path.join(stateDir, 'device-key.pem'))).mode & 0o777).toBe(0o600);
      }

      const install = server.command(connection.hello.deviceId, 'install_software', {
        homebrew: 'firefox',
        homebrewCask: true,
      });
      connection.send(server.signed(install));
      expect((await connection.waitFor('result')).output).toBe(
        '["/usr/bin/sudo","-u","alex","-H","/usr/bin/env","HOMEBREW_NO_AUTO_UPDATE=1","/opt/homebrew/bin/brew","install","--cask","firefox"]',
      );

      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(await connection.closed).toBe(1000);
      const lines = cli.stderr().trim().split('\n');
      for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (info|warn|error) /);
      expect(cli.stderr()).toContain(`command ${install.id} (install_software) succeeded`);
      expect(cli.stderr()).not.toContain(server.token);
    } finally {
      await server.close();
    }
  });

  it('exits 2 on a usage error', { timeout: 30_000 }, async () => {
    const cli = runCli(['--server', 'http://127.0.0.1:9', '--simulate-os', 'linux']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--simulate-os is allowed only with --dry-run');
    expect(cli.stderr()).toContain('usage: atrium-agent');
  });

  it('exits 1 with the server message when the token is refused', { timeout: 30_000 }, async () => {
    const server = await startFakeServer();
    try {
      const stateDir = await mkdtemp(path.join(tmpdir(), 'atrium-cli-'));
      const cli = runCli(['--server', server.url, '--token', 'wrong', '--state-dir', stateDir, '--dry-run']);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toContain('enrollment refused: This enrollment token is not valid.');
    } finally {
      await server.close();
    }
  });
});
