import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEVICE_OSES, type DeviceOs } from '@atrium/shared';
import { type Backoff, DEFAULT_BACKOFF } from './backoff';

export const USAGE = `usage: atrium-agent --server URL [--token TOKEN] [--state-dir DIR] [--dry-run] [--simulate-os windows|macos|linux]

  --server URL        the Atrium server (https://…)
  --token TOKEN       enrollment token from the console; needed only for the first start
  --state-dir DIR     where the agent keeps its key, enrollment and journal
                      (default: ${defaultStateDir(process.platform)})
  --install           enroll, copy this file where the OS keeps programs and register it as a
                      service started at boot (systemd, launchd, a Windows boot task); then exit
  --dry-run           record the commands the agent would run instead of running them
  --simulate-os OS    with --dry-run: behave as a windows, macos or linux machine
`;

export type CliOptions = {
  serverUrl: string;
  token?: string;
  stateDir: string;
  dryRun: boolean;
  simulateOs?: DeviceOs;
  backoff: Backoff;
  /** Dry runs only: how long each simulated command takes. */
  simulatedRunMs?: number;
  install: boolean;
  /** Dry-run installs only: the directory every installed path goes under. */
  installRoot?: string;
};

export type CliParse = { options: CliOptions } | { usageError: string } | { help: true };

/** Turns argv into options, or says what is wrong with it; never exits, so it can be tested. */
export function parseCli(argv: string[], platform: NodeJS.Platform = process.platform): CliParse {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { usageError: (error as Error).message };
  }
  if (values.help) return { help: true };
  if (!values.server) return { usageError: '--server is required' };
  const serverUrl = normalizeServerUrl(values.server);
  if (!serverUrl)
    return { usageError: `--server must be an http:// or https:// address, not "${values.server}"` };
  if (values.token === '') return { usageError: '--token is empty' };
  const simulateOs = values['simulate-os'];
  if (simulateOs !== undefined && !isDeviceOs(simulateOs))
    return { usageError: `--simulate-os must be one of ${DEVICE_OSES.join(', ')}` };
  if (simulateOs !== undefined && !values['dry-run'])
    return { usageError: '--simulate-os is allowed only with --dry-run (it must never run real commands)' };
  const backoff = parseBackoff(values['backoff-base-ms'], values['backoff-cap-ms']);
  if ('usageError' in backoff) return backoff;
  if (values['install-root'] !== undefined && !(values.install && values['dry-run']))
    return { usageError: '--install-root is allowed only with --install --dry-run' };
  const simulatedRunMs =
    values['simulated-run-ms'] === undefined ? undefined : Number(values['simulated-run-ms']);
  if (
    simulatedRunMs !== undefined &&
    (!Number.isInteger(simulatedRunMs) || simulatedRunMs < 0 || !values['dry-run'])
  )
    return { usageError: '--simulated-run-ms must be whole milliseconds, with --dry-run' };
  return {
    options: {
      serverUrl,
      token: values.token,
      stateDir: path.resolve(values['state-dir'] ?? defaultStateDir(platform)),
      dryRun: values['dry-run'] ?? false,
      simulateOs,
      backoff,
      ...(simulatedRunMs === undefined ? {} : { simulatedRunMs }),
      install: values.install ?? false,
      ...(values['install-root'] === undefined ? {} : { installRoot: path.resolve(values['install-root']) }),
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      'state-dir': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'simulate-os': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      // Not in the usage: for tests, which cannot wait a minute for a reconnect.
      'backoff-base-ms': { type: 'string' },
      'backoff-cap-ms': { type: 'string' },
      // Not in the usage: a dry-run command that takes a while, so a test can stop the agent mid-run.
      'simulated-run-ms': { type: 'string' },
      install: { type: 'boolean' },
      // Not in the usage: a dry-run install writes under this directory (tests).
      'install-root': { type: 'string' },
    },
  });
}

/** The URL the agent stores and compares: no trailing slash, no query or fragment. */
export function normalizeServerUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username)
    return null;
  return url.href.replace(/\/+$/, '');
}

function parseBackoff(base: string | undefined, cap: string | undefined): Backoff | { usageError: string } {
  const baseMs = base === undefined ? DEFAULT_BACKOFF.baseMs : Number(base);
  const capMs = cap === undefined ? DEFAULT_BACKOFF.capMs : Number(cap);
  if (!Number.isInteger(baseMs) || !Number.isInteger(capMs) || baseMs < 1 || capMs < baseMs)
    return { usageError: '--backoff-base-ms and --backoff-cap-ms must be whole milliseconds, base ≤ cap' };
  return { baseMs, capMs };
}

function isDeviceOs(value: string): value is DeviceOs {
  return (DEVICE_OSES as readonly string[]).includes(value);
}

export function defaultStateDir(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'C:\\ProgramData\\Atrium\\Agent';
  if (platform === 'darwin') return '/Library/Application Support/Atrium Agent';
  return '/var/lib/atrium-agent';
}
