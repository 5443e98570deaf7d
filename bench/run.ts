import path from 'node:path';
import { openDatabase } from '../apps/server/src/db/client';
import { type Measurement, measure, scenarios } from './load';
import { type Options, parseOptions, type TargetKind, UsageError } from './options';
import { hasErrors, print, printMachine, printNotes, printTarget, type TargetReport } from './report';
import { countRows, prepareSchema, seed } from './seed';
import { benchConfig, freePort, getJson, type RunningServer, startServer } from './server';
import {
  ADMIN_URL,
  Cleanup,
  createBenchDatabase,
  createTempDir,
  probePostgres,
  redact,
  SetupError,
} from './targets';
import { KB_QUERIES } from './words';

/**
 * `npm run bench`: SPEC §11's throughput and latency targets on PostgreSQL and on the embedded
 * database, one after the other in one process. Each target gets a fresh database, is seeded with
 * set-based SQL, serves the real app on a local port and is loaded with autocannon; then
 * everything it made is removed, also when it fails or the run is interrupted.
 */

/** Cleanups of the target in progress, for Ctrl-C. */
const pending = new Set<Cleanup>();

async function openTarget(kind: TargetKind, cleanup: Cleanup, keep: boolean) {
  const dataDir = await createTempDir(cleanup, kind);
  const port = await freePort();
  if (kind === 'postgres') {
    const { url } = await createBenchDatabase(cleanup, keep, print);
    const config = benchConfig({ port, dataDir, databaseUrl: url });
    const database = await openDatabase({ kind, url, poolSize: config.databasePoolSize });
    cleanup.add('close the database pool', () => database.close());
    return {
      config,
      database,
      description: `PostgreSQL at ${redact(ADMIN_URL)} (app pool of ${config.databasePoolSize})`,
    };
  }
  const config = benchConfig({ port, dataDir });
  const database = await openDatabase({ kind, dataDir: path.join(dataDir, 'db') });
  cleanup.add('close the embedded database', () => database.close());
  return { config, database, description: 'embedded database (PGlite, on disk in a temp dir)' };
}

async function benchTarget(kind: TargetKind, options: Options): Promise<TargetReport> {
  const cleanup = new Cleanup();
  pending.add(cleanup);
  try {
    print();
    print(`--- ${kind}: preparing ---`);
    const { config, database, description } = await openTarget(kind, cleanup, options.keep);
    await prepareSchema(database, config);
    const seeded = await seed(database, options.sizes[kind], (line) => print(line));
    const counts = await countRows(database.db);
    print(`  seeded in ${seeded.seconds.toFixed(1)} s`);

    const server = await startServer(config, database, seeded.ticketIds);
    cleanup.add('close the app', () => server.app.close());
    const mine = await getJson<{ total: number }>(server, '/portal/api/tickets?scope=mine');
    await reportKbMatches(server);
    const rssIdleBytes = process.memoryUsage().rss;

    const measurements: Measurement[] = [];
    for (const scenario of scenarios(server, kind === 'postgres')) {
      const m = await measure(server, scenario, options.connections, options.durations);
      print(
        `  ${m.label}: ${Math.round(m.reqPerSec)} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms` +
          (m.non2xx > 0 || m.errors > 0 ? `, ${m.non2xx} NON-2XX, ${m.errors} ERRORS` : ''),
      );
      measurements.push(m);
    }
    return {
      kind,
      description,
      counts,
      seedSeconds: seeded.seconds,
      rssIdleBytes,
      rssAfterBytes: process.memoryUsage().rss,
      benchedContactTickets: mine.total,
      measurements,
    };
  } finally {
    await cleanup.runAll(print);
    pending.delete(cleanup);
  }
}

/** How many articles each KB query matches: a search that matches nothing would bench nothing. */
async function reportKbMatches(server: RunningServer): Promise<void> {
  const totals: number[] = [];
  for (const q of KB_QUERIES) {
    const result = await getJson<{ total: number }>(
      server,
      `/portal/api/kb/articles?q=${encodeURIComponent(q)}`,
    );
    totals.push(result.total);
  }
  print(`  KB queries match ${Math.min(...totals)}–${Math.max(...totals)} articles (${totals.join(', ')})`);
}

async function chooseTargets(options: Options): Promise<{ kinds: TargetKind[]; version?: string }> {
  const probe = await probePostgres();
  if ('version' in probe) {
    if (options.only === 'embedded') return { kinds: ['embedded'], version: probe.version };
    return {
      kinds: options.only === 'postgres' ? ['postgres'] : ['postgres', 'embedded'],
      version: probe.version,
    };
  }
  const why = `PostgreSQL is not reachable at ${redact(ADMIN_URL)} (${probe.error})`;
  if (options.only === 'postgres') throw new SetupError(`${why}; set BENCH_DATABASE_URL.`);
  if (options.only === 'embedded') return { kinds: ['embedded'] };
  print(`${why}: benching the embedded database only. Set BENCH_DATABASE_URL to bench PostgreSQL.`);
  return { kinds: ['embedded'] };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const { kinds, version } = await chooseTargets(options);
  printMachine(version);
  if (options.quick) print('--quick: small data and 2-second runs; a smoke check, not figures to quote.');
  const reports: TargetReport[] = [];
  for (const kind of kinds) reports.push(await benchTarget(kind, options));
  print();
  print(`=== Results (${new Date().toISOString().slice(0, 10)}) ===`);
  printMachine(version);
  for (const report of reports) printTarget(report);
  printNotes();
  return hasErrors(reports) ? 1 : 0;
}

let interrupting = false;
async function interrupted(signal: NodeJS.Signals): Promise<void> {
  interrupting = true;
  print(`\n${signal}: cleaning up before exit…`);
  for (const cleanup of pending) await cleanup.runAll(print);
  process.exit(130);
}
process.once('SIGINT', (signal) => void interrupted(signal));
process.once('SIGTERM', (signal) => void interrupted(signal));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A statement ended by the interrupt's cleanup lands here; that handler decides the exit.
    if (interrupting) return;
    const known = error instanceof UsageError || error instanceof SetupError;
    process.stderr.write(known ? `${error.message}\n` : `bench failed: ${(error as Error).stack ?? error}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
