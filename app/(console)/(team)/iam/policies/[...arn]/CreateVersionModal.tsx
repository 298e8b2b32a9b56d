"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { documentError } from "../../iam-rules";
import { StoredDocumentField } from "../../PolicyDocumentField";
import { DOCUMENT_ERRORS, serverFieldErrors } from "../../server-errors";
import { useRefreshIam } from "../../use-iam";
import { usePolicyVersionDocument } from "./PolicyVersionDocument";

interface CreateVersionModalProps {
  arn: string;
  /** The version the new one starts from. */
  defaultVersionId: string;
  onClose: () => void;
}

/** CreatePolicyVersion: the default version's document to change, set as the new default or kept aside. */
export function CreateVersionModal({ arn, defaultVersionId, onClose }: CreateVersionModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const current = usePolicyVersionDocument(arn, defaultVersionId);
  const [typed, setTyped] = useState<string | null>(null);
  const [setAsDefault, setSetAsDefault] = useState(true);
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation(
    trpc.iam.createPolicyVersion.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  const document = typed ?? current.data;
  const server = serverFieldErrors(create.error, { PolicyDocument: DOCUMENT_ERRORS });

  function submit() {
    setSubmitted(true);
    if (document !== undefined && !documentError(document)) create.mutate({ PolicyArn: arn, PolicyDocument: document, SetAsDefault: setAsDefault });
  }

  return (
    <FormModal
      title="Create policy version"
      submitLabel="Create version"
      pending={create.isPending}
      submitDisabled={document === undefined}
      error={server.other === undefined ? null : create.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="form-description">A policy keeps up to five versions. Delete one first if it has five.</p>
      <StoredDocumentField
        label="Policy document"
        description={`Starts from the default version, ${defaultVersionId}.`}
        stored={current}
        typed={typed}
        onChange={setTyped}
        error={(submitted && document !== undefined ? documentError(document) : undefined) ?? server.field("PolicyDocument")}
      />
      <label className="checkbox">
        <input type="checkbox" checked={setAsDefault} onChange={(e) => setSetAsDefault(e.target.checked)} />
        <span>
          <span className="radio-label">Set as default</span>
          <span className="radio-description">The new version takes effect wherever the policy is attached.</span>
        </span>
      </label>
    </FormModal>
  );
}
