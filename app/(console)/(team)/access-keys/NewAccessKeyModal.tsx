"use client";

import { Alert } from "../../../_components/Alert";
import { AwsCliSnippet } from "../../../_components/AwsCliSnippet";
import { Button } from "../../../_components/Button";
import { CopyField } from "../../../_components/CopyButton";
import { Modal } from "../../../_components/Modal";
import type { RouterOutputs } from "../../../_trpc/types";

interface NewAccessKeyModalProps {
  open: boolean;
  onClose: () => void;
  accessKey: RouterOutputs["accessKeys"]["create"];
  gatewayUrl: string;
  region: string;
}

/** The one time the secret is visible. */
export function NewAccessKeyModal({ open, onClose, accessKey, gatewayUrl, region }: NewAccessKeyModalProps) {
  return (
    <Modal
      open={open}
      title="Access key created"
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="stack">
        <Alert type="warning" title="Save the secret access key now">
          This is the only time it can be viewed or copied. If you lose it, delete this key and create a new one.
        </Alert>
        <CopyField label="Access key ID" value={accessKey.accessKeyId} />
        <CopyField label="Secret access key" value={accessKey.secretAccessKey} />
        <AwsCliSnippet gatewayUrl={gatewayUrl} region={region} accessKeyId={accessKey.accessKeyId} secretAccessKey={accessKey.secretAccessKey} />
      </div>
    </Modal>
  );
}
