import type { ActionState } from '@atrium/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { stateTone } from './labels';

/** "Online" or "Offline" in words: the colour only repeats it. */
export function OnlineBadge({ isOnline }: { isOnline: boolean }) {
  const { t } = useTranslation('console');
  return (
    <span className={`badge ${isOnline ? 'tone-success' : 'tone-neutral'}`}>
      {isOnline ? t('devices.online') : t('devices.offline')}
    </span>
  );
}

export function ActionStateBadge({ state }: { state: ActionState }) {
  const { t } = useTranslation('console');
  return <span className={`badge tone-${stateTone(state)}`}>{t(`devices.states.${state}`)}</span>;
}

/** "5 minutes ago", with the exact time as a tooltip and in the markup. */
export function RelativeTime({ at }: { at: string }) {
  const format = useFormat();
  return (
    <time dateTime={at} title={format.date(at, { dateStyle: 'medium', timeStyle: 'medium' })}>
      {format.relative(at)}
    </time>
  );
}
