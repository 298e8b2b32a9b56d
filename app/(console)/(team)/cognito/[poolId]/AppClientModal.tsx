"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { ClientFields } from "../ClientFields";
import { clientErrors, clientForm, COGNITO_PROVIDER, createClientInput, NEW_CLIENT_FORM, updateClientInput, type ClientForm } from "../client-form";
import { useIdentityProviders, useRefreshCognito, type AppClient } from "../use-pool";

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
  const providers = useIdentityProviders(poolId).data?.map((p) => p.ProviderName);
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
    // A provider deleted since the client named it can't be named again.
    const named = providers ? { ...form, identityProviders: form.identityProviders.filter((name) => name === COGNITO_PROVIDER || providers.includes(name)) } : form;
    if (client) update.mutate(updateClientInput(client, named));
    else create.mutate(createClientInput(poolId, named));
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
      <ClientFields form={form} onChange={setForm} errors={submitted ? errors : {}} creating={!client} providers={providers ?? []} />
    </FormModal>
  );
}
