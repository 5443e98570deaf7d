import os from 'node:os';
import type { Measurement } from './load';
import type { TargetKind } from './options';
import type { RowCounts } from './seed';

/** Plain-text tables on stdout; the bench is a script, so `process.stdout` rather than a logger. */
export const print = (line = '') => process.stdout.write(`${line}\n`);

/** osTicket 1.18 measured on this kind of machine (research/osticket-baseline.md, 16 connections). */
const OSTICKET = {
  portalList: { reqPerSec: 130.8, p99: 271 },
  kbSearch: { reqPerSec: 146.8, p99: 215 },
  ticketCreate: { reqPerSec: 58.8, p99: 197 },
} as const;

export type TargetReport = {
  kind: TargetKind;
  description: string;
  counts: RowCounts & { databaseBytes: number };
  seedSeconds: number;
  rssIdleBytes: number;
  rssAfterBytes: number;
  benchedContactTickets: number;
  measurements: Measurement[];
};

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
    default:
      return undefined;
  }
}

function osTicketComparison(m: Measurement): string {
  const peer = OSTICKET[(m.key === 'portalListFresh' ? 'portalList' : m.key) as keyof typeof OSTICKET];
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
      `RSS ${mb(report.rssIdleBytes)} idle after start, ${mb(report.rssAfterBytes)} after the load`,
  );
  const baseline = report.measurements.find((m) => m.key === 'baseline');
  const rows = report.measurements.map((m) => {
    const verdict = verdictOf(m, baseline);
    const failed = m.non2xx > 0 || m.errors > 0;
    return [
      m.label,
      String(m.connections),
      fixed(m.reqPerSec),
      String(m.p50),
      String(m.p95),
      String(m.p99),
      failed ? `${m.non2xx} !! (${m.errors} errors)` : '0',
      baseline ? fixed(m.reqPerSec / baseline.reqPerSec, 2) : '-',
      m.otherCores === undefined ? '-' : fixed(m.otherCores, 2),
      verdict ? `${failed ? 'ERRORS' : verdict.ok ? 'PASS' : 'MISS'} ${verdict.target}` : '',
      osTicketComparison(m),
    ];
  });
  for (const line of table(
    [
      'route',
      'conns',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-2xx',
      '× baseline',
      'other CPU',
      'SPEC §11',
      '× osTicket',
    ],
    rows,
  )) {
    print(line);
  }
  printErrors(report.measurements);
  printNoise(report.measurements);
}

/** Busy neighbours make every figure low; say so next to the figures rather than in a footnote. */
const NOISY_CORES = 0.25;
function printNoise(measurements: Measurement[]): void {
  const noisy = measurements.filter((m) => (m.otherCores ?? 0) > NOISY_CORES);
  if (noisy.length === 0) return;
  print(
    `! Other programs used more than ${NOISY_CORES} cores during: ${noisy.map((m) => m.label).join('; ')}. ` +
      'Those figures understate the app; rerun on a quiet machine.',
  );
}

/** Loud on purpose: figures from a run with failed requests are not figures. */
function printErrors(measurements: Measurement[]): void {
  const bad = measurements.filter((m) => m.non2xx > 0 || m.errors > 0);
  if (bad.length === 0) return;
  print();
  print('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  for (const m of bad) {
    print(
      `!! ${m.label}: ${m.non2xx} non-2xx responses, ${m.errors} errors; status codes ${JSON.stringify(m.statusCodes)}`,
    );
  }
  print('!! These figures are not valid: fix the errors and run again.');
  print('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
}

export function printNotes(): void {
  print();
  print('Notes: 64 connections unless shown; p95 is read from every response time of the measured run.');
  print('other CPU = cores used by programs other than the bench, its load generator and PostgreSQL.');
  print('× baseline = req/s ÷ the database baseline of the same run. × osTicket compares with osTicket 1.18');
  print(
    '(portal list 130.8 req/s p99 271 ms, KB search 146.8 req/s p99 215 ms, API create 58.8/s; 16 connections).',
  );
}

export function hasErrors(reports: TargetReport[]): boolean {
  return reports.some((r) => r.measurements.some((m) => m.non2xx > 0 || m.errors > 0));
}
