import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { COMPILED_SERVER } from '../apps/server/src/lib/server-root';
import { type RunningServer, signInBoth } from './server';

/**
 * The server as an operator runs it, in a process of its own, so its memory can be read apart from
 * the bench's (which holds the seed's data and the load generator): SPEC §11's idle memory is the
 * server's resident set, read from /proc after a standard load, with nothing forced (no GC call,
 * no restart).
 */

const START_TIMEOUT_MS = 60_000;
/** The server counts as idle once it used less than this share of a core over `QUIET_WINDOW_MS`. */
const QUIET_CORES = 0.02;
const QUIET_WINDOW_MS = 2_000;
const IDLE_TIMEOUT_MS = 120_000;
export const TICKS_PER_SECOND = 100;

export type ServerProcess = RunningServer & { pid: number };

/** Resident memory of a process, from /proc (Linux); undefined elsewhere or once it has ended. */
export function residentBytes(pid: number): number | undefined {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server has settled: the mail dispatcher has turned the load's events into mail
 * and nothing else runs. Gives up after two minutes and says so.
 */
export async function waitUntilIdle(pid: number): Promise<void> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  let before = cpuTicks(pid);
  while (Date.now() < deadline) {
    await sleep(QUIET_WINDOW_MS);
    const now = cpuTicks(pid);
    if ((now - before) / TICKS_PER_SECOND / (QUIET_WINDOW_MS / 1000) < QUIET_CORES) return;
    before = now;
  }
  throw new Error(`the server was still busy ${IDLE_TIMEOUT_MS / 1000} s after the load`);
}

/** `main.ts` with `env` (and nothing of the bench's own environment but PATH and HOME). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // As `npm start` runs it: `npm run bench` builds it first. BENCH_SERVER_ARGS passes Node flags
  // (`--cpu-prof --cpu-prof-dir=…` to profile the server; NODE_OPTIONS refuses that one).
  const nodeFlags = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeFlags, COMPILED_SERVER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  const origin = `http://127.0.0.1:${env.PORT}`;
  const close = () => stop(child, exited);
  try {
    await waitForHealth(origin, exited, () => output);
    return {
      ...(await signInBoth(origin)),
      smtpPort: env.INBOUND_SMTP_PORT === undefined ? undefined : Number(env.INBOUND_SMTP_PORT),
      pid,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function waitForHealth(
  origin: string,
  exited: Promise<number | null>,
  output: () => string,
): Promise<void> {
  let code: number | null | undefined;
  void exited.then((value) => {
    code = value;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (code !== undefined) throw new Error(`the server exited (${code}):\n${output()}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`the server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** SIGTERM, as an operator stops it: requests in flight finish and the database closes cleanly. */
async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited;
}
