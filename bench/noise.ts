import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much CPU other programs took while a route was measured. On a shared 2-core machine a test
 * suite running next door halves the figures (research/stack.md saw 30–60 %), so every row says
 * how quiet the machine was. Linux only (/proc); elsewhere the column stays empty.
 */

/** Linux reports /proc times in USER_HZ ticks, 100 per second on every mainstream build. */
const TICKS_PER_SECOND = 100;

type Sample = { at: number; busyTicks: number; postgresTicks: number; ownMicros: number };
/**
 * Cores used during a measured run: by this process (the app under test, when it runs in the
 * bench's process), PostgreSQL's processes, the load generator and everything else (noise).
 */
export type CpuSplit = { own: number; postgres: number; loader: number; other: number };
/** `stop` takes the CPU seconds of the load generator's process. */
export type CpuProbe = { start(): void; stop(loaderSeconds?: number): CpuSplit | undefined };

/** All cores' non-idle time: user, nice, system, irq, softirq, steal (idle and iowait left out). */
function busyTicks(): number {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
  const fields = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
  return [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (fields[i] ?? 0), 0);
}

/** CPU of the PostgreSQL server's processes: part of the bench, not noise. */
function postgresTicks(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      if (name !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

function sample(): Sample {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    busyTicks: busyTicks(),
    postgresTicks: postgresTicks(),
    ownMicros: own.user + own.system,
  };
}

export function cpuProbe(): CpuProbe {
  const supported = process.platform === 'linux';
  let first: Sample | undefined;
  return {
    start() {
      first = supported ? sample() : undefined;
    },
    stop(loaderSeconds = 0) {
      if (!first) return undefined;
      const last = sample();
      const seconds = (last.at - first.at) / 1000;
      const busy = (last.busyTicks - first.busyTicks) / TICKS_PER_SECOND;
      const postgres = (last.postgresTicks - first.postgresTicks) / TICKS_PER_SECOND;
      const own = (last.ownMicros - first.ownMicros) / 1e6;
      return {
        own: own / seconds,
        postgres: postgres / seconds,
        loader: loaderSeconds / seconds,
        other: Math.max(0, (busy - postgres - own - loaderSeconds) / seconds),
      };
    },
  };
}
