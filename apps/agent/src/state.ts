import type { KeyObject } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type AgentEnrolled, AgentEnrolledSchema } from '@atrium/shared';
import { AgentStartError } from './errors';
import { exportPrivateKeyPem, generateDeviceKey, importPrivateKeyPem } from './keys';

/**
 * The state dir holds everything the agent keeps between runs: its key, its enrollment, the
 * command journal and (in dry runs) the simulated boot. Nobody but the agent's user may read it.
 */

export const STATE_FILES = {
  key: 'device-key.pem',
  config: 'agent.json',
  journal: 'journal.jsonl',
  simulatedBoot: 'simulated-boot.json',
} as const;

export type AgentConfig = { serverUrl: string } & AgentEnrolled;

// Windows has no mode bits (stat reports 0o666); there the ACL of ProgramData protects the files.
const checksModes = process.platform !== 'win32';

export async function prepareStateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700);
}

/**
 * Writes a whole file or nothing: a crash leaves the previous version, never half of the new one.
 * The directory is synced too, or the rename itself could be lost.
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDir(path.dirname(file));
}

export async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened on Windows, where NTFS journals the rename anyway.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The device key, or null before the first enrollment. Refuses a key others could have read. */
export async function readDeviceKey(dir: string): Promise<KeyObject | null> {
  const file = path.join(dir, STATE_FILES.key);
  const info = await statOrNull(file);
  if (!info) return null;
  const mode = info.mode & 0o777;
  if (checksModes && (mode & 0o077) !== 0)
    throw new AgentStartError(
      `${file} is readable by group or others (mode ${mode.toString(8)}): the device key may have leaked. ` +
        `If it has not, run "chmod 600 ${file}"; otherwise remove the device in Atrium and enroll again with a new state dir.`,
    );
  const key = importPrivateKeyPem(await readFile(file, 'utf8'));
  if (!key) throw new AgentStartError(`${file} is not an Ed25519 private key`);
  return key;
}

export async function createDeviceKey(dir: string): Promise<KeyObject> {
  const file = path.join(dir, STATE_FILES.key);
  const key = generateDeviceKey();
  await writeFileAtomic(file, exportPrivateKeyPem(key), 0o600);
  // The mode is checked, not assumed: some file systems (network shares, FAT) ignore it.
  const mode = (await stat(file)).mode & 0o777;
  if (checksModes && mode !== 0o600)
    throw new AgentStartError(
      `${file} was written with mode ${mode.toString(8)}, not 600: use another state dir`,
    );
  return key;
}

export async function readAgentConfig(dir: string): Promise<AgentConfig | null> {
  const file = path.join(dir, STATE_FILES.config);
  const text = await readFileOrNull(file);
  if (text === null) return null;
  const invalid = () =>
    new AgentStartError(
      `${file} is not valid; remove it (and ${STATE_FILES.key}) to enroll this device again`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid();
  }
  const enrolled = AgentEnrolledSchema.safeParse(value);
  const serverUrl = (value as { serverUrl?: unknown }).serverUrl;
  if (!enrolled.success || typeof serverUrl !== 'string') throw invalid();
  return { serverUrl, ...enrolled.data };
}

export async function writeAgentConfig(dir: string, config: AgentConfig): Promise<void> {
  await writeFileAtomic(path.join(dir, STATE_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
}

export async function readFileOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function statOrNull(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
