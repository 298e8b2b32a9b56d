"use client";

import { useState, type ReactNode } from "react";
import { FormField } from "./FormField";
import { FormModal } from "./FormModal";

/** The call the dialog confirms; its error shows inside the dialog so the user can retry or cancel. */
interface ConfirmedAction {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  action: ConfirmedAction;
  onConfirm: () => void;
  onClose: () => void;
  /** For destructive actions: a word the user must type before the button works (AWS asks for "delete", "purge"…). */
  confirmText?: string;
  children: ReactNode;
}

export function ConfirmDialog({ open, title, confirmLabel, action, onConfirm, onClose, confirmText, children }: ConfirmDialogProps) {
  const [typed, setTyped] = useState("");
  // Whatever closes the dialog, it opens next time with the field empty.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (!open) setTyped("");
  }
  const confirmed = confirmText === undefined || typed.trim() === confirmText;
  function cancel() {
    onClose();
    action.reset();
    setTyped("");
  }
  function confirm() {
    if (confirmed && !action.isPending) onConfirm();
  }
  return (
    <FormModal
      open={open}
      title={title}
      submitLabel={confirmLabel}
      pending={action.isPending}
      submitDisabled={!confirmed}
      error={action.error}
      onSubmit={confirm}
      onClose={cancel}
    >
      {children}
      {confirmText !== undefined && (
        <FormField label={`To confirm, type “${confirmText}” in the field.`}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={typed}
              placeholder={confirmText}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") confirm();
              }}
            />
          )}
        </FormField>
      )}
    </FormModal>
  );
}
