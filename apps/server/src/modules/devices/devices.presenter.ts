import type { Action, Device, DeviceOs, EnrollmentToken, PortalAction } from '@atrium/shared';
import type { ActionRow, DeviceView, EnrollmentTokenRow } from './devices.repo';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentDevice(row: DeviceView): Device {
  return {
    id: row.id,
    customer: { id: row.customerId, name: row.customerName },
    contact: row.contactId && row.contactName ? { id: row.contactId, name: row.contactName.trim() } : null,
    hostname: row.hostname,
    os: row.os,
    osVersion: row.osVersion,
    agentVersion: row.agentVersion,
    online: row.online,
    lastSeenAt: iso(row.lastSeenAt),
    lastBootAt: iso(row.lastBootAt),
    loggedInUser: row.loggedInUser,
    ips: row.ips,
    enrolledAt: row.createdAt.toISOString(),
  };
}

export function presentAction(row: ActionRow): Action {
  return {
    id: row.id,
    deviceId: row.deviceId,
    type: row.type,
    state: row.state,
    requestedBy: { type: row.requestedByType, id: row.requestedById },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    exitCode: row.exitCode,
    output: row.output,
    error: row.error,
    rebootRequired: row.rebootRequired,
  };
}

/** What a contact sees of an action on their device: never the command's output. */
export function presentPortalAction(row: ActionRow): PortalAction {
  return {
    id: row.id,
    deviceId: row.deviceId,
    type: row.type,
    state: row.state,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    error: row.error,
  };
}

export function presentEnrollmentToken(row: EnrollmentTokenRow): EnrollmentToken {
  return {
    id: row.id,
    customerId: row.customerId,
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Single quotes for POSIX shells and PowerShell alike: the values hold no quote of their own. */
const quoted = (value: string) => `'${value.replaceAll("'", '')}'`;

/**
 * How to install an agent with this token on each OS, as the console shows it: download the agent
 * file from this server and let it enroll and register itself as a service (`--install`). Node.js
 * 20 or later must be on the machine.
 */
export function installCommands(serverUrl: string, token: string): Record<DeviceOs, string> {
  const file = `${serverUrl}/agent/atrium-agent.mjs`;
  const args = `--install --server ${quoted(serverUrl)} --token ${quoted(token)}`;
  const posix = `curl -fsSL ${quoted(file)} -o /tmp/atrium-agent.mjs && sudo node /tmp/atrium-agent.mjs ${args}`;
  return {
    windows: `Invoke-WebRequest ${quoted(file)} -OutFile "$env:TEMP\\atrium-agent.mjs"; node "$env:TEMP\\atrium-agent.mjs" ${args}`,
    macos: posix,
    linux: posix,
  };
}
