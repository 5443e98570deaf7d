import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { helloSigningBytes, ServerMessageSchema } from '@atrium/shared';
import WebSocket from 'ws';

/**
 * A child process of `npm run bench` that plays thousands of agents on one server, each with its own
 * key and WebSocket: they prove their keys, beat every `heartbeatSeconds` with jitter, and answer
 * every command at once (ack, running, result), noting when each command arrived. It speaks the
 * protocol by hand and keeps little per agent, so the bench measures the server, not the swarm.
 *
 * The parent sends `{ type: 'connect' }`, then reads `{ type: 'connected', seconds, failed }`; it may
 * send `{ type: 'received' }` for `{ type: 'arrivals', arrivals: [actionId, epochMs][] }`.
 */

export type SwarmDevice = { deviceId: string; privateKeyDer: string };
export type SwarmInput = { origin: string; devices: SwarmDevice[]; concurrency: number };
export type SwarmRequest = { type: 'connect' } | { type: 'received' } | { type: 'close' };
export type SwarmReply =
  | { type: 'connected'; seconds: number; failed: number }
  | { type: 'arrivals'; arrivals: [string, number][] };

const input = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SwarmInput;
const sockets: WebSocket[] = [];
const arrivals: [string, number][] = [];
const now = () => performance.timeOrigin + performance.now();
const reply = (message: SwarmReply) => process.send?.(message);

function connectOne(device: SwarmDevice): Promise<boolean> {
  const key: KeyObject = createPrivateKey({
    key: Buffer.from(device.privateKeyDer, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  return new Promise((resolve) => {
    const socket = new WebSocket(`${input.origin}/agent/ws`, { perMessageDeflate: false });
    let welcomed = false;
    socket.on('message', (data) => {
      const message = ServerMessageSchema.parse(JSON.parse(data.toString()));
      if (message.type === 'challenge') {
        const signature = sign(null, helloSigningBytes(message.nonce, device.deviceId), key).toString(
          'base64url',
        );
        socket.send(
          JSON.stringify({
            type: 'hello',
            deviceId: device.deviceId,
            signature,
            bootId: 'bench-boot',
            bootTime: null,
            hostname: `BENCH-${device.deviceId.slice(-6)}`,
            os: 'windows',
            osVersion: '11',
            agentVersion: 'bench',
            loggedInUser: null,
            ips: [],
          }),
        );
      } else if (message.type === 'welcome') {
        welcomed = true;
        sockets.push(socket);
        beat(socket, message.heartbeatSeconds);
        resolve(true);
      } else if (message.type === 'command') {
        arrivals.push([message.command.id, now()]);
        const id = message.command.id;
        socket.send(JSON.stringify({ type: 'ack', id, accepted: true }));
        socket.send(
          JSON.stringify({
            type: 'result',
            id,
            status: 'succeeded',
            exitCode: 0,
            output: '',
            rebootRequired: false,
            finishedAt: new Date().toISOString(),
          }),
        );
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!welcomed) resolve(false);
    });
  });
}

/** Every period ±20 %, as the real agent beats. */
function beat(socket: WebSocket, seconds: number): void {
  const next = seconds * 1000 * (0.8 + Math.random() * 0.4);
  setTimeout(() => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send('{"type":"heartbeat"}');
    beat(socket, seconds);
  }, next).unref();
}

async function connectAll(): Promise<void> {
  const started = now();
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < input.devices.length) {
      const device = input.devices[next++];
      if (device && !(await connectOne(device))) failed++;
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  reply({ type: 'connected', seconds: (now() - started) / 1000, failed });
}

process.on('message', (request: SwarmRequest) => {
  if (request.type === 'connect') void connectAll();
  if (request.type === 'received') reply({ type: 'arrivals', arrivals: arrivals.splice(0) });
  if (request.type === 'close') {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
