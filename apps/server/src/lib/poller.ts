import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `drain` now and then every `intervalMs` after it finishes, never twice at once. `stop` waits
 * for a run in progress, so work already taken is finished before the database closes.
 */
export function createPoller(
  name: string,
  drain: (isStopped: () => boolean) => Promise<void>,
  intervalMs: number,
  log: FastifyBaseLogger,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain(() => stopped)
        .catch((error: unknown) => log.error({ err: error }, `${name} failed; trying again`))
        .finally(() => schedule(intervalMs));
    }, delay);
  }

  return {
    start: () => schedule(0),
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
