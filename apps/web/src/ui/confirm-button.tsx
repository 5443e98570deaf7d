import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../lib/api';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';

type ConfirmButtonProps = {
  /** The button's text (and the confirming button's, unless `confirmLabel` is given). */
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  /** The trigger's accessible name when its text alone is ambiguous ("Delete" in a table row). */
  accessibleLabel?: string;
  /** Destructive actions are red and leave focus on Cancel when the dialog opens. */
  danger?: boolean;
  className?: string;
  /** A code from a failure is shown in the dialog; `messageFor` may give a more precise message. */
  onConfirm: () => Promise<unknown>;
  messageFor?: (code: string) => string | undefined;
  /** Called after the dialog closed on success (the item is gone, or navigate away). */
  onDone?: () => void;
};

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { t } = useTranslation('shared');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    setIsPending(true);
    setError(null);
    try {
      await props.onConfirm();
      setOpen(false);
      props.onDone?.();
    } catch (cause) {
      setError(errorCode(cause));
    } finally {
      setIsPending(false);
    }
  };

  const buttonClass = props.danger ? 'button button-danger' : 'button';
  return (
    <>
      <button
        type="button"
        className={props.className ?? (props.danger ? 'button button-quiet button-danger-quiet' : 'button')}
        aria-label={props.accessibleLabel}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {props.label}
      </button>
      <Dialog open={open} title={props.title} onClose={() => setOpen(false)} initialFocus={cancel}>
        {props.children}
        {error && <ErrorAlert code={error} message={props.messageFor?.(error)} />}
        <div className="actions">
          <button
            type="button"
            className={buttonClass}
            onClick={() => void confirm()}
            aria-busy={isPending}
            disabled={isPending}
          >
            {props.confirmLabel ?? props.label}
          </button>
          <button ref={cancel} type="button" className="button button-quiet" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
