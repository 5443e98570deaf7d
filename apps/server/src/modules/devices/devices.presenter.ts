import type { Action, Device, DeviceOs, EnrollmentToken } from '@atrium/shared';
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
 * How to start an agent with this token on each OS, as the console shows it: from a checkout of
 * Atrium, with the state directory each OS keeps services' data in.
 */
export function installCommands(serverUrl: string, token: string): Record<DeviceOs, string> {
  const run = (stateDir: string) =>
    `npm run agent -- --server ${quoted(serverUrl)} --token ${quoted(token)} --state-dir ${quoted(stateDir)}`;
  return {
    windows: run('C:\\ProgramData\\Atrium Agent'),
    macos: `sudo ${run('/Library/Application Support/Atrium Agent')}`,
    linux: `sudo ${run('/var/lib/atrium-agent')}`,
  };
}
