import type { KeyObject } from 'node:crypto';
import { type AgentMessage, type DeviceOs, helloSigningBytes } from '@atrium/shared';
import { type Backoff, DEFAULT_BACKOFF } from './backoff';
import { createCommandHandler } from './commands';
import { createConnection } from './connection';
import { enroll } from './enroll';
import { AgentStartError } from './errors';
import { plannerFor } from './executors';
import { createInventorySource, type Inventory, type InventorySource, simulateRestart } from './inventory';
import { Journal, type JournalOptions } from './journal';
import { publicKeyX, signBytes } from './keys';
import type { Logger } from './log';
import { createPinnedKeys } from './pinned-keys';
import {
  type AgentConfig,
  createDeviceKey,
  prepareStateDir,
  readAgentConfig,
  readDeviceKey,
  STATE_FILES,
  writeAgentConfig,
} from './state';

export type AgentOptions = {
  /** Normalized: no trailing slash. */
  serverUrl: string;
  /** Needed only to enroll (no agent.json yet). */
  token?: string;
  stateDir: string;
  dryRun: boolean;
  simulateOs?: DeviceOs;
  backoff?: Backoff;
  /** Dry runs only: how long each simulated command takes. */
  simulatedRunMs?: number;
  log: Logger;
  /** Aborts a pending enrollment (the service is being stopped). */
  signal?: AbortSignal;
  journal?: JournalOptions;
};

export type RunningAgent = { deviceId: string; stop: () => Promise<void> };

/** Enrolls if not enrolled yet, and says as which device and OS (the installer's first step). */
export async function ensureEnrolled(options: AgentOptions): Promise<{ deviceId: string; os: DeviceOs }> {
  const inventory = createInventorySource(options);
  await prepareStateDir(options.stateDir);
  const { config } = await identity(options, inventory, options.backoff ?? DEFAULT_BACKOFF);
  return { deviceId: config.deviceId, os: inventory.os };
}

/** Enrolls if needed, then stays connected until stopped. */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { log, stateDir } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const inventory = createInventorySource(options);
  await prepareStateDir(stateDir);
  const { key, config } = await identity(options, inventory, backoff);
  const journal = await Journal.open(stateDir, options.journal);
  for (const { id, type } of journal.interrupted)
    log.warn(
      `command ${id} (${type}) was interrupted by a restart; reporting it as not known to have finished`,
    );

  let current: Inventory = await inventory.collect();
  const connection = createConnection({
    serverUrl: config.serverUrl,
    log,
    backoff,
    hello: async (nonce) => {
      current = await inventory.collect();
      return helloOf(current, config.deviceId, signBytes(key, helloSigningBytes(nonce, config.deviceId)));
    },
    onWelcome: () => handler.resendResults(),
    onMessage: async (message) => {
      if (message.type === 'command') await handler.handle(message);
      else if (message.type === 'keys') await pinnedKeys.update(message);
      else await handler.resultStored(message.id);
    },
  });
  const pinnedKeys = createPinnedKeys({
    deviceId: config.deviceId,
    keys: config.serverKeys,
    version: config.serverKeysVersion,
    save: (serverKeys, serverKeysVersion) =>
      writeAgentConfig(stateDir, { ...config, serverKeys, serverKeysVersion }),
    log,
  });
  const handler = createCommandHandler({
    deviceId: config.deviceId,
    deviceKey: key,
    pinnedKeys,
    journal,
    planner: plannerFor(inventory.os),
    current: () => current,
    dryRun: options.dryRun,
    simulatedRunMs: options.simulatedRunMs ?? 0,
    send: connection.send,
    log,
    onSimulatedRestart: async () => {
      await simulateRestart(stateDir);
      log.info('dry run: the machine "restarted" (new simulated boot id); reconnecting');
      connection.reconnectNow();
    },
  });
  connection.start();
  return {
    deviceId: config.deviceId,
    async stop() {
      await connection.stop();
      // Exit only with the journal on disk: a half-written line is a lost command.
      await journal.idle();
    },
  };
}

/** The device key and enrollment: read from the state dir, or made now with the token. */
async function identity(
  options: AgentOptions,
  inventory: InventorySource,
  backoff: Backoff,
): Promise<{ key: KeyObject; config: AgentConfig }> {
  const { stateDir, serverUrl, log } = options;
  const config = await readAgentConfig(stateDir);
  const existingKey = await readDeviceKey(stateDir);
  if (config) {
    if (config.serverUrl !== serverUrl)
      throw new AgentStartError(
        `${stateDir} is enrolled with ${config.serverUrl}, not ${serverUrl}; use another --state-dir to enroll with this server`,
        2,
      );
    if (!existingKey)
      throw new AgentStartError(
        `${STATE_FILES.key} is missing from ${stateDir}: the device cannot prove its identity. Remove ${STATE_FILES.config} to enroll again.`,
      );
    return { key: existingKey, config };
  }
  if (!options.token)
    throw new AgentStartError(
      `--token is required to enroll this device (${stateDir} has no ${STATE_FILES.config})`,
      2,
    );
  const key = existingKey ?? (await createDeviceKey(stateDir));
  const machine = await inventory.collect();
  log.info(`enrolling with ${serverUrl}`);
  const enrolled = await enroll(
    serverUrl,
    {
      token: options.token,
      publicKey: publicKeyX(key),
      hostname: machine.hostname,
      os: machine.os,
      osVersion: machine.osVersion,
      agentVersion: machine.agentVersion,
    },
    { log, backoff, signal: options.signal },
  );
  const saved = { serverUrl, ...enrolled };
  await writeAgentConfig(stateDir, saved);
  log.info(`enrolled as device ${enrolled.deviceId}`);
  return { key, config: saved };
}

function helloOf(
  inventory: Inventory,
  deviceId: string,
  signature: string,
): Extract<AgentMessage, { type: 'hello' }> {
  const { hostname, os, osVersion, agentVersion, bootId, bootTime, loggedInUser, ips } = inventory;
  return {
    type: 'hello',
    deviceId,
    signature,
    hostname,
    os,
    osVersion,
    agentVersion,
    bootId,
    bootTime,
    loggedInUser,
    ips,
  };
}
