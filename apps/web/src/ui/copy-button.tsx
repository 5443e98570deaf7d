import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type CopyButtonProps = { label: string; value: string; className?: string };
type State = 'idle' | 'copied' | 'failed';

/** Copies a value to the clipboard and says so (announced politely, then cleared). */
export function CopyButton({ label, value, className }: CopyButtonProps) {
  const { t } = useTranslation('shared');
  const [state, setState] = useState<State>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    // The Clipboard API exists only in secure contexts (https or localhost).
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <span className="copy">
      <button type="button" className={className ?? 'button button-quiet button-small'} onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
