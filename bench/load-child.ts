import autocannon, { type Options, type Result } from 'autocannon';
import type { Durations } from './options';
import { type LoadSummary, runSmtpLoad, type SmtpLoad } from './smtp-load';

/**
 * The load generator, in a process of its own (forked by `measure` in load.ts): it then shares the
 * machine's cores with the server, as SPEC §11 says, but not its event loop, and every response
 * time is kept, so the report can give the percentile a target names (autocannon's own summary has
 * no p95). HTTP routes are loaded with autocannon, email to ticket over SMTP (smtp-load.ts).
 */

export type ChildRequest = { durations: Durations } & (
  | { kind: 'http'; options: Options }
  | { kind: 'smtp'; load: SmtpLoad }
);
export type ChildMessage =
  | { kind: 'measuring' }
  | {
      kind: 'done';
      summary: LoadSummary;
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

function summaryOf(result: Result): LoadSummary {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
  );
  return {
    durationSeconds: result.duration,
    responses: Object.values(statusCodes).reduce((sum, count) => sum + count, 0),
    ok: result['2xx'],
    statusCodes,
    errors: result.errors,
  };
}

async function runHttp(options: Options, seconds: number, onResponse: (ms: number) => void) {
  const run = autocannon({ ...options, duration: seconds });
  run.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
  return summaryOf(await run);
}

process.once('message', async (request: ChildRequest) => {
  const load = (seconds: number, onResponse: (ms: number) => void) =>
    request.kind === 'http'
      ? runHttp(request.options, seconds, onResponse)
      : runSmtpLoad(request.load, seconds, onResponse);
  if (request.durations.warmupSeconds > 0) await load(request.durations.warmupSeconds, () => {});
  await send({ kind: 'measuring' });
  const latencies: number[] = [];
  const before = process.cpuUsage();
  const summary = await load(request.durations.measureSeconds, (ms) => latencies.push(ms));
  const used = process.cpuUsage(before);
  await send({ kind: 'done', summary, latencies, cpuSeconds: (used.user + used.system) / 1e6 });
  process.exit(0);
});
