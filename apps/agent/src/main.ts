import { startAgent } from './agent';
import { parseCli, USAGE } from './cli-args';
import { AgentStartError } from './errors';
import { createLogger, describeError } from './log';

/**
 * `atrium-agent`: parses the command line, starts the agent and stops it cleanly on SIGTERM or
 * SIGINT. Exit codes: 0 stopped, 1 could not start (the log says why), 2 usage error.
 */
const parsed = parseCli(process.argv.slice(2));
if ('help' in parsed) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if ('usageError' in parsed) {
  process.stderr.write(`atrium-agent: ${parsed.usageError}\n\n${USAGE}`);
  process.exit(2);
}

const log = createLogger();
const enrollment = new AbortController();
let stop: (() => Promise<void>) | null = null;
let stopping = false;

const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping`);
  enrollment.abort();
  if (stop) stop().then(() => process.exit(0), exitWithError);
};
process.once('SIGTERM', onSignal);
process.once('SIGINT', onSignal);

try {
  const agent = await startAgent({ ...parsed.options, log, signal: enrollment.signal });
  stop = agent.stop;
  log.info(
    `agent ${parsed.options.dryRun ? 'in dry-run mode ' : ''}started for device ${agent.deviceId}` +
      (parsed.options.simulateOs ? ` (simulating ${parsed.options.simulateOs})` : ''),
  );
  if (stopping) await agent.stop().then(() => process.exit(0));
} catch (error) {
  // Stopped while enrolling: nothing was half done.
  if (stopping) process.exit(0);
  exitWithError(error);
}

function exitWithError(error: unknown): never {
  if (error instanceof AgentStartError) {
    log.error(error.message);
    process.exit(error.exitCode);
  }
  log.error(`the agent stopped: ${describeError(error)}`);
  process.exit(1);
}
