"use client";

import type { ReactNode } from "react";
import { errorMessage } from "../_lib/errors";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { Modal } from "./Modal";

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
  children: ReactNode;
}

export function ConfirmDialog({ open, title, confirmLabel, action, onConfirm, onClose, children }: ConfirmDialogProps) {
  function cancel() {
    onClose();
    action.reset();
  }
  return (
    <Modal
      open={open}
      title={title}
      onClose={cancel}
      footer={
        <>
          <Button variant="link" onClick={cancel}>
            Cancel
          </Button>
          <Button variant="primary" loading={action.isPending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {action.error != null && <Alert type="error">{errorMessage(action.error)}</Alert>}
    </Modal>
  );
}
