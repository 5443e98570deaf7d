/** Command-line flags of `npm run bench` and the sizes they select. */

export type TargetKind = 'postgres' | 'embedded';

export type DataSize = {
  tickets: number;
  customers: number;
  kbArticles: number;
  /** Tickets of the benched (ordinary) contact; their company has four times as many. */
  benchedContactTickets: number;
};

export type Durations = { warmupSeconds: number; measureSeconds: number };

export type Options = {
  only: TargetKind | undefined;
  quick: boolean;
  /** Leave the PostgreSQL bench database in place, e.g. to EXPLAIN ANALYZE the portal queries on it. */
  keep: boolean;
  /** Only these routes (`--routes=ticketCreate,kbSearch`), to look into one without the others. */
  routes: string[] | undefined;
  connections: number;
  /** Concurrent SMTP connections of the email-to-ticket row, as a relaying MTA would open. */
  mailConnections: number;
  durations: Durations;
  /**
   * Measured runs: the whole list of routes, that many times over. The report gives each route's
   * median run and the spread, and a target holds only if every run meets it.
   */
  runs: number;
  sizes: Record<TargetKind, DataSize>;
};

/** SPEC §11 sizes on the server; a tenth on the embedded database, which runs one query at a time. */
const FULL: Record<TargetKind, DataSize> = {
  postgres: { tickets: 1_000_000, customers: 10_000, kbArticles: 20_000, benchedContactTickets: 100 },
  embedded: { tickets: 100_000, customers: 1_000, kbArticles: 5_000, benchedContactTickets: 100 },
};

/** `--quick`: a smoke check that every step works, in about a minute. */
const QUICK: Record<TargetKind, DataSize> = {
  postgres: { tickets: 20_000, customers: 200, kbArticles: 2_000, benchedContactTickets: 100 },
  embedded: { tickets: 10_000, customers: 100, kbArticles: 1_000, benchedContactTickets: 100 },
};

const USAGE =
  'usage: npm run bench -- [--only=postgres|embedded] [--quick] [--runs=N] [--routes=key,…] [--keep]';

export function parseOptions(argv: string[]): Options {
  let only: TargetKind | undefined;
  let quick = false;
  let keep = false;
  let runs: number | undefined;
  let routes: string[] | undefined;
  for (const arg of argv) {
    const runsArg = /^--runs=(\d+)$/.exec(arg)?.[1];
    const routesArg = /^--routes=(.+)$/.exec(arg)?.[1];
    if (arg === '--quick') quick = true;
    else if (arg === '--keep') keep = true;
    else if (arg === '--only=postgres' || arg === '--only=embedded') only = arg.slice(7) as TargetKind;
    else if (routesArg !== undefined) routes = routesArg.split(',');
    else if (runsArg !== undefined && Number(runsArg) >= 1 && Number(runsArg) <= 20) runs = Number(runsArg);
    else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  return {
    only,
    quick,
    keep,
    routes,
    connections: 64,
    mailConnections: 8,
    durations: quick ? { warmupSeconds: 1, measureSeconds: 2 } : { warmupSeconds: 3, measureSeconds: 10 },
    runs: runs ?? (quick ? 1 : 3),
    sizes: quick ? QUICK : FULL,
  };
}

export class UsageError extends Error {}
