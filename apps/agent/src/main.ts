import { ensureEnrolled, startAgent } from './agent';
import { type CliOptions, parseCli, USAGE } from './cli-args';
import { AgentStartError } from './errors';
import { install, installPlan } from './install';
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

if (parsed.options.install) {
  try {
    await installAgent(parsed.options);
    process.exit(0);
  } catch (error) {
    exitWithError(error);
  }
}

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

/** Enrolls (the token is used here, never written into the service), then installs the service. */
async function installAgent(options: CliOptions): Promise<void> {
  const self = process.argv[1] ?? '';
  if (!self.endsWith('.mjs')) {
    throw new AgentStartError(
      'install from the agent file (atrium-agent.mjs: your Atrium server serves it at /agent/atrium-agent.mjs)',
      2,
    );
  }
  const { deviceId, os } = await ensureEnrolled({ ...options, log, signal: enrollment.signal });
  log.info(`enrolled as device ${deviceId}; installing the service`);
  const plan = installPlan(os, {
    node: process.execPath,
    serverUrl: options.serverUrl,
    stateDir: options.stateDir,
  });
  await install(plan, { self, log, ...(options.installRoot ? { root: options.installRoot } : {}) });
  log.info('installed: the agent starts now and at every boot');
}

function exitWithError(error: unknown): never {
  if (error instanceof AgentStartError) {
    log.error(error.message);
    process.exit(error.exitCode);
  }
  log.error(`the agent stopped: ${describeError(error)}`);
  process.exit(1);
}
