import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

type DialogProps = {
  open: boolean;
  title: string;
  /** Escape, or a button of the dialog that cancels. */
  onClose: () => void;
  /** What gets focus when the dialog opens; by default its first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
  className?: string;
};

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside it, makes the page behind
 * it inert and closes it on Escape. When it closes, focus goes back to what opened it.
 */
export function Dialog({ open, title, onClose, initialFocus, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      // The opener may be gone (the row it deleted): the main area is the next best place.
      const target = returnFocus.current;
      if (target?.isConnected) target.focus();
      else document.getElementById('main')?.focus();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`.trim()}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // React decides when it closes, so that its state and the dialog never disagree.
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <div className="dialog-body stack">
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
