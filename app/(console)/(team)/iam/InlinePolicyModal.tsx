"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../_components/FormModal";
import type { QueryLike } from "../../../_components/QueryResult";
import { NameField } from "./CreateForm";
import { PERMISSIONS_TEMPLATE } from "./documents";
import { useEntityPolicyCalls, useInlinePolicyDocument, type IamEntity } from "./entity-policies";
import { documentError, nameError } from "./iam-rules";
import { StoredDocumentField } from "./PolicyDocumentField";
import { DOCUMENT_ERRORS, serverFieldErrors } from "./server-errors";
import { useRefreshIam } from "./use-iam";

interface InlinePolicyModalProps {
  entity: IamEntity;
  /** The policy to edit; null to create one. */
  policyName: string | null;
  /** Viewers read the document but can't save it. */
  canChange: boolean;
  onClose: () => void;
}

/** A new policy starts from the template, as if read. */
const TEMPLATE: QueryLike<string> = { data: PERMISSIONS_TEMPLATE, error: null, isPending: false };

/** Put…Policy: a new inline policy from a template, or an existing one's document to change. */
export function InlinePolicyModal({ entity, policyName, canChange, onClose }: InlinePolicyModalProps) {
  const refresh = useRefreshIam();
  const calls = useEntityPolicyCalls(entity);
  const stored = useInlinePolicyDocument(entity, policyName);
  const [name, setName] = useState(policyName ?? "");
  const [typed, setTyped] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const put = useMutation({
    mutationFn: ({ PolicyName, PolicyDocument }: { PolicyName: string; PolicyDocument: string }) => calls.putInline(PolicyName, PolicyDocument),
    async onSuccess() {
      await refresh();
      onClose();
    },
  });

  const creating = policyName === null;
  const start = creating ? TEMPLATE : stored;
  const document = typed ?? start.data;
  const errors = { name: nameError(name, "Policy", 128), document: document === undefined ? undefined : documentError(document) };
  const server = serverFieldErrors(put.error, { PolicyName: [], PolicyDocument: DOCUMENT_ERRORS });

  function submit() {
    setSubmitted(true);
    if (document !== undefined && !errors.name && !errors.document) put.mutate({ PolicyName: name, PolicyDocument: document });
  }

  return (
    <FormModal
      title={creating ? "Create inline policy" : `Edit ${policyName}`}
      submitLabel={creating ? "Create policy" : "Save changes"}
      pending={put.isPending}
      submitDisabled={document === undefined || !canChange}
      error={server.other === undefined ? null : put.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className="form-description">An inline policy belongs to {entity.name} alone and is deleted with it.</p>
      {creating && (
        <NameField label="Policy name" max={128} value={name} onChange={setName} error={(submitted ? errors.name : undefined) ?? server.field("PolicyName")} />
      )}
      <StoredDocumentField
        label="Policy document"
        description="The permissions in JSON: Effect, Action and Resource in each statement."
        stored={start}
        typed={typed}
        onChange={setTyped}
        error={(submitted ? errors.document : undefined) ?? server.field("PolicyDocument")}
      />
    </FormModal>
  );
}
