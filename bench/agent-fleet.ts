import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../apps/server/src/db/client';
import { newSecret } from '../apps/server/src/lib/tokens';
import { rawPublicKey } from '../apps/server/src/modules/devices/signing';
import type { SwarmDevice, SwarmReply, SwarmRequest } from './agent-swarm';
import { cpuProbe } from './noise';
import { rowsOf } from './seed';
import { cpuTicks, residentBytes, startServerProcess, TICKS_PER_SECOND } from './server-process';
import type { Cleanup } from './targets';

/**
 * SPEC §11's agent targets, on PostgreSQL: thousands of agents (a swarm in a child process, one
 * WebSocket and key each) connect to one server process at once; then the server's memory per
 * agent, the CPU their heartbeats cost, and the time from `POST /api/v1/devices/:id/actions` to the
 * command reaching its agent, at a steady rate of actions to distinct devices.
 */

export type FleetSize = {
  agents: number;
  dispatchRate: number;
  dispatchSeconds: number;
  warmupSeconds: number;
};
export const FLEET_SIZES = {
  full: { agents: 10_000, dispatchRate: 1_000, dispatchSeconds: 5, warmupSeconds: 1 },
  quick: { agents: 1_000, dispatchRate: 200, dispatchSeconds: 2, warmupSeconds: 1 },
} as const satisfies Record<string, FleetSize>;

/** Connections being opened at once, as full-jitter backoff spreads a reconnect storm. */
const CONNECT_CONCURRENCY = 500;
/** Heartbeats are measured over one full period, so every agent beats once in it. */
const HEARTBEAT_WINDOW_SECONDS = 30;

export type FleetReport = {
  agents: number;
  failed: number;
  connectSeconds: number;
  rssBeforeBytes: number | undefined;
  rssAfterBytes: number | undefined;
  heartbeatCores: number;
  dispatch: {
    rate: number;
    sent: number;
    /** Requests that created no action, by status code or socket error. */
    refused: Record<string, number>;
    /** Actions created that no agent received within 2 s of the last answer. */
    lost: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    /** Cores each part used while the actions were asked for and delivered. */
    cores: { server: number; postgres: number; swarm: number; loader: number } | undefined;
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Devices with fresh keys, enrolled by SQL (enrollment's own speed is not what is measured here). */
async function enrollFleet(
  databaseUrl: string,
  count: number,
): Promise<{ devices: SwarmDevice[]; token: string }> {
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 2 });
  try {
    const customers = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from customers order by id limit 1000`),
    ).map((row) => row.id);
    const devices: SwarmDevice[] = [];
    const rows: { id: string; customer_id: string; public_key: string; hostname: string }[] = [];
    for (let i = 0; i < count; i++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const deviceId = randomUUID();
      devices.push({
        deviceId,
        privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      });
      rows.push({
        id: deviceId,
        customer_id: customers[i % customers.length] ?? '',
        public_key: rawPublicKey(publicKey),
        hostname: `BENCH-${i}`,
      });
    }
    for (let from = 0; from < rows.length; from += 5_000) {
      await database.db.execute(sql`
        insert into devices (id, customer_id, public_key, hostname, os, os_version, agent_version)
        select id, customer_id, public_key, hostname, 'windows', '11', 'bench'
        from jsonb_to_recordset(${JSON.stringify(rows.slice(from, from + 5_000))}::jsonb)
          as r(id uuid, customer_id uuid, public_key text, hostname text)`);
    }
    const { secret, hash } = newSecret('atrium_');
    await database.db.execute(sql`
      insert into api_tokens (technician_id, name, token_hash)
      select id, 'bench agent fleet', ${hash} from technicians where role = 'admin' order by created_at limit 1`);
    return { devices, token: secret };
  } finally {
    await database.close();
  }
}

function ask(swarm: ChildProcess, request: SwarmRequest, answer: SwarmReply['type']): Promise<SwarmReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: SwarmReply) => {
      if (message.type !== answer) return;
      swarm.off('message', onMessage);
      resolve(message);
    };
    swarm.on('message', onMessage);
    swarm.once('exit', (code) => reject(new Error(`the agent swarm exited (${code})`)));
    swarm.send(request);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

/** The answer's status, and the id of the action when one was created. */
function post(agent: http.Agent, url: string, token: string): Promise<{ status: number; id?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve(status === 202 ? { status, id: (JSON.parse(body) as { id: string }).id } : { status });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end('{"type":"lock"}');
  });
}

/** Actions at `rate` a second to distinct devices; the time each took to reach its agent. */
async function dispatch(
  origin: string,
  token: string,
  devices: SwarmDevice[],
  size: FleetSize,
  swarm: ChildProcess,
  serverPid: number,
) {
  const probe = cpuProbe();
  const ticksBefore = { server: cpuTicks(serverPid), swarm: swarm.pid ? cpuTicks(swarm.pid) : 0 };
  probe.start();
  const sentAt = new Map<string, number>();
  /** Requests that created no action, by status code or socket error. */
  const refused = new Map<string, number>();
  // As an API client would: a bounded pool of kept-alive connections, not one socket per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.min(devices.length, size.dispatchRate * size.dispatchSeconds);
  const requests: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    // Paced on the clock, not on answers: a slow server does not slow the arrivals down.
    const due = (i / size.dispatchRate) * 1000;
    const wait = due - (performance.now() - started);
    if (wait > 1) await sleep(wait);
    const device = devices[i];
    if (!device) break;
    const at = performance.timeOrigin + performance.now();
    requests.push(
      post(agent, `${origin}/api/v1/devices/${device.deviceId}/actions`, token).then(
        ({ status, id }) => {
          if (id) sentAt.set(id, at);
          else refused.set(String(status), (refused.get(String(status)) ?? 0) + 1);
        },
        (error: NodeJS.ErrnoException) => {
          const why = error.code ?? 'error';
          refused.set(why, (refused.get(why) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(requests);
  agent.destroy();
  const split = probe.stop();
  const coresOf = (ticks: number) => ticks / TICKS_PER_SECOND / ((performance.now() - started) / 1000);
  const cores = split && {
    server: coresOf(cpuTicks(serverPid) - ticksBefore.server),
    postgres: split.postgres,
    swarm: coresOf((swarm.pid ? cpuTicks(swarm.pid) : 0) - ticksBefore.swarm),
    loader: split.own,
  };
  await sleep(2_000);
  const reply = await ask(swarm, { type: 'received' }, 'arrivals');
  const arrived = new Map(reply.type === 'arrivals' ? reply.arrivals : []);
  const latencies = [...sentAt]
    .map(([id, at]) => (arrived.has(id) ? (arrived.get(id) ?? 0) - at : undefined))
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rate: size.dispatchRate,
    sent: total,
    refused: Object.fromEntries(refused),
    lost: sentAt.size - latencies.length,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    cores,
  };
}

export async function measureAgentFleet(
  databaseUrl: string,
  env: Record<string, string>,
  size: FleetSize,
  workDir: string,
  cleanup: Cleanup,
  print: (line: string) => void,
): Promise<FleetReport> {
  const { devices, token } = await enrollFleet(databaseUrl, size.agents);
  const server = await startServerProcess(env);
  cleanup.add('stop the fleet server', () => server.close());
  await sleep(2_000);
  const rssBeforeBytes = residentBytes(server.pid);

  const inputFile = path.join(workDir, 'swarm.json');
  writeFileSync(
    inputFile,
    JSON.stringify({
      origin: server.origin.replace(/^http/, 'ws'),
      devices,
      concurrency: CONNECT_CONCURRENCY,
    }),
  );
  const swarm = fork(new URL('./agent-swarm.ts', import.meta.url), [inputFile], {
    execArgv: ['--import', 'tsx'],
  });
  cleanup.add('stop the agent swarm', async () => {
    if (swarm.exitCode === null) swarm.kill();
  });
  const connected = await ask(swarm, { type: 'connect' }, 'connected');
  if (connected.type !== 'connected') throw new Error('unexpected swarm answer');
  print(
    `    ${size.agents.toLocaleString('en')} agents connected in ${connected.seconds.toFixed(1)} s (${connected.failed} failed)`,
  );
  await sleep(5_000);
  const rssAfterBytes = residentBytes(server.pid);

  const before = cpuTicks(server.pid);
  await sleep(HEARTBEAT_WINDOW_SECONDS * 1000);
  const heartbeatCores = (cpuTicks(server.pid) - before) / TICKS_PER_SECOND / HEARTBEAT_WINDOW_SECONDS;
  print(`    heartbeats: ${heartbeatCores.toFixed(3)} cores over ${HEARTBEAT_WINDOW_SECONDS} s`);

  // Warmed up first, as every route is: the server's first actions compile its code paths and
  // prepare its statements. Other devices than the measured ones, so each gets one action.
  const warm = size.dispatchRate * size.warmupSeconds;
  await dispatch(
    server.origin,
    token,
    devices.slice(0, warm),
    { ...size, dispatchSeconds: size.warmupSeconds },
    swarm,
    server.pid,
  );
  const dispatched = await dispatch(server.origin, token, devices.slice(warm), size, swarm, server.pid);
  print(`    dispatch at ${dispatched.rate}/s: p99 ${dispatched.p99} ms, ${dispatched.lost} lost`);
  swarm.send({ type: 'close' } satisfies SwarmRequest);
  await server.close();
  return {
    agents: size.agents,
    failed: connected.failed,
    connectSeconds: connected.seconds,
    rssBeforeBytes,
    rssAfterBytes,
    heartbeatCores,
    dispatch: dispatched,
  };
}
