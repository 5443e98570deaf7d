import autocannon, { type Options, type Result } from 'autocannon';
import type { Durations } from './options';

/**
 * The load generator, in a process of its own (forked by `measure` in load.ts): autocannon then
 * shares the machine's cores with the server, as SPEC §11 says, but not its event loop, and every
 * response time is kept, so the report can give the percentile a target names (autocannon's own
 * summary has no p95).
 */

export type ChildRequest = { options: Options; durations: Durations };
export type ChildMessage =
  | { kind: 'measuring' }
  | {
      kind: 'done';
      result: Result;
      /** Response times of the measured run, in milliseconds. */
      latencies: number[];
      /** CPU this process used during the measured run: the load generator's, not noise. */
      cpuSeconds: number;
    };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

process.once('message', async ({ options, durations }: ChildRequest) => {
  await autocannon({ ...options, duration: durations.warmupSeconds });
  await send({ kind: 'measuring' });
  const latencies: number[] = [];
  const before = process.cpuUsage();
  const run = autocannon({ ...options, duration: durations.measureSeconds });
  run.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await run;
  const used = process.cpuUsage(before);
  await send({ kind: 'done', result, latencies, cpuSeconds: (used.user + used.system) / 1e6 });
  process.exit(0);
});
