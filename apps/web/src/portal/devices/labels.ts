import { ACTIONS_IN_FLIGHT, type ActionState, type ActionType, POWER_ACTIONS } from '@atrium/shared';

const FAILED: readonly ActionState[] = ['failed', 'timed_out', 'expired', 'outcome_unknown'];

/** Whether the action has ended (its state will not change any more). */
export function isFinal(state: ActionState): boolean {
  return !ACTIONS_IN_FLIGHT.includes(state);
}

/** The badge's look; its text always says the state, so colour is never the only cue. */
export function stateTone(state: ActionState): 'pending' | 'success' | 'failure' | 'neutral' {
  if (!isFinal(state)) return 'pending';
  if (state === 'succeeded') return 'success';
  return FAILED.includes(state) ? 'failure' : 'neutral';
}

type PowerAction = 'reboot' | 'shutdown';

/** Power actions are confirmed before the code is asked: open work may be lost. */
export function isPowerAction(type: ActionType): type is PowerAction {
  return POWER_ACTIONS.includes(type);
}
