"use client";

import type { ReactNode } from "react";
import { errorMessage } from "../_lib/errors";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { Modal } from "./Modal";

interface FormModalProps {
  /** Mounted-while-editing callers leave it open; a dialog kept mounted passes its state. */
  open?: boolean;
  title: string;
  submitLabel?: string;
  /** The call in flight: the submit button spins and can't be pressed twice. */
  pending: boolean;
  /** The submit button can't be pressed yet (e.g. the confirmation word isn't typed). */
  submitDisabled?: boolean;
  /** The server's answer to the last submit, shown under the fields. */
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * An edit dialog: fields, the server's error, Cancel and a primary submit. Callers mount it while
 * editing, so every opening starts from fresh state.
 */
export function FormModal({ open = true, title, submitLabel = "Save", pending, submitDisabled = false, error, onSubmit, onClose, children }: FormModalProps) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={pending} disabled={submitDisabled} onClick={onSubmit}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {children}
      {error != null && <Alert type="error">{errorMessage(error)}</Alert>}
    </Modal>
  );
}
