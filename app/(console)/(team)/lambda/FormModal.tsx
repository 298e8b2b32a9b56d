"use client";

import type { ReactNode } from "react";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { Modal } from "../../../_components/Modal";
import { errorMessage } from "../../../_lib/errors";

interface FormModalProps {
  title: string;
  submitLabel?: string;
  /** The call in flight: the submit button spins and can't be pressed twice. */
  pending: boolean;
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
export function FormModal({ title, submitLabel = "Save", pending, error, onSubmit, onClose, children }: FormModalProps) {
  return (
    <Modal
      open
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={pending} onClick={onSubmit}>
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
