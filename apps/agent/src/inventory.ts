import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DeviceOs } from '@atrium/shared';
import agentPackage from '../package.json' with { type: 'json' };
import { AgentStartError } from './errors';
import type { PlanEnv } from './executors';
import { readFileOrNull, STATE_FILES, writeFileAtomic } from './state';

/** What the agent tells about its machine on every connection, and what the planners need. */
export type Inventory = {
  hostname: string;
  os: DeviceOs;
  osVersion: string;
  agentVersion: string;
  bootId: string;
  bootTime: string | null;
  loggedInUser: string | null;
  ips: string[];
  planEnv: PlanEnv;
};

export type InventorySource = { os: DeviceOs; collect: () => Promise<Inventory> };

type SimulatedBoot = { bootId: string; bootTime: string };

export const AGENT_VERSION = readAgentVersion();

const SIMULATED_VERSIONS: Record<DeviceOs, string> = {
  windows: 'Windows 11 Pro 23H2 (simulated)',
  macos: 'macOS 15.1 (simulated)',
  linux: 'Ubuntu 24.04 LTS (simulated)',
};

/** A made-up user at the console: uid 501 is macOS's first user, session 1 Windows' first. */
const SIMULATED_ENV: Record<DeviceOs, PlanEnv> = {
  windows: {
    user: 'alex',
    uid: null,
    sessionId: 1,
    brewOwner: null,
    fileVault: false,
    secureTokenAdmin: null,
  },
  macos: {
    user: 'alex',
    uid: 501,
    sessionId: null,
    brewOwner: 'alex',
    fileVault: true,
    secureTokenAdmin: null,
  },
  linux: {
    user: 'alex',
    uid: 1000,
    sessionId: null,
    brewOwner: null,
    fileVault: false,
    secureTokenAdmin: null,
  },
};

export type InventoryOptions = { stateDir: string; dryRun: boolean; simulateOs?: DeviceOs };

export function createInventorySource(options: InventoryOptions): InventorySource {
  const { simulateOs, stateDir, dryRun } = options;
  if (simulateOs) return { os: simulateOs, collect: () => simulatedInventory(simulateOs, stateDir) };
  const platformOs = osOfPlatform(process.platform);
  if (!platformOs)
    throw new AgentStartError(`this agent runs on Windows, macOS and Linux, not on ${process.platform}`);
  return { os: platformOs, collect: () => realInventory(platformOs, stateDir, dryRun) };
}

export function osOfPlatform(platform: NodeJS.Platform): DeviceOs | null {
  const oses: Partial<Record<NodeJS.Platform, DeviceOs>> = {
    win32: 'windows',
    darwin: 'macos',
    linux: 'linux',
  };
  return oses[platform] ?? null;
}

/**
 * A dry-run reboot cannot restart the machine, so it writes a new boot instead: the server sees a
 * new boot id on the next connection, as after a real reboot.
 */
export async function simulateRestart(stateDir: string): Promise<SimulatedBoot> {
  const boot = { bootId: randomUUID(), bootTime: new Date().toISOString() };
  await writeFileAtomic(path.join(stateDir, STATE_FILES.simulatedBoot), `${JSON.stringify(boot)}\n`);
  return boot;
}

async function readSimulatedBoot(stateDir: string): Promise<SimulatedBoot | null> {
  const text = await readFileOrNull(path.join(stateDir, STATE_FILES.simulatedBoot));
  if (text === null) return null;
  try {
    const boot = JSON.parse(text) as Partial<SimulatedBoot>;
    if (typeof boot.bootId === 'string' && typeof boot.bootTime === 'string')
      return { bootId: boot.bootId, bootTime: boot.bootTime };
  } catch {}
  return null;
}

async function simulatedInventory(simulated: DeviceOs, stateDir: string): Promise<Inventory> {
  const boot = (await readSimulatedBoot(stateDir)) ?? (await simulateRestart(stateDir));
  return {
    hostname: hostname(),
    os: simulated,
    osVersion: SIMULATED_VERSIONS[simulated],
    agentVersion: AGENT_VERSION,
    ...boot,
    loggedInUser: 'alex',
    ips: ipAddresses(),
    planEnv: SIMULATED_ENV[simulated],
  };
}

async function realInventory(platformOs: DeviceOs, stateDir: string, dryRun: boolean): Promise<Inventory> {
  const user = await consoleUser(platformOs);
  // After a dry-run reboot the simulated boot stands in for the real one.
  const boot = (dryRun ? await readSimulatedBoot(stateDir) : null) ?? (await realBoot(platformOs));
  return {
    hostname: hostname(),
    os: platformOs,
    osVersion: (await osVersion(platformOs)).slice(0, 100),
    agentVersion: AGENT_VERSION,
    ...boot,
    loggedInUser: user?.name ?? null,
    ips: ipAddresses(),
    planEnv: {
      user: user?.name ?? null,
      uid: user?.uid ?? null,
      // Best effort: finding the console session needs WTS APIs a Node process does not reach.
      sessionId: null,
      brewOwner: platformOs === 'macos' ? await macosBrewOwner() : null,
      // Unknown counts as on: resetting a FileVault Mac's password wrongly locks its user out.
      fileVault: platformOs === 'macos',
      secureTokenAdmin: null,
    },
  };
}

function hostname(): string {
  return os.hostname().slice(0, 255) || 'unknown';
}

async function realBoot(platformOs: DeviceOs): Promise<SimulatedBoot> {
  const bootedAt = Date.now() - os.uptime() * 1000;
  const bootTime = new Date(Math.floor(bootedAt / 1000) * 1000).toISOString();
  if (platformOs === 'linux') {
    const id = (await readFileOrNull('/proc/sys/kernel/random/boot_id'))?.trim();
    if (id) return { bootId: id, bootTime };
  }
  // Elsewhere the boot time is the boot's identity; rounded to the minute so that clock jitter
  // between two readings does not look like a reboot.
  return { bootId: new Date(Math.round(bootedAt / 60_000) * 60_000).toISOString(), bootTime };
}

async function osVersion(platformOs: DeviceOs): Promise<string> {
  if (platformOs === 'windows') return `${os.version()} ${os.release()}`;
  if (platformOs === 'macos') return `macOS (Darwin ${os.release()})`;
  const release = await readFileOrNull('/etc/os-release');
  const pretty = release?.match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1];
  return pretty ? `${pretty} (${os.release()})` : `Linux ${os.release()}`;
}

type User = { name: string; uid: number | null };

/**
 * Best effort. On macOS the console user owns /dev/console; elsewhere the agent reports the user it
 * runs as, since finding the interactive user needs the OS's session APIs.
 */
async function consoleUser(platformOs: DeviceOs): Promise<User | null> {
  if (platformOs === 'macos') {
    const uid = await ownerUid('/dev/console');
    const name = uid === null ? null : await macosUserName(uid);
    if (uid !== null && name) return { name, uid };
  }
  try {
    const { username, uid } = os.userInfo();
    return { name: username.slice(0, 255), uid: uid >= 0 ? uid : null };
  } catch {
    return null;
  }
}

async function macosBrewOwner(): Promise<string | null> {
  const uid = await ownerUid('/opt/homebrew');
  if (uid === 0) return 'root';
  return uid === null ? null : macosUserName(uid);
}

/** A local macOS user is found by the owner of their home folder. */
async function macosUserName(uid: number): Promise<string | null> {
  if (uid === 0) return 'root';
  const names = await readdir('/Users').catch(() => []);
  for (const name of names) if ((await ownerUid(path.join('/Users', name))) === uid) return name;
  return null;
}

async function ownerUid(file: string): Promise<number | null> {
  try {
    return (await stat(file)).uid;
  } catch {
    return null;
  }
}

function ipAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal)
    .map((address) => address.address)
    .filter((address) => address.length <= 64)
    .slice(0, 64);
}

/** Built into the bundle: the installed agent is one file, without its package.json beside it. */
function readAgentVersion(): string {
  return agentPackage.version;
}
