import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorCode } from '../lib/api';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';
import type { FormProblem } from './form';

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
  /** Codes whose server message is shown instead of the generic translation (it names something). */
  serverMessageCodes?: readonly string[];
  /** Called after the dialog closed on success (the item is gone, or navigate away). */
  onDone?: () => void;
};

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { t } = useTranslation('shared');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<FormProblem | null>(null);
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
      const code = errorCode(cause);
      const isServerWorded = cause instanceof ApiError && props.serverMessageCodes?.includes(code);
      setError({ code, message: isServerWorded ? cause.message : props.messageFor?.(code) });
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
        {error && <ErrorAlert code={error.code} message={error.message} />}
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
