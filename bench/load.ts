import { fork } from 'node:child_process';
import type { Request } from 'autocannon';
import type { ChildMessage, ChildRequest } from './load-child';
import { cpuProbe } from './noise';
import type { Durations } from './options';
import type { RunningServer } from './server';
import { KB_QUERIES } from './words';

/** One route under load, as the report needs it. */
export type Measurement = {
  key: ScenarioKey;
  label: string;
  connections: number;
  /** Responses per second, whatever their status (autocannon's average of per-second samples). */
  reqPerSec: number;
  /** 2xx responses per second: what a throughput target counts. */
  okPerSec: number;
  p50: number;
  /** From every response time of the run (autocannon's summary has no p95). */
  p95: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Cores other programs used during the measured run (undefined off Linux). */
  otherCores: number | undefined;
};

export type ScenarioKey =
  | 'hello'
  | 'baseline'
  | 'portalList'
  | 'portalListFresh'
  | 'kbSearch'
  | 'kbSearchOne'
  | 'ticketCreate';

export type Scenario = {
  key: ScenarioKey;
  label: string;
  requests: Request[];
  /** Defaults to the run's connection count. */
  connections?: number;
};

/** Pages 1–5 of the contact's ~100 tickets (20 per page), half of them asking for `scope=mine`. */
const LIST_PATHS = ['page=1', 'page=2&scope=mine', 'page=3', 'page=4&scope=mine', 'page=5'].map(
  (query) => `/portal/api/tickets?${query}`,
);

const KB_PATHS = KB_QUERIES.map((q) => `/portal/api/kb/articles?q=${encodeURIComponent(q)}`);

/** A few different tickets, so the row and its tsvector are not the same bytes every time. */
const NEW_TICKETS = [
  { title: 'Printer on the second floor jams', description: 'Every print job stops with a paper jam.' },
  { title: 'VPN drops every few minutes', description: 'Since the update the tunnel disconnects often.' },
  { title: 'Cannot open shared folder', description: 'Access denied on the team drive since Monday.' },
  { title: 'Invoice shows the wrong amount', description: 'The March invoice bills two licenses twice.' },
];

export function scenarios(server: RunningServer, withCreate: boolean): Scenario[] {
  const cookie = { cookie: server.cookie };
  const list: Scenario[] = [
    { key: 'hello', label: 'bare JSON (GET /bench/hello)', requests: [{ path: '/bench/hello' }] },
    {
      key: 'baseline',
      label: 'database baseline (1 PK lookup)',
      requests: [{ path: '/bench/baseline-db' }],
    },
    {
      key: 'portalList',
      label: 'portal ticket list (20/page)',
      requests: LIST_PATHS.map((path) => ({ path, headers: cookie })),
    },
    {
      // The same pages with the cache bypassed: what every read would cost if none repeated.
      key: 'portalListFresh',
      label: 'portal ticket list, uncached (no-cache)',
      requests: LIST_PATHS.map((path) => ({ path, headers: { ...cookie, 'cache-control': 'no-cache' } })),
    },
    {
      key: 'kbSearch',
      label: 'portal KB search (5 languages)',
      requests: KB_PATHS.map((path) => ({ path, headers: cookie })),
    },
    {
      // The same searches one at a time: the service time a lone reader sees, without the queueing
      // that 64 connections add (SPEC §11 gives the KB target no concurrency).
      key: 'kbSearchOne',
      label: 'portal KB search, 1 connection',
      requests: KB_PATHS.map((path) => ({ path, headers: cookie })),
      connections: 1,
    },
  ];
  if (withCreate) {
    list.push({
      key: 'ticketCreate',
      label: 'ticket creation (POST portal API)',
      requests: NEW_TICKETS.map((ticket) => ({
        method: 'POST',
        path: '/portal/api/tickets',
        // The server checks the Origin of cookie-authenticated writes, as a browser would send it.
        headers: { cookie: server.writerCookie, 'content-type': 'application/json', origin: server.origin },
        body: JSON.stringify(ticket),
      })),
    });
  }
  return list;
}

/**
 * A warm-up run whose figures are thrown away (JIT, pool connections, caches), then the measured
 * run, both fired by a child process (load-child.ts): the load generator shares the machine's
 * cores, as SPEC §11 says, but not the server's event loop.
 */
export async function measure(
  server: RunningServer,
  scenario: Scenario,
  connections: number,
  durations: Durations,
): Promise<Measurement> {
  const options = {
    url: server.origin,
    connections: scenario.connections ?? connections,
    timeout: 30,
    requests: scenario.requests,
    title: scenario.key,
  };
  const probe = cpuProbe();
  const child = fork(new URL('./load-child.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const done = new Promise<Extract<ChildMessage, { kind: 'done' }>>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'measuring') probe.start();
      else resolve(message);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) before its result`)));
  });
  child.send({ options, durations } satisfies ChildRequest);
  const { result, latencies, cpuSeconds } = await done;
  const otherCores = probe.stop(cpuSeconds);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
  );
  return {
    key: scenario.key,
    label: scenario.label,
    connections: options.connections,
    reqPerSec: result.requests.average,
    okPerSec: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p95: percentile(latencies, 0.95),
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    otherCores,
  };
}

/** The nearest-rank percentile, in milliseconds to one decimal. */
function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}
