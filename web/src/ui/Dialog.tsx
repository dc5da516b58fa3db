import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { Button } from './Button';
import { ProblemAlert } from './ProblemAlert';

const overlay = 'fixed inset-0 z-40 bg-slate-900/40';
const panel =
  'fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none';

interface ConfirmProps {
  /** The element that opens the confirmation (usually a Button). */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  /** Runs on confirm; the dialog stays open with the error shown if it throws. */
  onConfirm: () => Promise<unknown> | unknown;
  /** More to read or decide before confirming (a preview, an option), below the description. */
  children?: ReactNode;
  /** Told when the dialog opens and closes, e.g. to load what `children` shows only while it is open. */
  onOpenChange?: (open: boolean) => void;
  /** Holds the confirm button back (e.g. until what the action would do is known). */
  confirmDisabled?: boolean;
}

/** Asks before a consequential action (rollback, cancel, delete) and shows why it failed, if it does. */
export function ConfirmDialog({
  trigger, title, description, confirmLabel, tone = 'primary', onConfirm, children, onOpenChange, confirmDisabled = false,
}: ConfirmProps) {
  const [open, setOpenState] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => { setOpen(next); if (!next) setError(null); }}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={panel}>
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-600">{description}</div>
          </AlertDialog.Description>
          {children != null && <div className="mt-4">{children}</div>}
          {error != null && <div className="mt-3"><ProblemAlert error={error} /></div>}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Keep as is</Button>
            </AlertDialog.Cancel>
            <Button variant={tone} busy={busy} disabled={confirmDisabled} onClick={() => void confirm()}>{confirmLabel}</Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

interface ModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

/** A modal form (trigger dialog, add variable, invite member). Escape and the overlay close it. */
export function Modal({ open, onOpenChange, title, description, children }: ModalProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlay} />
        <RadixDialog.Content className={panel} aria-describedby={description ? undefined : undefined}>
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className="mt-4">{children}</div>
          <RadixDialog.Close asChild>
            <button type="button" aria-label="Close" className="absolute right-3 top-3 rounded p-1 text-slate-500 hover:bg-slate-100">✕</button>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
