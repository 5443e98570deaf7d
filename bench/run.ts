import path from 'node:path';
import { type Database, openDatabase } from '../apps/server/src/db/client';
import { FLEET_SIZES, type FleetReport, measureAgentFleet } from './agent-fleet';
import {
  type Measurement,
  measure,
  type Scenario,
  type ScenarioKey,
  type ScenarioOptions,
  scenarios,
} from './load';
import { averageBytes, mailTemplates } from './mails';
import { type Options, parseOptions, type TargetKind, UsageError } from './options';
import {
  hasErrors,
  type MemoryReport,
  print,
  printMachine,
  printNotes,
  printTarget,
  type TargetReport,
} from './report';
import {
  countInboundMail,
  countMailEvents,
  countRows,
  findMailSenders,
  prepareSchema,
  seed,
  vacuumAndCheckpoint,
} from './seed';
import { benchConfig, benchEnv, freePort, getJson, type RunningServer, startServer } from './server';
import { residentBytes, startServerProcess, waitUntilIdle } from './server-process';
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

/** `fn` the first time, nothing after: closed early on purpose, closed again by the cleanup. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}

async function openTarget(kind: TargetKind, cleanup: Cleanup, keep: boolean) {
  const dataDir = await createTempDir(cleanup, kind);
  const port = await freePort();
  if (kind === 'postgres') {
    const { url } = await createBenchDatabase(cleanup, keep, print);
    const config = benchConfig({ port, dataDir, databaseUrl: url });
    const database = await openDatabase({ kind, url, poolSize: config.databasePoolSize });
    const close = once(() => database.close());
    cleanup.add('close the database pool', close);
    return {
      config,
      database,
      close,
      serverEnv: async () =>
        benchEnv({ port: await freePort(), smtpPort: await freePort(), dataDir, databaseUrl: url }),
      description: `PostgreSQL at ${redact(ADMIN_URL)} (app pool of ${config.databasePoolSize})`,
    };
  }
  const config = benchConfig({ port, dataDir });
  const database = await openDatabase({ kind, dataDir: path.join(dataDir, 'db') });
  const close = once(() => database.close());
  cleanup.add('close the embedded database', close);
  return {
    config,
    database,
    close,
    serverEnv: async () => benchEnv({ port: await freePort(), smtpPort: await freePort(), dataDir }),
    description: 'embedded database (PGlite, on disk in a temp dir)',
  };
}

/**
 * Every route starts from the same state, as pgbench starts each run: the mail dispatcher has
 * mailed the last route's ticket events (it would otherwise compete with the next route), and
 * VACUUM and CHECKPOINT clear what the last route's writes left for later (dead queue rows the
 * dispatcher would step over, the full-text index's pending entries, dirty pages), which would
 * otherwise land in whichever run happens to be measured when they come due.
 */
async function settle(database: Database): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await countMailEvents(database.db)) > 0) {
    if (Date.now() > deadline) throw new Error('the mail dispatcher did not catch up within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await vacuumAndCheckpoint(database.db);
}

async function benchTarget(kind: TargetKind, options: Options): Promise<TargetReport> {
  const cleanup = new Cleanup();
  pending.add(cleanup);
  try {
    print();
    print(`--- ${kind}: preparing ---`);
    const target = await openTarget(kind, cleanup, options.keep);
    const { config, database } = target;
    await prepareSchema(database, config);
    const seeded = await seed(database, options.sizes[kind], (line) => print(line));
    const counts = await countRows(database.db);
    const mailSenders = await findMailSenders(database.db);
    print(`  seeded in ${seeded.seconds.toFixed(1)} s`);

    const server = await startServer(config, database, seeded.ticketIds);
    const closeApp = once(() => server.close());
    cleanup.add('close the app', closeApp);
    const mine = await getJson<{ total: number }>(server, '/portal/api/tickets?scope=mine');
    await reportKbMatches(server);

    const scenarioOptions = {
      withCreate: kind === 'postgres',
      mailSenders,
      mailConnections: options.mailConnections,
    };
    const list = chosen(scenarios(server, scenarioOptions), options.routes);
    const runs: Measurement[][] = [];
    for (let run = 1; run <= options.runs; run++) {
      if (options.runs > 1) print(`  run ${run} of ${options.runs}`);
      const measured: Measurement[] = [];
      for (const scenario of list) {
        await settle(database);
        const m = await measure(server, scenario, options.connections, options.durations);
        print(
          `  ${m.label}: ${Math.round(m.reqPerSec)} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms` +
            (m.non2xx > 0 || m.errors > 0 ? `, ${m.non2xx} NON-2XX, ${m.errors} ERRORS` : ''),
        );
        measured.push(m);
      }
      runs.push(measured);
    }
    await settle(database);
    const inbound = await countInboundMail(database.db);

    // The embedded database takes one process: the bench lets go of it for the server's own.
    await closeApp();
    await target.close();
    let memory: MemoryReport | undefined;
    if (!options.routes || options.routes.includes(IDLE_MEMORY)) {
      print('  server process: standard load, then idle memory');
      memory = await measureServerMemory(await target.serverEnv(), scenarioOptions, options, cleanup);
    }
    let fleet: FleetReport | undefined;
    const databaseUrl = config.databaseUrl;
    if (databaseUrl && (!options.routes || options.routes.includes(AGENT_FLEET))) {
      print('  server process: agent fleet');
      fleet = await measureAgentFleet(
        databaseUrl,
        await target.serverEnv(),
        options.quick ? FLEET_SIZES.quick : FLEET_SIZES.full,
        await createTempDir(cleanup, 'fleet'),
        cleanup,
        print,
      );
    }

    return {
      kind,
      description: target.description,
      counts,
      seedSeconds: seeded.seconds,
      benchedContactTickets: mine.total,
      runs,
      mail: { averageBytes: averageBytes(mailTemplates(mailSenders)), inbound },
      memory,
      fleet,
    };
  } finally {
    await cleanup.runAll(print);
    pending.delete(cleanup);
  }
}

/** The routes of the standard load before the idle memory is read. */
const STANDARD_LOAD: ScenarioKey[] = [
  'portalList',
  'portalListFresh',
  'kbSearch',
  'ticketCreate',
  'emailToTicket',
];

/**
 * `main.ts` started on the seeded database as a process of its own, given each load route of the
 * run for one measured period, then left alone until it is idle: its resident memory then is
 * SPEC §11's idle memory.
 */
async function measureServerMemory(
  env: Record<string, string>,
  scenarioOptions: ScenarioOptions,
  options: Options,
  cleanup: Cleanup,
): Promise<MemoryReport> {
  const server = await startServerProcess(env);
  cleanup.add('stop the server process', () => server.close());
  await waitUntilIdle(server.pid);
  const afterStartBytes = residentBytes(server.pid);
  const load = scenarios(server, scenarioOptions).filter((scenario) => STANDARD_LOAD.includes(scenario.key));
  for (const scenario of load) {
    const m = await measure(server, scenario, options.connections, {
      warmupSeconds: 0,
      measureSeconds: options.durations.measureSeconds,
    });
    print(`    ${m.label}: ${Math.round(m.reqPerSec)} req/s; RSS ${mib(residentBytes(server.pid))}`);
  }
  await waitUntilIdle(server.pid);
  const afterLoadBytes = residentBytes(server.pid);
  // A burst's garbage (the mail's buffers above all) stays until V8's next full collection, which
  // an idle process often gets on its own within a minute: idle memory is read after the wait.
  print(`    at rest for ${REST_SECONDS} s`);
  await new Promise((resolve) => setTimeout(resolve, REST_SECONDS * 1000));
  const idleBytes = residentBytes(server.pid);
  await server.close();
  return {
    afterStartBytes,
    afterLoadBytes,
    idleBytes,
    restSeconds: REST_SECONDS,
    load: load.map((scenario) => scenario.label),
  };
}

/** How long the server is left alone after the standard load before its idle memory is read. */
const REST_SECONDS = 120;

/** What `--routes` calls the idle-memory step, which runs after the routes. */
const IDLE_MEMORY = 'idleMemory';
/** What `--routes` calls the agent fleet step (PostgreSQL only), which runs last. */
const AGENT_FLEET = 'agentFleet';

/** The routes `--routes` names, in the usual order; a name that is no route is a usage error. */
function chosen(list: Scenario[], routes: string[] | undefined): Scenario[] {
  if (!routes) return list;
  const keys = [...list.map((scenario) => scenario.key), IDLE_MEMORY, AGENT_FLEET];
  const unknown = routes.filter((key) => !keys.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(`no route ${unknown.join(', ')} here; routes: ${keys.join(', ')}`);
  }
  return list.filter((scenario) => routes.includes(scenario.key));
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '?' : `${Math.round(bytes / 2 ** 20)} MiB`);

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
