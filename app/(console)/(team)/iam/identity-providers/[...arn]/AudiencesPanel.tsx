"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { useRefreshIam } from "../../use-iam";
import { audienceError, MAX_AUDIENCES } from "../provider-rules";

interface AudiencesPanelProps {
  arn: string;
  audiences: string[];
  canChange: boolean;
}

/** The client IDs the provider's tokens may be issued to: AddClientIDToOpenIDConnectProvider and RemoveClientIDFromOpenIDConnectProvider. */
export function AudiencesPanel({ arn, audiences, canChange }: AudiencesPanelProps) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"add" | "remove" | null>(null);
  const remove = useMutation(
    trpc.iam.removeClientIdFromOpenIdConnectProvider.mutationOptions({
      async onSuccess() {
        await refresh();
        setDialog(null);
        setSelected(null);
      },
    }),
  );
  const addButton = (label: string) => (
    <Button variant="primary" disabled={!canChange || audiences.length >= MAX_AUDIENCES} onClick={() => setDialog("add")}>
      {label}
    </Button>
  );

  return (
    <Container
      title="Audiences"
      counter={audiences.length}
      description="Tokens the provider issues to one of these client IDs are accepted (their aud, or azp when they have one)."
      flush
      actions={
        <>
          <Button disabled={!selected || !canChange} onClick={() => setDialog("remove")}>
            Remove audience
          </Button>
          {addButton("Add audience")}
        </>
      }
    >
      <DataTable
        label="Audiences"
        columns={[selectColumn(radioName, (a: string) => a, selected, setSelected), { header: "Audience", cell: (a) => <code className="break-all">{a}</code> }]}
        rows={audiences}
        rowKey={(a) => a}
        empty={
          <EmptyState title="No audiences" action={addButton("Add an audience")}>
            No token of this provider is accepted until it has an audience.
          </EmptyState>
        }
      />
      {dialog === "add" && <AddAudienceModal arn={arn} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog === "remove" && selected !== null}
        title="Remove audience"
        confirmLabel="Remove"
        action={remove}
        onClose={() => setDialog(null)}
        onConfirm={() => selected && remove.mutate({ OpenIDConnectProviderArn: arn, ClientID: selected })}
      >
        <p>
          Remove <code>{selected}</code>? Tokens issued to it are no longer accepted.
        </p>
      </ConfirmDialog>
    </Container>
  );
}

function AddAudienceModal({ arn, onClose }: { arn: string; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const [audience, setAudience] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error = audience ? audienceError(audience) : "Enter a client ID.";
  const add = useMutation(
    trpc.iam.addClientIdToOpenIdConnectProvider.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  function submit() {
    setSubmitted(true);
    if (!error) add.mutate({ OpenIDConnectProviderArn: arn, ClientID: audience });
  }
  return (
    <FormModal title="Add audience" submitLabel="Add audience" pending={add.isPending} error={add.error} onSubmit={submit} onClose={onClose}>
      <FormField label="Audience" description="A client ID your app has at the provider." error={submitted ? error : undefined}>
        {(control) => <input {...control} className="input code-input" autoComplete="off" spellCheck={false} value={audience} onChange={(e) => setAudience(e.target.value.trim())} />}
      </FormField>
    </FormModal>
  );
}
