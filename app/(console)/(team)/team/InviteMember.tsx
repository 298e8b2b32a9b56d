"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { CopyField } from "../../../_components/CopyButton";
import { FormField } from "../../../_components/FormField";
import { RoleSelect } from "../../../_components/RoleSelect";
import { errorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_trpc/client";
import type { TeamRole } from "../../../_trpc/types";

export function InviteMember({ canInvite }: { canInvite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TeamRole>("developer");

  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess() {
        setEmail("");
        void queryClient.invalidateQueries(trpc.team.listInvitations.queryFilter());
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role });
  }

  return (
    <Container
      title="Invite a member"
      description="Stratus sends no email: create an invitation and send its link to the person yourself."
      info="The link works once, for the email address it was created for, until it expires or is revoked."
    >
      {!canInvite && <Alert type="info">Only owners and admins can invite members.</Alert>}
      <form onSubmit={submit} className="form">
        <fieldset disabled={!canInvite} className="form-row">
          <FormField label="Email address">
            {(control) => (
              <input {...control} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
            )}
          </FormField>
          <FormField label="Role">{(control) => <RoleSelect {...control} value={role} onChange={setRole} />}</FormField>
          <div className="form-row-action">
            <Button type="submit" variant="primary" loading={invite.isPending}>
              Create invitation
            </Button>
          </div>
        </fieldset>
      </form>
      {invite.isError && <Alert type="error">{errorMessage(invite.error)}</Alert>}
      {invite.data && (
        <Alert type="success" title={`Invitation created for ${invite.variables.email}`}>
          <p>Send this link to them. It is shown only once.</p>
          <CopyField label="Invitation link" value={invite.data.link} />
        </Alert>
      )}
    </Container>
  );
}
