import { fork } from 'node:child_process';
import type { Request } from 'autocannon';
import type { ChildMessage, ChildRequest } from './load-child';
import type { MailSender } from './mails';
import { type CpuSplit, cpuProbe } from './noise';
import type { Durations } from './options';
import type { RunningServer } from './server';
import { KB_QUERIES } from './words';

/** One route under load, as the report needs it. */
export type Measurement = {
  key: ScenarioKey;
  label: string;
  connections: number;
  /** Responses per second, whatever their status. */
  reqPerSec: number;
  /** 2xx (SMTP: 250) responses per second: what a throughput target counts. */
  okPerSec: number;
  /** Percentiles of every response time of the measured run. */
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Cores each part used during the measured run (undefined off Linux). */
  cpu: CpuSplit | undefined;
};

export type ScenarioKey =
  | 'hello'
  | 'baseline'
  | 'portalList'
  | 'portalListFresh'
  | 'kbSearch'
  | 'kbSearchOne'
  | 'ticketCreate'
  | 'emailToTicket';

export type Scenario = {
  key: ScenarioKey;
  label: string;
  /** Defaults to the run's connection count. */
  connections?: number;
} & ({ kind: 'http'; requests: Request[] } | { kind: 'smtp'; senders: MailSender[] });

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

export type ScenarioOptions = {
  /** Ticket creation (PostgreSQL only: SPEC §11's figure is for the server). */
  withCreate: boolean;
  /** Email to ticket over SMTP: who writes in. */
  mailSenders: MailSender[];
  mailConnections: number;
};

export function scenarios(server: RunningServer, options: ScenarioOptions): Scenario[] {
  const cookie = { cookie: server.cookie };
  const list: Scenario[] = [
    {
      kind: 'http',
      key: 'hello',
      label: 'bare JSON (GET /bench/hello)',
      requests: [{ path: '/bench/hello' }],
    },
    {
      kind: 'http',
      key: 'baseline',
      label: 'database baseline (1 PK lookup)',
      requests: [{ path: '/bench/baseline-db' }],
    },
    {
      kind: 'http',
      key: 'portalList',
      label: 'portal ticket list (20/page)',
      requests: LIST_PATHS.map((path) => ({ path, headers: cookie })),
    },
    {
      // The same pages with the cache bypassed: what every read would cost if none repeated.
      kind: 'http',
      key: 'portalListFresh',
      label: 'portal ticket list, uncached (no-cache)',
      requests: LIST_PATHS.map((path) => ({ path, headers: { ...cookie, 'cache-control': 'no-cache' } })),
    },
    {
      kind: 'http',
      key: 'kbSearch',
      label: 'portal KB search (5 languages)',
      requests: KB_PATHS.map((path) => ({ path, headers: cookie })),
    },
    {
      // The same searches one at a time: the service time a lone reader sees, without the queueing
      // that 64 connections add (SPEC §11 gives the KB target no concurrency).
      kind: 'http',
      key: 'kbSearchOne',
      label: 'portal KB search, 1 connection',
      requests: KB_PATHS.map((path) => ({ path, headers: cookie })),
      connections: 1,
    },
  ];
  if (options.withCreate) {
    list.push({
      kind: 'http',
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
  if (server.smtpPort !== undefined) {
    list.push({
      kind: 'smtp',
      key: 'emailToTicket',
      label: 'email to ticket (SMTP, with attachments)',
      senders: options.mailSenders,
      connections: options.mailConnections,
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
  const used = scenario.connections ?? connections;
  const request: ChildRequest =
    scenario.kind === 'http'
      ? {
          kind: 'http',
          durations,
          options: {
            url: server.origin,
            connections: used,
            timeout: 30,
            requests: scenario.requests,
            title: scenario.key,
          },
        }
      : {
          kind: 'smtp',
          durations,
          load: { port: smtpPortOf(server), connections: used, senders: scenario.senders },
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
  child.send(request);
  const { summary, latencies, cpuSeconds } = await done;
  const cpu = probe.stop(cpuSeconds);
  const sorted = Float64Array.from(latencies).sort();
  return {
    key: scenario.key,
    label: scenario.label,
    connections: used,
    reqPerSec: summary.responses / summary.durationSeconds,
    okPerSec: summary.ok / summary.durationSeconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    non2xx: summary.responses - summary.ok,
    errors: summary.errors,
    statusCodes: summary.statusCodes,
    cpu,
  };
}

function smtpPortOf(server: RunningServer): number {
  if (server.smtpPort === undefined) throw new Error('the server has no inbound SMTP listener');
  return server.smtpPort;
}

/** The nearest-rank percentile of sorted values, in milliseconds to one decimal. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}
