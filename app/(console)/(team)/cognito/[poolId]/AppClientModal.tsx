"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { ClientFields } from "../ClientFields";
import { clientErrors, clientForm, createClientInput, NEW_CLIENT_FORM, updateClientInput, type ClientForm } from "../client-form";
import { useRefreshCognito, type AppClient } from "../use-pool";

interface AppClientModalProps {
  poolId: string;
  /** The client to edit; a new one when omitted. */
  client?: AppClient;
  onClose: () => void;
  onSaved: (client: AppClient) => void;
}

/** CreateUserPoolClient, or UpdateUserPoolClient with the client's other settings kept. */
export function AppClientModal({ poolId, client, onClose, onSaved }: AppClientModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const [form, setForm] = useState<ClientForm>(client ? clientForm(client) : NEW_CLIENT_FORM);
  const [submitted, setSubmitted] = useState(false);
  const errors = clientErrors(form);
  const onSuccess = async ({ UserPoolClient }: { UserPoolClient: AppClient }) => {
    await refresh();
    onSaved(UserPoolClient);
  };
  const create = useMutation(trpc.cognito.createUserPoolClient.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.cognito.updateUserPoolClient.mutationOptions({ onSuccess }));
  const pending = create.isPending || update.isPending;

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    if (client) update.mutate(updateClientInput(client, form));
    else create.mutate(createClientInput(poolId, form));
  }

  return (
    <FormModal
      title={client ? "Edit app client" : "Create app client"}
      submitLabel={client ? "Save changes" : "Create app client"}
      pending={pending}
      error={create.error ?? update.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <ClientFields form={form} onChange={setForm} errors={submitted ? errors : {}} creating={!client} />
    </FormModal>
  );
}
