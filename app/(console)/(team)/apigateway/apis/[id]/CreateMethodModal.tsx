"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useTRPCClient } from "../../../../../_trpc/client";
import { type IntegrationForm, integrationErrors, integrationTarget, isProxyType, newIntegrationForm } from "../../integration-form";
import { type RestApi, type TreeResource, useRefreshApis } from "../../use-api";
import { type MethodAuthorization, MOCK_REQUEST_TEMPLATES } from "../../method-settings";
import { AuthorizationSelect } from "./AuthorizationSelect";
import { IntegrationFields } from "./IntegrationFields";

interface CreateMethodModalProps {
  api: RestApi;
  resource: TreeResource;
  /** The HTTP methods the resource doesn't have yet. */
  verbs: readonly string[];
  onClose: () => void;
  onCreated: (httpMethod: string) => void;
}

/**
 * A method with its integration, as the AWS console creates them: PutMethod, PutIntegration, and a 200
 * method response (with its integration response, unless the integration is a proxy that answers itself).
 */
export function CreateMethodModal({ api, resource, verbs, onClose, onCreated }: CreateMethodModalProps) {
  const client = useTRPCClient();
  const refresh = useRefreshApis();
  const { region } = useConsole();
  const [httpMethod, setHttpMethod] = useState(verbs.includes("GET") ? "GET" : (verbs[0] ?? ""));
  const [authorization, setAuthorization] = useState<MethodAuthorization>({ authorizationType: "NONE" });
  const [integration, setIntegration] = useState<IntegrationForm>(() => newIntegrationForm(region));
  const [submitted, setSubmitted] = useState(false);
  const errors = integrationErrors(integration);
  const invalid = Object.values(errors).some(Boolean);

  const create = useMutation({
    async mutationFn() {
      const target = { restApiId: api.id, resourceId: resource.id, httpMethod };
      const members = integrationTarget(integration);
      await client.apigateway.putMethod.mutate({ ...target, ...authorization });
      try {
        await client.apigateway.putIntegration.mutate({ ...target, ...members, ...(members.type === "MOCK" && { requestTemplates: MOCK_REQUEST_TEMPLATES }) });
        await client.apigateway.putMethodResponse.mutate({ ...target, statusCode: "200", responseModels: { "application/json": "Empty" } });
        if (!isProxyType(members.type)) await client.apigateway.putIntegrationResponse.mutate({ ...target, statusCode: "200" });
      } catch (error) {
        // Nothing half-made stays behind: the user corrects the form and creates the method again. The
        // integration's error is the one to show, even if taking the method back fails too.
        await client.apigateway.deleteMethod.mutate(target).catch(() => undefined);
        throw error;
      }
    },
    async onSuccess() {
      await refresh();
      onCreated(httpMethod);
    },
  });

  function submit() {
    setSubmitted(true);
    if (!invalid) create.mutate();
  }

  return (
    <FormModal title={`Create method on ${resource.path}`} submitLabel="Create method" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Method type" description="ANY answers every HTTP method the resource has no method of its own for.">
          {(control) => (
            <select {...control} className="select" value={httpMethod} onChange={(e) => setHttpMethod(e.target.value)}>
              {verbs.map((verb) => (
                <option key={verb} value={verb}>
                  {verb}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <AuthorizationSelect restApiId={api.id} value={authorization} onChange={setAuthorization} />
        <IntegrationFields form={integration} onChange={(change) => setIntegration((f) => ({ ...f, ...change }))} errors={submitted ? errors : {}} />
      </div>
    </FormModal>
  );
}
