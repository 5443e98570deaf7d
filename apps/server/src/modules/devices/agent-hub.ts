import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ActionType,
  AGENT_CLOSE,
  type AgentMessage,
  AgentMessageSchema,
  type AgentResult,
  helloSigningBytes,
  MISSED_HEARTBEATS_OFFLINE,
  type ServerMessage,
} from '@atrium/shared';
import type { FastifyBaseLogger } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Database } from '../../db/client';
import { createBatches } from '../../lib/batches';
import { discardHeldSms } from '../sms/sms.repo';
import { type ActionAnnouncer, AGENT_ACTIONS_CHANNEL, type LocalCourier } from './announcements';
import {
  type ActionRow,
  type AgentReport,
  actionWhere,
  applyAgentReports,
  bootIdOfDevice,
  existingDeviceIds,
  findDeviceRow,
  markOffline,
  markSilentOffline,
  pendingDevicesAmong,
  recordHello,
  touchDevices,
  transitionActions,
} from './devices.repo';
import { type CommandSigner, type CommandSigning, SIGNING_KEYS_CHANNEL, verifySignature } from './signing';

export const AGENT_WS_PATH = '/agent/ws';

/** An agent has this long to answer the challenge. */
const HELLO_TIMEOUT_MS = 10_000;
const MAX_FRAME_BYTES = 128 * 1024;

/**
 * How long the server waits for an outcome once the agent took a command, beyond which it is
 * `timed_out`: longer than the agent's own kill timeouts (2 min, installs 20 min), and for power
 * actions long enough for a slow machine to come back.
 */
const OVERDUE_SECONDS: Record<ActionType, number> = {
  reboot: 15 * 60,
  shutdown: 15 * 60,
  install_software: 60 * 60,
  lock: 5 * 60,
  logoff: 5 * 60,
  reset_password: 5 * 60,
};

type Connection = {
  socket: WebSocket;
  deviceId: string;
  connectionId: string;
  bootId: string;
  lastHeard: number;
  /** The version of the last key set sent to the agent. */
  keysVersion: number;
};

/**
 * The server's side of `/agent/ws` (SPEC §6): proves each connection is the device it claims, keeps
 * devices' online state, and delivers the actions queued for them — at least once; the agent's
 * journal makes it at most once. Any server process may hold any device's connection: actions are
 * announced on a PostgreSQL channel every process listens to.
 */
export function createAgentHub(
  database: Database,
  signing: CommandSigning,
  announcer: ActionAnnouncer,
  options: { heartbeatSeconds: number },
  log: FastifyBaseLogger,
) {
  const db = database.db;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const connections = new Map<string, Connection>();
  const beats = new Set<string>();
  const silentMs = options.heartbeatSeconds * 1000 * MISSED_HEARTBEATS_OFFLINE + 5_000;
  const timers: NodeJS.Timeout[] = [];
  const unlisten: (() => Promise<void>)[] = [];
  const stopLocal: (() => void)[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let stopping = false;

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const asAgent = (deviceId: string) => ({ kind: 'agent', id: deviceId }) as const;

  /** Sends an action as a signed command on its device's connection here, if it has one. */
  function sendCommand(row: ActionRow, { sign }: CommandSigner): void {
    const connection = connections.get(row.deviceId);
    if (!connection) return;
    const command = {
      id: row.id,
      deviceId: row.deviceId,
      type: row.type,
      params: row.params,
      expiresAt: row.expiresAt.toISOString(),
    };
    send(connection.socket, { type: 'command', command, ...sign(command) });
  }

  /**
   * Signs and sends what the devices should have: their new commands and the ones they may not have
   * got. One statement for every device announced since the last one, so a burst of actions costs a
   * few statements, not one per action.
   */
  async function deliver(deviceIds: string[]): Promise<void> {
    const rows = await transitionActions(
      db,
      actionWhere.toDeliver(deviceIds),
      'sent',
      { sentAt: new Date(), bootIdAtSend: bootIdOfDevice },
      { kind: 'system' },
    );
    if (rows.length === 0) return;
    const signer = await signing.signer();
    for (const row of rows) sendCommand(row, signer);
  }

  /** An action inserted as `sent` for a device connected here (see `ActionAnnouncer.bootIdHere`). */
  const courier: LocalCourier = {
    bootIdHere: (deviceId) => connections.get(deviceId)?.bootId,
    hand(row) {
      signing
        .signer()
        .then((signer) => sendCommand(row, signer))
        // Still `sent`: the device gets it again when it reconnects.
        .catch((error: unknown) => log.error({ err: error, actionId: row.id }, 'agent hub: sending failed'));
    },
  };

  const announced = new Set<string>();
  const deliveries = createBatches(
    () => announced.size > 0,
    async () => {
      const batch = [...announced];
      announced.clear();
      await deliver(batch);
    },
    (error) => log.error({ err: error }, 'agent hub: delivery failed'),
  );
  /** A device connected here has work: delivered with the others announced in the same moment. */
  function announce(deviceId: string): void {
    if (!connections.has(deviceId)) return;
    announced.add(deviceId);
    deliveries.kick();
  }

  /**
   * Agents' acks, running notices and results, gathered over a moment and written one statement per
   * kind, in the order the protocol sends them, so a burst of actions costs a few statements. An
   * action's reports of the same moment are one change (see `chained`): mostly one statement.
   */
  const reports = {
    acks: new Map<string, AgentReport>(),
    running: new Map<string, AgentReport>(),
    results: new Map<string, AgentReport>(),
  };
  const stored: { socket: WebSocket; id: string }[] = [];
  const reporting = createBatches(
    () => reports.acks.size + reports.running.size + reports.results.size > 0,
    async () => {
      const batches = chained([reports.acks, reports.running, reports.results]);
      const answered = stored.splice(0);
      for (const batch of batches) await applyAgentReports(db, batch);
      // Stored, or the answer to an action that ended otherwise (expired, timed out): either way
      // the agent may forget it.
      for (const { socket, id } of answered) send(socket, { type: 'result_stored', id });
    },
    (error) => log.error({ err: error }, 'agent hub: recording reports failed'),
  );

  function report(kind: keyof typeof reports, entry: AgentReport): void {
    reports[kind].set(entry.id, entry);
    reporting.kick();
  }

  function onResult(connection: Connection, result: AgentResult): void {
    const taken = ['sent', 'acknowledged', 'running'] as const;
    const outcome = {
      exitCode: result.exitCode,
      output: result.output,
      rebootRequired: result.rebootRequired,
    };
    report('results', {
      deviceId: connection.deviceId,
      id: result.id,
      from: taken,
      ...outcome,
      // A reboot or shutdown was issued: the device coming back from another boot will tell.
      ...(result.status === 'restarting'
        ? { to: 'running' }
        : { to: result.status, finishedAt: new Date(result.finishedAt) }),
    });
    stored.push({ socket: connection.socket, id: result.id });
  }

  function onMessage(connection: Connection, message: AgentMessage): void {
    const { deviceId } = connection;
    switch (message.type) {
      case 'heartbeat':
        beats.add(deviceId);
        return;
      case 'ack':
        report(
          'acks',
          message.accepted
            ? { deviceId, id: message.id, from: ['sent'], to: 'acknowledged' }
            : {
                deviceId,
                id: message.id,
                from: ['sent'],
                to: 'failed',
                error: `refused by the agent: ${message.reason ?? 'no reason given'}`,
                finishedAt: new Date(),
              },
        );
        return;
      case 'running':
        report('running', { deviceId, id: message.id, from: ['sent', 'acknowledged'], to: 'running' });
        return;
      case 'result':
        onResult(connection, message);
        return;
      case 'hello':
        // A second hello on a proven connection is a protocol error.
        connection.socket.close(AGENT_CLOSE.protocol, 'hello was already said');
        return;
    }
  }

  /** Checks the hello against the device's enrolled key; undefined when it is not that device. */
  async function prove(nonce: string, hello: Extract<AgentMessage, { type: 'hello' }>) {
    const device = await findDeviceRow(db, hello.deviceId);
    if (!device) return undefined;
    return verifySignature(device.publicKey, helloSigningBytes(nonce, hello.deviceId), hello.signature)
      ? device
      : undefined;
  }

  async function welcome(socket: WebSocket, hello: Extract<AgentMessage, { type: 'hello' }>) {
    const connection: Connection = {
      socket,
      deviceId: hello.deviceId,
      connectionId: randomUUID(),
      bootId: hello.bootId,
      lastHeard: Date.now(),
      keysVersion: 0,
    };
    await recordHello(db, hello.deviceId, {
      hostname: hello.hostname,
      os: hello.os,
      osVersion: hello.osVersion,
      agentVersion: hello.agentVersion,
      bootId: hello.bootId,
      lastBootAt: hello.bootTime ? new Date(hello.bootTime) : null,
      loggedInUser: hello.loggedInUser,
      ips: hello.ips,
      connectionId: connection.connectionId,
    });
    // A reboot or shutdown succeeded when its device comes back from another boot.
    await transitionActions(
      db,
      actionWhere.restartedSince(hello.deviceId, hello.bootId),
      'succeeded',
      { finishedAt: new Date() },
      asAgent(hello.deviceId),
    );
    const signer = await signing.signer();
    const previous = connections.get(hello.deviceId);
    connections.set(hello.deviceId, connection);
    previous?.socket.close(AGENT_CLOSE.replaced, 'the device connected again');
    send(socket, {
      type: 'welcome',
      serverTime: new Date().toISOString(),
      heartbeatSeconds: options.heartbeatSeconds,
    });
    // Before any command: an agent that was offline across a rotation pins the new signer first.
    send(socket, signer.keySet(hello.deviceId));
    connection.keysVersion = signer.version;
    announce(connection.deviceId);
    return connection;
  }

  function onConnection(socket: WebSocket): void {
    const nonce = randomBytes(32).toString('base64url');
    let connection: Connection | undefined;
    let proving = false;
    const helloTimer = setTimeout(() => socket.close(AGENT_CLOSE.protocol, 'no hello'), HELLO_TIMEOUT_MS);
    send(socket, { type: 'challenge', nonce });

    socket.on('message', (data, isBinary) => {
      const parsed = isBinary ? undefined : parseFrame(data.toString());
      if (!parsed) {
        socket.close(AGENT_CLOSE.protocol, 'not a message of the agent protocol');
        return;
      }
      if (connection) {
        connection.lastHeard = Date.now();
        onMessage(connection, parsed);
        return;
      }
      if (parsed.type !== 'hello' || proving) {
        socket.close(AGENT_CLOSE.protocol, 'hello first');
        return;
      }
      proving = true;
      clearTimeout(helloTimer);
      prove(nonce, parsed)
        .then(async (device) => {
          if (!device) {
            log.warn({ deviceId: parsed.deviceId }, 'agent connection refused: not the enrolled key');
            socket.close(AGENT_CLOSE.refused, 'not an enrolled device');
            return;
          }
          if (socket.readyState !== socket.OPEN) return;
          connection = await welcome(socket, parsed);
        })
        .catch((error: unknown) => {
          log.error({ err: error, deviceId: parsed.deviceId }, 'agent connection: hello failed');
          socket.close(1011, 'server error');
        });
    });

    socket.on('close', () => {
      clearTimeout(helloTimer);
      if (!connection) return;
      const { deviceId, connectionId } = connection;
      if (connections.get(deviceId) === connection) connections.delete(deviceId);
      beats.delete(deviceId);
      // While stopping, `stop` marks them itself before the database closes.
      if (stopping) return;
      markOffline(db, deviceId, connectionId).catch((error: unknown) => {
        log.error({ err: error, deviceId }, 'agent connection: could not mark the device offline');
      });
    });
    socket.on('error', () => {});
  }

  let keySets: Promise<void> = Promise.resolve();
  /**
   * After a rotation: every agent connected here pins the new keys before its next command. Each set
   * it was not sent goes, in order, each signed by a key the agent pins by then: rotations that came
   * faster than their notifications do not strand it.
   */
  function sendKeySets(): void {
    keySets = signing
      .signer()
      .then((signer) => {
        for (const connection of connections.values()) {
          for (let version = connection.keysVersion + 1; version <= signer.version; version++) {
            send(connection.socket, signer.keySet(connection.deviceId, version));
          }
          connection.keysVersion = Math.max(connection.keysVersion, signer.version);
        }
      })
      .catch((error: unknown) => log.error({ err: error }, 'agent hub: sending the new keys failed'));
  }

  /** Every few seconds: heartbeats in one statement, silent connections dropped, deadlines kept. */
  async function sweep(): Promise<void> {
    const now = Date.now();
    for (const connection of connections.values()) {
      if (now - connection.lastHeard > silentMs) connection.socket.terminate();
    }
    // A removed device's agent is told so and let go. Only the devices asked about: one that
    // connected while the question was out is not missing from the answer, it was not in it.
    const asked = [...connections.keys()];
    const existing = await existingDeviceIds(db, asked);
    for (const deviceId of asked) {
      if (!existing.has(deviceId)) {
        connections.get(deviceId)?.socket.close(AGENT_CLOSE.refused, 'the device was removed');
      }
    }
    const beaten = [...beats];
    beats.clear();
    await touchDevices(db, beaten);
    await markSilentOffline(db, silentMs / 1000);
    const system = { kind: 'system' } as const;
    await transitionActions(db, actionWhere.undelivered(), 'expired', { finishedAt: new Date() }, system);
    const timedOut = { finishedAt: new Date(), error: 'no outcome from the device in time' };
    await transitionActions(db, actionWhere.overdue(OVERDUE_SECONDS), 'timed_out', timedOut, system);
    await discardHeldSms(db);
    await signing.catchUp();
    // A notification lost while the listening connection was down is caught up here.
    for (const deviceId of await pendingDevicesAmong(db, [...connections.keys()])) announce(deviceId);
  }

  return {
    /** Takes over WebSocket upgrades of `/agent/ws` on the HTTP server; other upgrades are refused. */
    attach(server: Server): void {
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = (request.url ?? '').split('?')[0];
        if (path !== AGENT_WS_PATH) {
          socket.destroy();
          return;
        }
        wss.handleUpgrade(request, socket, head, onConnection);
      });
    },

    async start(): Promise<void> {
      unlisten.push(
        await database.listen(AGENT_ACTIONS_CHANNEL, (payload) => {
          for (const deviceId of announcer.devicesFrom(payload)) announce(deviceId);
        }),
      );
      unlisten.push(await database.listen(SIGNING_KEYS_CHANNEL, (payload) => signing.heard(payload)));
      stopLocal.push(
        announcer.onAnnounce(announce),
        announcer.serveLocally(courier),
        signing.onRotated(sendKeySets),
      );
      const every = Math.min(10, options.heartbeatSeconds) * 1000;
      timers.push(
        setInterval(() => {
          running = sweep().catch((error: unknown) => log.error({ err: error }, 'agent hub: sweep failed'));
        }, every),
      );
    },

    async stop(): Promise<void> {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      for (const stop of stopLocal) stop();
      for (const stop of unlisten) await stop();
      await keySets;
      await announcer.settled();
      await running;
      await deliveries.settled();
      const open = [...connections.values()];
      for (const connection of open) connection.socket.close(1001, 'server stopping');
      await reporting.settled();
      await Promise.all(
        open.map((connection) => markOffline(db, connection.deviceId, connection.connectionId)),
      );
      wss.close();
    },
  };
}

export type AgentHub = ReturnType<typeof createAgentHub>;

/**
 * Empties the reports of a moment, kind by kind in the protocol's order, into batches to write one
 * after the other: a report that follows one of the same action in an earlier kind (the state that
 * one moves to is one this one moves from) joins it, so the action changes once, not once per report.
 */
function chained(kinds: Map<string, AgentReport>[]): AgentReport[][] {
  const latest = new Map<string, AgentReport>();
  return kinds.map((kind) => {
    const own: AgentReport[] = [];
    for (const report of kind.values()) {
      const earlier = latest.get(report.id);
      if (earlier && earlier.deviceId === report.deviceId && report.from.includes(earlier.to)) {
        const { to, from, after } = earlier;
        Object.assign(earlier, report, { after: [...(after ?? []), { to, from }] });
      } else {
        own.push(report);
        latest.set(report.id, report);
      }
    }
    kind.clear();
    return own;
  });
}

function parseFrame(text: string): AgentMessage | undefined {
  try {
    const parsed = AgentMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
