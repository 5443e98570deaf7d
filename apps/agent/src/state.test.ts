import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicKeyX } from './keys';
import { createDeviceKey, prepareStateDir, readAgentConfig, readDeviceKey, writeAgentConfig } from './state';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'atrium-state-'));

describe.skipIf(process.platform === 'win32')('state dir', () => {
  it('is created with mode 700', async () => {
    const dir = path.join(await tempDir(), 'nested', 'state');
    await prepareStateDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('writes the device key with mode 600 and reads it back', async () => {
    const dir = await tempDir();
    expect(await readDeviceKey(dir)).toBeNull();
    const key = await createDeviceKey(dir);
    const file = path.join(dir, 'device-key.pem');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    const read = await readDeviceKey(dir);
    expect(read && publicKeyX(read)).toBe(publicKeyX(key));
  });

  it('refuses a key file that group or others can read', async () => {
    const dir = await tempDir();
    await createDeviceKey(dir);
    await chmod(path.join(dir, 'device-key.pem'), 0o644);
    await expect(readDeviceKey(dir)).rejects.toThrow(/readable by group or others \(mode 644\)/);
  });

  it('refuses a key file that is not an Ed25519 key', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'device-key.pem'), 'nonsense', { mode: 0o600 });
    await expect(readDeviceKey(dir)).rejects.toThrow('not an Ed25519 private key');
  });

  it('writes agent.json atomically, leaving no temp file', async () => {
    const dir = await tempDir();
    const config = {
      serverUrl: 'https://atrium.example',
      deviceId: '6f1c1a52-93a4-4c52-9a1c-6f0f1d1b2c3d',
      serverKeys: [{ id: 'k1', publicKey: 'A'.repeat(43) }],
      serverKeysVersion: 3,
    };
    await writeAgentConfig(dir, config);
    expect(await readAgentConfig(dir)).toEqual(config);
    expect(await readdir(dir)).toEqual(['agent.json']);
  });

  it('reads an agent.json written before key sets had versions as version 0', async () => {
    const dir = await tempDir();
    const older = {
      serverUrl: 'https://atrium.example',
      deviceId: '6f1c1a52-93a4-4c52-9a1c-6f0f1d1b2c3d',
      serverKeys: [{ id: 'k1', publicKey: 'A'.repeat(43) }],
    };
    await writeFile(path.join(dir, 'agent.json'), JSON.stringify(older));
    expect(await readAgentConfig(dir)).toEqual({ ...older, serverKeysVersion: 0 });
  });

  it('refuses an agent.json it cannot read', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'agent.json'), '{"deviceId":"nope"}');
    await expect(readAgentConfig(dir)).rejects.toThrow('is not valid');
  });
});
