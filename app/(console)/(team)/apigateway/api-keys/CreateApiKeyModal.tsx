"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../_components/FormField";
import { FormModal } from "../../../../_components/FormModal";
import { RadioGroup } from "../../../../_components/Tiles";
import { useTRPC } from "../../../../_trpc/client";
import { type ApiKeyForm, apiKeyErrors, apiKeyName, createApiKeyInput, KEY_VALUE_SOURCES, NEW_API_KEY_FORM } from "../api-key-form";
import { useRefreshApis } from "../use-api";

/** CreateApiKey: an enabled key with a generated or a custom value. */
export function CreateApiKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [form, setForm] = useState<ApiKeyForm>(NEW_API_KEY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const errors = apiKeyErrors(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = (change: Partial<ApiKeyForm>) => setForm((f) => ({ ...f, ...change }));
  const create = useMutation(
    trpc.apigateway.createApiKey.mutationOptions({
      async onSuccess(key) {
        await refresh();
        onCreated(apiKeyName(key));
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!Object.values(errors).some(Boolean)) create.mutate(createApiKeyInput(form));
  }

  return (
    <FormModal title="Create API key" submitLabel="Create API key" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Name" error={shown.name}>
          {(control) => <input {...control} className="input" value={form.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label="Description - optional">
          {(control) => <input {...control} className="input" value={form.description} autoComplete="off" onChange={(e) => set({ description: e.target.value })} />}
        </FormField>
        <RadioGroup legend="API key" name="api-key-value" value={form.valueSource} options={KEY_VALUE_SOURCES} onChange={(valueSource) => set({ valueSource })} />
        {form.valueSource === "custom" && (
          <FormField label="API key value" constraint="At least 20 characters." error={shown.value}>
            {(control) => <input {...control} className="input code-input" value={form.value} autoComplete="off" spellCheck={false} onChange={(e) => set({ value: e.target.value.trim() })} />}
          </FormField>
        )}
      </div>
    </FormModal>
  );
}
