import { type ExecFileException, execFile } from 'node:child_process';
import type { Plan, Step } from './executors';

/** What a result keeps of a command's output: the end, where the errors are. */
export const OUTPUT_TAIL_CHARS = 16 * 1024;
// Generous: exceeding it kills the child, and a killed installer is worse than a long log.
const MAX_BUFFER = 32 * 1024 * 1024;

export type StepOutcome = { exitCode: number | null; output: string; timedOut: boolean };
export type PlanOutcome = {
  succeeded: boolean;
  exitCode: number | null;
  output: string;
  rebootRequired: boolean;
};

/** Runs one step with execFile (no shell); never rejects: failing to start is an outcome too. */
export function runStep(step: Step, timeoutMs: number): Promise<StepOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      step.file,
      step.args,
      { timeout: timeoutMs, windowsHide: true, maxBuffer: MAX_BUFFER, encoding: 'utf8' },
      (error, stdout, stderr) => resolve(stepOutcome(step, error, joinOutput(stdout, stderr))),
    );
    // A child may exit without reading its input; the resulting EPIPE is not the command's failure.
    child.stdin?.on('error', () => {});
    child.stdin?.end(step.stdin ?? '');
  });
}

function stepOutcome(step: Step, error: ExecFileException | null, output: string): StepOutcome {
  if (!error) return { exitCode: 0, output, timedOut: false };
  if (typeof error.code === 'number') return { exitCode: error.code, output, timedOut: false };
  if (error.killed && error.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    return { exitCode: null, output, timedOut: true };
  const reason = error.signal
    ? `killed by ${error.signal}`
    : `could not run ${step.file}: ${error.code ?? error.message}`;
  return { exitCode: null, output: joinOutput(output, reason), timedOut: false };
}

/**
 * Runs the steps in order under one deadline and stops at the first step that fails: a password
 * is not marked "change at next logon" when setting it failed.
 */
export async function runPlan(plan: Plan, timeoutMs: number): Promise<PlanOutcome> {
  const deadline = Date.now() + timeoutMs;
  let output = '';
  let exitCode: number | null = null;
  let rebootRequired = false;
  for (const step of plan.steps) {
    const outcome = await runStep(step, Math.max(1, deadline - Date.now()));
    output = joinOutput(output, outcome.output);
    exitCode = outcome.exitCode;
    if (outcome.timedOut) {
      const note = `timed out after ${describeDuration(timeoutMs)}`;
      return {
        succeeded: false,
        exitCode: null,
        output: tail(joinOutput(output, note)),
        rebootRequired: false,
      };
    }
    if (exitCode === null || !plan.successCodes.includes(exitCode))
      return { succeeded: false, exitCode, output: tail(output), rebootRequired: false };
    if (plan.rebootCodes.includes(exitCode)) rebootRequired = true;
  }
  return { succeeded: true, exitCode, output: tail(output), rebootRequired };
}

export function tail(text: string, chars = OUTPUT_TAIL_CHARS): string {
  return text.length <= chars ? text : text.slice(text.length - chars);
}

function joinOutput(first: string, second: string): string {
  if (!first || !second) return first + second;
  return first.endsWith('\n') ? first + second : `${first}\n${second}`;
}

function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
