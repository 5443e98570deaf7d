import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ActionType,
  type AgentCommand,
  AgentEnrollSchema,
  type AgentMessage,
  AgentMessageSchema,
  commandSigningBytes,
  helloSigningBytes,
  keySetSigningBytes,
  type ServerKey,
  type ServerMessage,
} from '@atrium/shared';
import { type WebSocket, WebSocketServer } from 'ws';
// The server's own sealing: what the real server sends, this agent must open.
import { sealToDevice } from '../../../server/src/modules/devices/sealing';
import { importPublicKeyX, publicKeyX } from '../keys';

/**
 * The server side of the agent protocol, small enough to read in one go: enrollment over HTTP, then
 * challenge → verified hello → welcome on /agent/ws, and signed commands on demand.
 */

type Hello = Extract<AgentMessage, { type: 'hello' }>;

export type FakeConnection = {
  hello: Hello;
  messages: AgentMessage[];
  closed: Promise<number>;
  send: (message: ServerMessage) => void;
  /** Resolves with the first message (already received or not) that matches. */
  waitFor: <T extends AgentMessage['type']>(
    type: T,
    match?: (message: Extract<AgentMessage, { type: T }>) => boolean,
  ) => Promise<Extract<AgentMessage, { type: T }>>;
  close: (code: number) => void;
};

export type FakeServerOptions = { heartbeatSeconds?: number; failEnrollments?: number };

export async function startFakeServer(options: FakeServerOptions = {}) {
  const serverKey = generateKeyPairSync('ed25519').privateKey;
  const token = randomBytes(16).toString('hex');
  const devices = new Map<string, KeyObject>();
  const enrolledKeys = new Map<string, string>();
  const connections: FakeConnection[] = [];
  const waiters: Array<(connection: FakeConnection) => void> = [];
  let failEnrollments = options.failEnrollments ?? 0;

  const http = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/agent/enroll') return reply(response, 404, {});
    if (failEnrollments-- > 0)
      return reply(response, 503, { error: { code: 'unavailable', message: 'try later' } });
    readJson(request).then(
      (body) => {
        const enroll = AgentEnrollSchema.safeParse(body);
        if (!enroll.success || enroll.data.token !== token)
          return reply(response, 401, {
            error: { code: 'unauthenticated', message: 'This enrollment token is not valid.' },
          });
        const deviceId = randomUUID();
        devices.set(deviceId, importPublicKeyX(enroll.data.publicKey) as KeyObject);
        enrolledKeys.set(deviceId, enroll.data.publicKey);
        reply(response, 201, {
          deviceId,
          serverKeys: [{ id: 'key-1', publicKey: publicKeyX(serverKey) }],
          serverKeysVersion: 1,
        });
      },
      () => reply(response, 400, {}),
    );
  });
  const wss = new WebSocketServer({ server: http, path: '/agent/ws' });
  wss.on('connection', (ws) => accept(ws));

  const accept = (ws: WebSocket) => {
    const nonce = randomBytes(32).toString('base64url');
    const messages: AgentMessage[] = [];
    const listeners = new Set<() => void>();
    let connection: FakeConnection | undefined;
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'challenge', nonce }));
    ws.on('message', (data) => {
      const message = AgentMessageSchema.parse(JSON.parse(data.toString()));
      if (connection) {
        messages.push(message);
        for (const listener of listeners) listener();
        return;
      }
      const key = message.type === 'hello' ? devices.get(message.deviceId) : undefined;
      if (
        message.type !== 'hello' ||
        !key ||
        !verify(
          null,
          helloSigningBytes(nonce, message.deviceId),
          key,
          Buffer.from(message.signature, 'base64url'),
        )
      )
        return ws.close(4401);
      connection = {
        hello: message,
        messages,
        closed,
        send: (reply) => ws.send(JSON.stringify(reply)),
        close: (code) => ws.close(code),
        waitFor: (type, match = () => true) =>
          new Promise((resolve) => {
            const check = () => {
              const found = messages.find((m) => m.type === type && match(m as never));
              if (!found) return;
              listeners.delete(check);
              resolve(found as never);
            };
            listeners.add(check);
            check();
          }),
      };
      ws.send(
        JSON.stringify({
          type: 'welcome',
          serverTime: new Date().toISOString(),
          heartbeatSeconds: options.heartbeatSeconds ?? 30,
        }),
      );
      connections.push(connection);
      for (const waiter of waiters.splice(0)) waiter(connection);
    });
  };

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  function command(
    deviceId: string,
    type: ActionType,
    params: Record<string, unknown> = {},
    overrides: Partial<AgentCommand> = {},
  ): AgentCommand {
    return {
      id: randomUUID(),
      deviceId,
      type,
      params,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      ...overrides,
    };
  }

  return {
    url,
    token,
    serverKey,
    devices,
    connections,
    /** The next connection that gets welcomed (or the n-th, counting from 1). */
    connection(n = connections.length + 1): Promise<FakeConnection> {
      const existing = connections[n - 1];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => {
        const wait = () => {
          const found = connections[n - 1];
          if (found) resolve(found);
          else waiters.push(wait);
        };
        waiters.push(wait);
      });
    },
    command,
    /** A password reset as the server sends it: the password sealed to a device's enrolled key. */
    passwordReset(deviceId: string, user: string, password: string, sealedFor = deviceId): AgentCommand {
      const reset = command(deviceId, 'reset_password');
      const key = enrolledKeys.get(sealedFor);
      if (!key) throw new Error(`no device ${sealedFor} enrolled`);
      return { ...reset, params: { user, password: sealToDevice(key, password, reset.id) } };
    },
    signed(command: AgentCommand, signingKey = serverKey, keyId = 'key-1'): ServerMessage {
      const signature = sign(null, commandSigningBytes(command), signingKey).toString('base64url');
      return { type: 'command', command, keyId, signature };
    },
    /** A key set to pin, signed for `deviceId` as the server signs it after a rotation. */
    keySet(
      deviceId: string,
      keys: ServerKey[],
      version: number,
      signingKey = serverKey,
      keyId = 'key-1',
    ): ServerMessage {
      const signature = sign(null, keySetSigningBytes(deviceId, keys, version), signingKey).toString(
        'base64url',
      );
      return { type: 'keys', keys, version, keyId, signature };
    },
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export type FakeServer = Awaited<ReturnType<typeof startFakeServer>>;

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
