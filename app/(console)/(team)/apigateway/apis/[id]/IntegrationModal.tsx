"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../../_components/FormModal";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useTRPC } from "../../../../../_trpc/client";
import { type IntegrationForm, integrationErrors, integrationForm, integrationPatch, integrationTarget, newIntegrationForm } from "../../integration-form";
import { MOCK_REQUEST_TEMPLATES } from "../../method-settings";
import { useRefreshApis } from "../../use-api";
import { IntegrationFields } from "./IntegrationFields";
import type { MethodTabProps } from "./MethodDetails";

/**
 * The integration editor. A method without an integration gets one with PutIntegration; an existing
 * one is patched with UpdateIntegration, which keeps its mapping templates and integration responses.
 */
export function IntegrationModal({ api, resource, method, onClose }: Omit<MethodTabProps, "canChange"> & { onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const { region } = useConsole();
  const current = method.methodIntegration;
  const [form, setForm] = useState<IntegrationForm>(() => (current ? integrationForm(current, region) : newIntegrationForm(region)));
  const [submitted, setSubmitted] = useState(false);
  const errors = integrationErrors(form);
  const options = {
    async onSuccess() {
      await refresh();
      onClose();
    },
  };
  const put = useMutation(trpc.apigateway.putIntegration.mutationOptions(options));
  const update = useMutation(trpc.apigateway.updateIntegration.mutationOptions(options));
  const save = current ? update : put;

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const on = { restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod };
    const members = integrationTarget(form);
    if (!current) {
      put.mutate({ ...on, ...members, ...(members.type === "MOCK" && { requestTemplates: MOCK_REQUEST_TEMPLATES }) });
      return;
    }
    const patchOperations = integrationPatch(current, members);
    if (patchOperations.length === 0) onClose();
    else update.mutate({ ...on, patchOperations });
  }

  return (
    <FormModal
      title={current ? "Edit integration request" : "Create integration"}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <IntegrationFields form={form} onChange={(change) => setForm((f) => ({ ...f, ...change }))} errors={submitted ? errors : {}} />
    </FormModal>
  );
}
