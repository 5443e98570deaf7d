import { ACTIONS_CANCELLABLE, ACTIONS_IN_FLIGHT, type ActionState, type Device } from '@atrium/shared';

const FAILED: readonly ActionState[] = ['failed', 'timed_out', 'expired', 'outcome_unknown'];

export function isFinal(state: ActionState): boolean {
  return !ACTIONS_IN_FLIGHT.includes(state);
}

export function isCancellable(state: ActionState): boolean {
  return ACTIONS_CANCELLABLE.includes(state);
}

/** The badge's look; its text always says the state, so colour is never the only cue. */
export function stateTone(state: ActionState): 'pending' | 'success' | 'failure' | 'neutral' {
  if (!isFinal(state)) return 'pending';
  if (state === 'succeeded') return 'success';
  return FAILED.includes(state) ? 'failure' : 'neutral';
}

/** "Windows 11 Pro 23H2", "Linux Ubuntu 24.04 LTS": the OS's name unless the version says it already. */
export function osDescription(device: Pick<Device, 'osVersion'>, osName: string): string {
  const version = device.osVersion.trim();
  if (!version) return osName;
  return version.toLowerCase().startsWith(osName.toLowerCase()) ? version : `${osName} ${version}`;
}
