import { ACTIONS_IN_FLIGHT, type ActionState, type ActionType, type Device } from '@atrium/shared';

/**
 * What technicians may run from the console today. Installing software and resetting a password
 * come with the self-service catalog; the server refuses them until then (422).
 */
export const OFFERED_ACTIONS = [
  'reboot',
  'shutdown',
  'lock',
  'logoff',
] as const satisfies readonly ActionType[];

/** Actions the server can still call back: they have not gone out to the device. */
const CANCELLABLE: readonly ActionState[] = ['awaiting_verification', 'queued'];
const FAILED: readonly ActionState[] = ['failed', 'timed_out', 'expired', 'outcome_unknown'];

export function isFinal(state: ActionState): boolean {
  return !ACTIONS_IN_FLIGHT.includes(state);
}

export function isCancellable(state: ActionState): boolean {
  return CANCELLABLE.includes(state);
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
