import os from 'node:os';
import type { FleetReport } from './agent-fleet';
import type { Measurement } from './load';
import type { TargetKind } from './options';
import type { InboundCounts, RowCounts } from './seed';

/** Plain-text tables on stdout; the bench is a script, so `process.stdout` rather than a logger. */
export const print = (line = '') => process.stdout.write(`${line}\n`);

/** osTicket 1.18 measured on this kind of machine (research/osticket-baseline.md, 16 connections). */
const OSTICKET: Partial<Record<Measurement['key'], { reqPerSec: number; p99: number }>> = {
  portalList: { reqPerSec: 130.8, p99: 271 },
  kbSearch: { reqPerSec: 146.8, p99: 215 },
  ticketCreate: { reqPerSec: 58.8, p99: 197 },
} as const;

/** The server process's resident memory (undefined off Linux). */
export type MemoryReport = {
  afterStartBytes: number | undefined;
  /** Once the load's last work is done (the CPU quiet for two seconds): what the burst left. */
  afterLoadBytes: number | undefined;
  /** After `restSeconds` more of nothing: SPEC §11's idle memory. */
  idleBytes: number | undefined;
  restSeconds: number;
  /** The routes of the standard load. */
  load: string[];
};

export type TargetReport = {
  kind: TargetKind;
  description: string;
  counts: RowCounts & { databaseBytes: number };
  seedSeconds: number;
  benchedContactTickets: number;
  /** Every route once per run, in the same order each run. */
  runs: Measurement[][];
  mail: { averageBytes: number; inbound: InboundCounts };
  /** Undefined when `--routes` left the idle-memory step out. */
  memory: MemoryReport | undefined;
  /** PostgreSQL only; undefined when `--routes` left it out. */
  fleet: FleetReport | undefined;
};

/** SPEC §11's idle memory per database. */
const IDLE_MEMORY_LIMIT: Record<TargetKind, number> = { postgres: 150 * 2 ** 20, embedded: 500 * 2 ** 20 };

type Verdict = { target: string; ok: boolean; detail: string };

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
const fixed = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function printMachine(postgresVersion: string | undefined): void {
  const cpus = os.cpus();
  print(
    `Machine: ${cpus.length} CPU × ${cpus[0]?.model ?? 'unknown'}, ${mb(os.totalmem())} RAM, ${os.platform()} ${os.release()}`,
  );
  print(`Node ${process.version}; PostgreSQL server ${postgresVersion ?? 'not reachable'}`);
  print(`Date: ${new Date().toISOString()}`);
}

/** SPEC §11 verdicts; a route that answered anything but 2xx fails whatever its speed. */
function verdictOf(m: Measurement, baseline: Measurement | undefined): Verdict | undefined {
  const ratio = baseline ? m.reqPerSec / baseline.reqPerSec : Number.NaN;
  switch (m.key) {
    case 'portalList':
    case 'portalListFresh':
      return {
        target: 'p99 < 50 ms, ≥ 0.50 × baseline',
        ok: m.p99 < 50 && ratio >= 0.5,
        detail: `p99 ${m.p99} ms, ${fixed(ratio, 2)} × baseline`,
      };
    case 'kbSearch':
    case 'kbSearchOne':
      return { target: 'p95 < 20 ms', ok: m.p95 < 20, detail: `p95 ${m.p95} ms` };
    case 'ticketCreate':
      return {
        target: '≥ 1,000 tickets/s',
        ok: m.okPerSec >= 1000,
        detail: `${fixed(m.okPerSec)} created/s`,
      };
    case 'emailToTicket':
      return { target: '≥ 200 mails/s', ok: m.okPerSec >= 200, detail: `${fixed(m.okPerSec)} stored/s` };
    default:
      return undefined;
  }
}

function osTicketComparison(m: Measurement): string {
  const peer = OSTICKET[m.key === 'portalListFresh' ? 'portalList' : m.key];
  if (!peer) return '';
  return `${fixed(m.reqPerSec / peer.reqPerSec, 1)}× req/s, p99 ${m.p99} vs ${peer.p99} ms`;
}

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The run whose throughput is the median of the route's runs. */
function medianRun(ms: Measurement[]): Measurement {
  const sorted = [...ms].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('a route without a measured run');
  return median;
}

const failed = (m: Measurement) => m.non2xx > 0 || m.errors > 0;

/** A failed request in any run marks the route; a target holds only if every run met it. */
function verdictCell(ms: Measurement[], baselines: (Measurement | undefined)[]): string {
  const verdicts = ms.map((m, run) => verdictOf(m, baselines[run]));
  const first = verdicts[0];
  if (!first) return '';
  if (ms.some(failed)) return `ERRORS ${first.target}`;
  const passed = verdicts.filter((v) => v?.ok).length;
  if (passed === ms.length) return `PASS ${first.target}`;
  return `MISS ${first.target}${ms.length > 1 ? ` (${passed} of ${ms.length} runs)` : ''}`;
}

function spreadCell(ms: Measurement[]): string {
  if (ms.length < 2) return '-';
  const rates = ms.map((m) => m.reqPerSec);
  return `${fixed(Math.min(...rates))}–${fixed(Math.max(...rates))}`;
}

/** SPEC §11 and the agent issue's targets for one server process. */
const FLEET_TARGETS = { connectSeconds: 60, addedBytes: 300 * 1e6, dispatchP99Ms: 250 };

const refusedText = (refused: Record<string, number>) =>
  Object.keys(refused).length === 0
    ? 'none refused'
    : `refused: ${Object.entries(refused)
        .map(([why, n]) => `${n} × ${why}`)
        .join(', ')}`;

function fleetLines(fleet: FleetReport): string[] {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const added =
    fleet.rssAfterBytes === undefined || fleet.rssBeforeBytes === undefined
      ? undefined
      : fleet.rssAfterBytes - fleet.rssBeforeBytes;
  const { dispatch } = fleet;
  return [
    `Agent fleet: ${fixed(fleet.agents)} agents on one server process (${fleet.failed} failed to connect)`,
    `  connect storm: all connected in ${fixed(fleet.connectSeconds, 1)} s; ` +
      `${verdict(fleet.failed === 0 && fleet.connectSeconds < FLEET_TARGETS.connectSeconds)} < ${FLEET_TARGETS.connectSeconds} s`,
    added === undefined
      ? '  memory: unknown (no /proc)'
      : `  memory: ${mb(added)} added (${mb((added / fleet.agents) * 1000)} per 1,000 agents); ` +
        `${verdict(added < FLEET_TARGETS.addedBytes)} < 300 MB added`,
    `  heartbeats: ${fixed(fleet.heartbeatCores, 3)} cores of the server`,
    `  dispatch at ${fixed(dispatch.rate)} actions/s (${fixed(dispatch.sent)} actions): p50 ${dispatch.p50} ms, ` +
      `p95 ${dispatch.p95} ms, p99 ${dispatch.p99} ms, max ${dispatch.max} ms, ${dispatch.lost} created but not received, ` +
      `${refusedText(dispatch.refused)}; ` +
      `${verdict(dispatch.lost === 0 && Object.keys(dispatch.refused).length === 0 && dispatch.p99 < FLEET_TARGETS.dispatchP99Ms)} p99 < ${FLEET_TARGETS.dispatchP99Ms} ms`,
    ...(dispatch.cores
      ? [
          `  cores while dispatching: server ${fixed(dispatch.cores.server, 2)}, PostgreSQL ${fixed(dispatch.cores.postgres, 2)}, ` +
            `agent swarm ${fixed(dispatch.cores.swarm, 2)}, load generator ${fixed(dispatch.cores.loader, 2)}`,
        ]
      : []),
  ];
}

function memoryLine(kind: TargetKind, memory: MemoryReport): string {
  const limit = IDLE_MEMORY_LIMIT[kind];
  const show = (bytes: number | undefined) => (bytes === undefined ? 'unknown (no /proc)' : mb(bytes));
  const { afterStartBytes, afterLoadBytes, idleBytes, restSeconds } = memory;
  const verdict =
    idleBytes === undefined ? '' : `${idleBytes < limit ? 'PASS' : 'MISS'} SPEC §11 idle < ${mb(limit)}`;
  return (
    `Server process RSS: ${show(afterStartBytes)} idle after start, ${show(afterLoadBytes)} ` +
    `right after the standard load, ${show(idleBytes)} after ${restSeconds} s at rest; ${verdict}`
  );
}

export function printTarget(report: TargetReport): void {
  const { counts } = report;
  print();
  print(`=== ${report.description} ===`);
  print(
    `Rows: ${fixed(counts.tickets)} tickets, ${fixed(counts.customers)} customers, ${fixed(counts.contacts)} contacts, ` +
      `${fixed(counts.kbArticles)} KB articles (${fixed(counts.kbPortal)} shared+published); database ${mb(counts.databaseBytes)}`,
  );
  print(
    `Seeded in ${fixed(report.seedSeconds, 1)} s; benched contact sees ${report.benchedContactTickets} tickets; ` +
      `${report.runs.length} measured run${report.runs.length === 1 ? '' : 's'} of every route`,
  );
  const routes = (report.runs[0] ?? []).map((_, i) => report.runs.map((run) => run[i] as Measurement));
  const baselines = report.runs.map((run) => run.find((m) => m.key === 'baseline'));
  const rows = routes.map((ms) => {
    const m = medianRun(ms);
    const baseline = baselines[ms.indexOf(m)];
    return [
      m.label,
      String(m.connections),
      fixed(m.reqPerSec),
      spreadCell(ms),
      String(m.p50),
      String(m.p95),
      String(m.p99),
      ms.some(failed) ? `${sum(ms, 'non2xx')} !! (${sum(ms, 'errors')} errors)` : '0',
      baseline ? fixed(m.reqPerSec / baseline.reqPerSec, 2) : '-',
      m.cpu === undefined
        ? '-'
        : `${fixed(m.cpu.own, 2)} / ${fixed(m.cpu.postgres, 2)} / ${fixed(m.cpu.loader, 2)}`,
      m.cpu === undefined ? '-' : fixed(Math.max(...ms.map((r) => r.cpu?.other ?? 0)), 2),
      verdictCell(ms, baselines),
      osTicketComparison(m),
    ];
  });
  for (const line of table(
    [
      'route',
      'conns',
      'req/s',
      'runs min–max',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-2xx',
      '× baseline',
      'cores app / PG / load',
      'other CPU',
      'SPEC §11',
      '× osTicket',
    ],
    rows,
  )) {
    print(line);
  }
  const inbound = Object.entries(report.mail.inbound)
    .map(([status, n]) => `${fixed(n)} ${status}`)
    .join(', ');
  print(
    `Email to ticket: messages of ${fixed(report.mail.averageBytes / 1024)} KiB on average; received: ${inbound || 'none'}`,
  );
  if (report.memory) {
    print(memoryLine(report.kind, report.memory));
    print(`  standard load: ${report.memory.load.join('; ')}, one measured period each, then idle`);
  }
  if (report.fleet) for (const line of fleetLines(report.fleet)) print(line);
  const all = report.runs.flat();
  printErrors(all, report.mail.inbound);
  printNoise(all);
}

const sum = (ms: Measurement[], key: 'non2xx' | 'errors') => ms.reduce((total, m) => total + m[key], 0);

/** Busy neighbours make every figure low; say so next to the figures rather than in a footnote. */
const NOISY_CORES = 0.25;
function printNoise(measurements: Measurement[]): void {
  const noisy = new Set(measurements.filter((m) => (m.cpu?.other ?? 0) > NOISY_CORES).map((m) => m.label));
  if (noisy.size === 0) return;
  print(
    `! Other programs used more than ${NOISY_CORES} cores during: ${[...noisy].join('; ')}. ` +
      'Those figures understate the app; rerun on a quiet machine.',
  );
}

/** Mail answered 250 but kept as failed (unreadable, or the import failed) is a failed request too. */
const failedImports = (inbound: InboundCounts) => inbound.failed ?? 0;

/** Loud on purpose: figures from a run with failed requests are not figures. */
function printErrors(measurements: Measurement[], inbound: InboundCounts): void {
  const bad = measurements.filter(failed);
  if (bad.length === 0 && failedImports(inbound) === 0) return;
  print();
  print('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  for (const m of bad) {
    print(
      `!! ${m.label}: ${m.non2xx} non-2xx responses, ${m.errors} errors; status codes ${JSON.stringify(m.statusCodes)}`,
    );
  }
  if (failedImports(inbound) > 0) {
    print(`!! email to ticket: ${failedImports(inbound)} messages kept as failed (see inbound_mail.reason)`);
  }
  print('!! These figures are not valid: fix the errors and run again.');
  print('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
}

export function printNotes(): void {
  print();
  print(
    'Notes: 64 connections unless shown; percentiles are read from every response time of the measured run.',
  );
  print(
    'req/s, p50–p99 and × baseline are of the median run; runs min–max is the spread of req/s over the runs.',
  );
  print('other CPU = cores used by programs other than the bench, its load generator and PostgreSQL.');
  print('× baseline = req/s ÷ the database baseline of the same run. × osTicket compares with osTicket 1.18');
  print(
    '(portal list 130.8 req/s p99 271 ms, KB search 146.8 req/s p99 215 ms, API create 58.8/s; 16 connections).',
  );
}

export function hasErrors(reports: TargetReport[]): boolean {
  return reports.some((r) => r.runs.flat().some(failed) || failedImports(r.mail.inbound) > 0);
}
