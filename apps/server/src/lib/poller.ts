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
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let isKicked = false;

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      isKicked = false;
      running = drain(() => stopped)
        .catch((error: unknown) => log.error({ err: error }, `${name} failed; trying again`))
        .finally(() => {
          running = undefined;
          schedule(isKicked ? 0 : intervalMs);
        });
    }, delay);
  }

  return {
    start: () => {
      started = true;
      schedule(0);
    },
    /**
     * Drains now rather than at the next interval. During a run, drains again right after it: that
     * run may have looked for work before the new work was there.
     */
    kick(): void {
      if (!started || stopped) return;
      if (running !== undefined) {
        isKicked = true;
        return;
      }
      clearTimeout(timer);
      schedule(0);
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
