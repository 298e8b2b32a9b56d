"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { createProviderInput, hasErrors, NEW_PROVIDER_FORM, providerErrors, providerForm, updateProviderInput, type IdentityProviderForm } from "../identity-provider-form";
import { useRefreshCognito, type IdentityProvider } from "../use-pool";
import { IdentityProviderFields } from "./IdentityProviderFields";

interface IdentityProviderModalProps {
  poolId: string;
  /** The pool attributes a claim can fill. */
  attributes: readonly string[];
  /** The provider to edit; a new one when omitted. */
  provider?: IdentityProvider;
  onClose: () => void;
  onSaved: (providerName: string) => void;
}

/** CreateIdentityProvider of an OpenID Connect provider, or UpdateIdentityProvider of its details and mapping. */
export function IdentityProviderModal({ poolId, attributes, provider, onClose, onSaved }: IdentityProviderModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const [form, setForm] = useState<IdentityProviderForm>(provider ? providerForm(provider) : NEW_PROVIDER_FORM);
  const [submitted, setSubmitted] = useState(false);
  const errors = providerErrors(form);
  const onSuccess = async () => {
    await refresh();
    onSaved(form.name);
  };
  const create = useMutation(trpc.cognito.createIdentityProvider.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.cognito.updateIdentityProvider.mutationOptions({ onSuccess }));

  function submit() {
    setSubmitted(true);
    if (hasErrors(errors)) return;
    if (provider) update.mutate(updateProviderInput(provider, form));
    else create.mutate(createProviderInput(poolId, form));
  }

  return (
    <FormModal
      title={provider ? `Edit ${provider.ProviderName}` : "Add identity provider"}
      submitLabel={provider ? "Save changes" : "Add identity provider"}
      pending={create.isPending || update.isPending}
      error={create.error ?? update.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <IdentityProviderFields form={form} onChange={setForm} errors={submitted ? errors : {}} attributes={attributes} creating={!provider} />
    </FormModal>
  );
}
