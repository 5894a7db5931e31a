import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * A button for a destructive action: it opens a modal dialog (focus inside, Escape cancels)
 * that names what will happen; only "Confirm" there runs the action.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, children }: { label: string; question: string; confirmLabel: string; onConfirm: () => void; children?: ComponentChildren }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" class="button-danger" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} class="card dialog" aria-label={question}>
        <p>{question}</p>
        {children}
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            class="button-danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
