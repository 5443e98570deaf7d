import type { ActionType, DeviceOs } from '@atrium/shared';
import { planLinux } from './linux';
import { planMacos } from './macos';
import type { Plan, Planner } from './plan';
import { planWindows } from './windows';

export type { Plan, PlanEnv, Planner, PlanOrRefusal, Step } from './plan';
export { isRefusal } from './plan';

const PLANNERS: Record<DeviceOs, Planner> = { windows: planWindows, macos: planMacos, linux: planLinux };

export function plannerFor(os: DeviceOs): Planner {
  return PLANNERS[os];
}

/** The agent kills a command after this; the server waits longer before it calls it timed out. */
export function executionTimeoutMs(action: ActionType): number {
  return action === 'install_software' ? 20 * 60_000 : 2 * 60_000;
}

/** What `--dry-run` reports instead of running: the argv of each step, one JSON array a line. */
export function dryRunOutput(plan: Plan): string {
  return plan.steps.map((step) => JSON.stringify([step.file, ...step.args])).join('\n');
}
