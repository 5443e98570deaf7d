import type { KeyObject } from 'node:crypto';
import {
  type AgentCommand,
  type AgentMessage,
  commandSigningBytes,
  POWER_ACTIONS,
  ResetPasswordParamsSchema,
  type ServerMessage,
} from '@atrium/shared';
import {
  dryRunOutput,
  executionTimeoutMs,
  isRefusal,
  type Plan,
  type PlanEnv,
  type Planner,
} from './executors';
import type { CommandResult, Journal, JournalEntry } from './journal';
import { openSealed } from './keys';
import { describeError, type Logger } from './log';
import type { PinnedKeys } from './pinned-keys';
import { runPlan } from './run';
import { createSerialQueue } from './serial-queue';

export type CommandMessage = Extract<ServerMessage, { type: 'command' }>;

export type CommandHandlerOptions = {
  deviceId: string;
  /** Opens what the server sealed to this device (a temporary password). */
  deviceKey: KeyObject;
  pinnedKeys: PinnedKeys;
  journal: Journal;
  planner: Planner;
  /** The machine as of the current connection. */
  current: () => { bootId: string; planEnv: PlanEnv };
  dryRun: boolean;
  /** Dry runs only: how long each simulated command takes. */
  simulatedRunMs: number;
  /** Sends on the live connection; false when there is none (results are re-sent later). */
  send: (message: AgentMessage) => boolean;
  log: Logger;
  /** Dry runs only: a reboot or shutdown has "happened"; the machine comes back. */
  onSimulatedRestart: () => Promise<void>;
};

/**
 * Verifies, journals and runs the server's commands, at most once each. The order matters: the
 * journal line is on disk before the ack, and the result is on disk before it is sent.
 */
export function createCommandHandler(options: CommandHandlerOptions) {
  const { journal, log, send } = options;
  const running = new Set<string>();
  // Package managers do not share: two choco runs at once fight over its lock.
  const installs = createSerialQueue();

  const ack = (id: string, accepted: boolean, reason?: string): void => {
    send(reason === undefined ? { type: 'ack', id, accepted } : { type: 'ack', id, accepted, reason });
  };

  const refuse = (command: AgentCommand, reason: string) => {
    log.warn(`command ${command.id} (${command.type}) refused: ${reason}`);
    ack(command.id, false, reason);
  };

  const sendResult = (id: string, result: CommandResult) => send({ type: 'result', id, ...result });

  /** Signed by a pinned key, over exactly these fields, for this device. */
  const authenticityProblem = ({ command, keyId, signature }: CommandMessage): string | null => {
    const problem = options.pinnedKeys.problemWith(keyId, commandSigningBytes(command), signature);
    if (problem) return problem;
    if (command.deviceId !== options.deviceId) return 'command for another device';
    return null;
  };

  /** Never run twice: answer from the journal. */
  const redelivered = (command: AgentCommand, entry: Readonly<JournalEntry>) => {
    if (entry.stored) return refuse(command, 'already executed; its result was stored');
    ack(command.id, true);
    if (entry.result) sendResult(command.id, entry.result);
  };

  /**
   * The command's parameters as the planner needs them: a password reset's password opened with
   * the device key. It lives in this process's memory only, until the plan has run.
   */
  const openParams = (command: AgentCommand): { params: Record<string, unknown> } | { refused: string } => {
    if (command.type !== 'reset_password') return { params: command.params };
    const given = ResetPasswordParamsSchema.safeParse(command.params);
    if (!given.success) return { refused: 'the password reset is malformed' };
    const password = openSealed(options.deviceKey, given.data.password, command.id);
    if (password === null) return { refused: 'the password was not sealed to this device' };
    return { params: { user: given.data.user, password } };
  };

  const execute = async (
    command: AgentCommand,
    plan: Plan,
    params: Record<string, unknown>,
  ): Promise<CommandResult> => {
    send({ type: 'running', id: command.id });
    const power = POWER_ACTIONS.includes(command.type);
    const finishedAt = () => new Date().toISOString();
    if (options.dryRun) {
      await new Promise((resolve) => setTimeout(resolve, options.simulatedRunMs));
      return {
        status: power ? 'restarting' : 'succeeded',
        exitCode: 0,
        output: dryRunOutput(plan),
        rebootRequired: false,
        finishedAt: finishedAt(),
      };
    }
    const outcome = await runPlan(plan, executionTimeoutMs(command.type));
    const status = !outcome.succeeded ? 'failed' : power ? 'restarting' : 'succeeded';
    const output = redact(outcome.output, params);
    return {
      status,
      exitCode: outcome.exitCode,
      output,
      rebootRequired: outcome.rebootRequired,
      finishedAt: finishedAt(),
    };
  };

  const runAndReport = async (command: AgentCommand, plan: Plan, params: Record<string, unknown>) => {
    const run = () => execute(command, plan, params);
    let result: CommandResult;
    try {
      result = await (command.type === 'install_software' ? installs(run) : run());
    } catch (error) {
      log.error(`command ${command.id} (${command.type}) could not run: ${describeError(error)}`);
      const finishedAt = new Date().toISOString();
      result = {
        status: 'failed',
        exitCode: null,
        output: 'the agent could not run the command',
        rebootRequired: false,
        finishedAt,
      };
    }
    await journal.finish(command.id, result);
    running.delete(command.id);
    log.info(`command ${command.id} (${command.type}) ${result.status} (exit ${result.exitCode ?? 'none'})`);
    sendResult(command.id, result);
    if (options.dryRun && result.status === 'restarting') await options.onSimulatedRestart();
  };

  /** The journal line is on disk before the ack: from then on, a crash cannot make it run twice. */
  const begin = async (
    command: AgentCommand,
    plan: Plan,
    params: Record<string, unknown>,
    bootId: string,
  ) => {
    running.add(command.id);
    try {
      await journal.start(command.id, command.type, bootId);
    } catch (error) {
      running.delete(command.id);
      log.error(`command ${command.id} (${command.type}) not journaled: ${describeError(error)}`);
      return ack(command.id, false, 'the agent could not write its journal');
    }
    ack(command.id, true);
    log.info(`command ${command.id} (${command.type}) accepted`);
    await runAndReport(command, plan, params);
  };

  const handle = async (message: CommandMessage): Promise<void> => {
    const { command } = message;
    // The server sends new keys before the commands they sign: the ones that came first count.
    await options.pinnedKeys.settled();
    const problem = authenticityProblem(message);
    if (problem) return refuse(command, problem);
    if (running.has(command.id)) return ack(command.id, true);
    const entry = journal.get(command.id);
    if (entry) return redelivered(command, entry);
    // Checked after the journal: expiry is about not starting late, a finished command's result still counts.
    if (!(Date.parse(command.expiresAt) > Date.now())) return refuse(command, 'command expired');
    const opened = openParams(command);
    if ('refused' in opened) return refuse(command, opened.refused);
    const { planEnv, bootId } = options.current();
    const plan = options.planner(command.type, opened.params, planEnv);
    if (isRefusal(plan)) return refuse(command, plan.refused);
    await begin(command, plan, opened.params, bootId);
  };

  return {
    handle,
    /** The server has stored the result: the journal may forget it. */
    async resultStored(id: string): Promise<void> {
      const entry = journal.get(id);
      if (entry?.result && !entry.stored) await journal.markStored(id);
    },
    /** After every welcome: whatever the previous connection (or run) did not get across. */
    resendResults(): void {
      for (const { id, result } of journal.unsent()) sendResult(id, result);
    },
  };
}

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/** Commands do not print their input, but a failing one might echo it: never send a password back. */
function redact(output: string, params: Record<string, unknown>): string {
  const { password } = params;
  return typeof password === 'string' && password ? output.split(password).join('[redacted]') : output;
}
