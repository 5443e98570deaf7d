import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../i18n/errors';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; code: string; message?: string };

/** The small "Saving… / Saved / error" beside a field that saves itself on change. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation('shared');
  if (state.kind === 'failed') {
    return (
      <span className="save-status save-failed" role="alert">
        {state.message ?? t(errorMessageKey(state.code))}
      </span>
    );
  }
  return (
    <span className={`save-status save-${state.kind}`} role="status">
      {state.kind === 'saving' ? t('common.saving') : state.kind === 'saved' ? t('common.saved') : ''}
    </span>
  );
}
