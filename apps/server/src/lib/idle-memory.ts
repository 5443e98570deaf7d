import v8 from 'node:v8';
import vm from 'node:vm';

export type IdleCollectorOptions = {
  /** How often the process's CPU time is read; an interval below `idleCores` counts as quiet. */
  intervalMs?: number;
  /** Cores used over an interval above which the process was busy (one request a second stays below). */
  idleCores?: number;
  /** CPU time of the process so far, in microseconds. */
  cpuMicros?: () => number;
  /** Unused heap worth giving back: below it a collection is not worth its pause. */
  minFreeBytes?: number;
  /** Heap the engine holds and what of it is live. */
  heap?: () => { total: number; used: number };
  /** A full collection that compacts the heap. */
  collect?: () => void;
};

/**
 * Gives a burst's memory back once the process goes quiet. V8 keeps the old-generation pages a
 * burst filled (some 30–40 MiB after a wave of mail) until a full collection compacts them, and
 * schedules that at a time of its own: minutes later, or not before the next burst. As the JVM does
 * for the same reason (JEP 346, periodic collections of an idle heap), one full collection runs when
 * the process was busy and then has been quiet for a whole interval; never while it works, never
 * twice for one burst.
 */
export function startIdleCollector(options: IdleCollectorOptions = {}): { stop(): void } {
  const {
    intervalMs = 15_000,
    idleCores = 0.02,
    minFreeBytes = 16 * 1024 * 1024,
    cpuMicros = () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    heap = () => {
      const { heapTotal, heapUsed } = process.memoryUsage();
      return { total: heapTotal, used: heapUsed };
    },
  } = options;
  const collect = options.collect ?? fullCollection();
  if (!collect) return { stop: () => {} };
  let before = cpuMicros();
  let worked = false;
  const timer = setInterval(() => {
    const now = cpuMicros();
    const cores = (now - before) / 1000 / intervalMs;
    before = now;
    if (cores > idleCores) {
      worked = true;
      return;
    }
    if (!worked) return;
    worked = false;
    const { total, used } = heap();
    if (total - used >= minFreeBytes) collect();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * V8's `gc()`, which Node only exposes to a process started with `--expose-gc`: the flag can be set
 * once the process runs, and the function then exists in contexts made after that. A plain full
 * collection frees the dead objects but moves no live ones, so pages a few survivors are spread over
 * stay mapped; compacting this one collection is what returns them.
 */
function fullCollection(): (() => void) | undefined {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc !== 'function') return undefined;
  return () => {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}
