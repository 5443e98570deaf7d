import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AgentEnrolled,
  type AgentMessage,
  type AgentResult,
  commandSigningBytes,
  helloSigningBytes,
  keySetSigningBytes,
  type ServerMessage,
  ServerMessageSchema,
} from '@atrium/shared';
import WebSocket from 'ws';
import { rawPublicKey, verifySignature } from '../modules/devices/signing';
import type { Client } from './factories';
import type { TestApp } from './test-app';

/**
 * A device speaking the agent protocol by hand, to test what the server accepts and refuses frame by
 * frame (the real agent, apps/agent, runs in its own process in the end-to-end tests).
 */

export function deviceKeys(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKey };
}

export async function createEnrollmentToken(
  technician: Client,
  customerId: string,
  options: { maxUses?: number; expiresInHours?: number } = {},
): Promise<string> {
  const response = await technician.post('/api/v1/enrollment-tokens', { customerId, ...options });
  if (response.statusCode !== 201) throw new Error(`token: ${response.statusCode} ${response.body}`);
  return response.json().token;
}

/** Enrolls a new key pair; the app must listen on a real port for the WebSocket (see `listen`). */
export async function enrollDevice(t: TestApp, token: string, os: 'windows' | 'macos' | 'linux' = 'windows') {
  const keys = deviceKeys();
  const response = await t.app.inject({
    method: 'POST',
    url: '/agent/enroll',
    payload: {
      token,
      publicKey: keys.publicKey,
      hostname: 'PC-ALEX',
      os,
      osVersion: '11',
      agentVersion: '0.1.0',
    },
  });
  if (response.statusCode !== 201) throw new Error(`enroll: ${response.statusCode} ${response.body}`);
  return { ...(response.json() as AgentEnrolled), ...keys };
}

/** Serves the app on a free port (agents need a real socket); its http origin. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

export type FakeAgent = {
  /** Frames the server sent after the welcome, in order. */
  received: ServerMessage[];
  next(type: ServerMessage['type'], timeoutMs?: number): Promise<ServerMessage>;
  send(message: AgentMessage | Record<string, unknown>): void;
  closed: Promise<number>;
  close(): Promise<void>;
};

/** Connects and answers the challenge, signing with `signingKey` (the device's own unless a test forges). */
export async function connectAgent(
  origin: string,
  device: { deviceId: string; privateKey: KeyObject },
  options: { bootId?: string; signingKey?: KeyObject } = {},
): Promise<FakeAgent> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/agent/ws`);
  const received: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => {
    const message = ServerMessageSchema.parse(JSON.parse(data.toString()));
    if (message.type === 'challenge') {
      const signature = sign(
        null,
        helloSigningBytes(message.nonce, device.deviceId),
        options.signingKey ?? device.privateKey,
      ).toString('base64url');
      socket.send(
        JSON.stringify({
          type: 'hello',
          deviceId: device.deviceId,
          signature,
          bootId: options.bootId ?? 'boot-1',
          bootTime: new Date().toISOString(),
          hostname: 'PC-ALEX',
          os: 'windows',
          osVersion: '11',
          agentVersion: '0.1.0',
          loggedInUser: 'alex',
          ips: ['10.0.0.7'],
        }),
      );
      return;
    }
    received.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let seen = 0;
  return {
    received,
    async next(type, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((message, i) => i >= seen && message.type === type);
        if (index >= 0) {
          seen = index + 1;
          return received[index] as ServerMessage;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${type} frame within ${timeoutMs} ms`);
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          new Promise((resolve) => setTimeout(resolve, left)),
          closed,
        ]);
        if (socket.readyState !== socket.OPEN && received.length <= seen) {
          throw new Error(`closed before a ${type} frame`);
        }
      }
    },
    send: (message) => socket.send(JSON.stringify(message)),
    closed,
    async close() {
      socket.close();
      await closed;
    },
  };
}

/** An agent's result frame: exit 0, as a command that went well reports it, unless told otherwise. */
export function resultFrame(
  id: string,
  overrides: Partial<Pick<AgentResult, 'status' | 'exitCode' | 'output'>> = {},
): AgentResult {
  return {
    type: 'result',
    id,
    status: 'succeeded',
    exitCode: 0,
    output: '',
    rebootRequired: false,
    finishedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** True when a command frame carries a valid signature by one of the keys the device pinned. */
export function isSignedByPinnedKey(frame: ServerMessage, pinned: AgentEnrolled['serverKeys']): boolean {
  if (frame.type !== 'command') return false;
  const key = pinned.find((candidate) => candidate.id === frame.keyId);
  return (
    key !== undefined && verifySignature(key.publicKey, commandSigningBytes(frame.command), frame.signature)
  );
}

/** True when a key set frame is for this device and signed by one of the keys it pinned. */
export function isKeySetSignedByPinnedKey(
  frame: ServerMessage,
  deviceId: string,
  pinned: AgentEnrolled['serverKeys'],
): boolean {
  if (frame.type !== 'keys') return false;
  const key = pinned.find((candidate) => candidate.id === frame.keyId);
  const bytes = keySetSigningBytes(deviceId, frame.keys, frame.version);
  return key !== undefined && verifySignature(key.publicKey, bytes, frame.signature);
}

/** Polls until `check` holds (state the server writes after answering a frame). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not there: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

export type AgentProcess = {
  stateDir: string;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, as a service manager stops it. */
  stop(): Promise<number | null>;
  /** SIGKILL: the machine lost power, the process crashed. */
  kill(): Promise<number | null>;
};

/**
 * The real agent (apps/agent) in a process of its own, from source, as `npm run agent` runs it:
 * always `--dry-run`, so it records the argv it would run; `--simulate-os` picks the executors.
 */
export function startAgentProcess(
  origin: string,
  options: { token?: string; stateDir?: string; os: 'windows' | 'macos' | 'linux'; simulatedRunMs?: number },
): AgentProcess {
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-agent-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/agent/src/main.ts',
      '--server',
      origin,
      ...(options.token ? ['--token', options.token] : []),
      '--state-dir',
      stateDir,
      '--dry-run',
      '--simulate-os',
      options.os,
      '--backoff-base-ms',
      '100',
      '--backoff-cap-ms',
      '500',
      ...(options.simulatedRunMs === undefined ? [] : ['--simulated-run-ms', String(options.simulatedRunMs)]),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return { stateDir, output: () => output, exited, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
