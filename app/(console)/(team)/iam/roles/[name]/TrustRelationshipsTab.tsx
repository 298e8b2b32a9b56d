"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { decodeDocument } from "../../documents";
import { documentError } from "../../iam-rules";
import { PolicyDocumentField } from "../../PolicyDocumentField";
import { DOCUMENT_ERRORS, serverFieldErrors } from "../../server-errors";
import { useRefreshIam, type RoleDetail } from "../../use-iam";

/** The role's trust policy: the entities that may assume it. */
export function TrustRelationshipsTab({ role, canChange }: { role: RoleDetail; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  const current = decodeDocument(role.AssumeRolePolicyDocument);
  return (
    <Container
      title="Trust relationships"
      description="The trust policy: the entities that may assume this role, and on what conditions."
      actions={
        <Button disabled={!canChange} onClick={() => setEditing(true)}>
          Edit trust policy
        </Button>
      }
    >
      <CodeBlock label="Trust policy (JSON)" code={current} />
      {editing && <EditTrustPolicyModal roleName={role.RoleName} current={current} onClose={() => setEditing(false)} />}
    </Container>
  );
}

/** UpdateAssumeRolePolicy, with IAM's verdict on the new document under the editor. */
function EditTrustPolicyModal({ roleName, current, onClose }: { roleName: string; current: string; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const [document, setDocument] = useState(current);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.iam.updateAssumeRolePolicy.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  const server = serverFieldErrors(save.error, { PolicyDocument: DOCUMENT_ERRORS });

  function submit() {
    setSubmitted(true);
    if (!documentError(document)) save.mutate({ RoleName: roleName, PolicyDocument: document });
  }

  return (
    <FormModal title="Edit trust policy" submitLabel="Update policy" pending={save.isPending} error={server.other === undefined ? null : save.error} onSubmit={submit} onClose={onClose}>
      <PolicyDocumentField
        label="Trust policy"
        description="A JSON policy whose statements name a Principal and allow sts:AssumeRole."
        value={document}
        onChange={setDocument}
        error={(submitted ? documentError(document) : undefined) ?? server.field("PolicyDocument")}
      />
    </FormModal>
  );
}
