"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC } from "../../../../../_trpc/client";
import { memberPatch } from "../../member-patch";
import { authorizationLabel, type MethodAuthorization, requestParameter } from "../../method-settings";
import { useAuthorizers, useRefreshApis } from "../../use-api";
import { AuthorizationSelect } from "./AuthorizationSelect";
import type { MethodTabProps } from "./MethodDetails";

/** How the method takes requests: authorization, API key, the parameters and body models it declares. */
export function MethodRequestTab({ api, resource, method, canChange }: MethodTabProps) {
  const [editing, setEditing] = useState(false);
  const authorizers = useAuthorizers(api.id);
  const authorizerName = authorizers.data?.find((authorizer) => authorizer.id === method.authorizerId)?.name;
  const parameters = Object.entries(method.requestParameters ?? {}).map(([key, required]) => ({ key, required, ...requestParameter(key) }));
  const models = Object.entries(method.requestModels ?? {}).map(([contentType, model]) => ({ contentType, model }));
  return (
    <div className="stack-lg">
      <Container
        title="Method request settings"
        actions={
          <Button disabled={!canChange} onClick={() => setEditing(true)}>
            Edit
          </Button>
        }
      >
        <KeyValueGrid label="Method request settings">
          <KeyValue label="Authorization">{authorizationLabel(method.authorizationType)}</KeyValue>
          {method.authorizerId && <KeyValue label="Authorizer">{authorizerName ?? <code>{method.authorizerId}</code>}</KeyValue>}
          <KeyValue label="API key required">{method.apiKeyRequired ? "True" : "False"}</KeyValue>
          <KeyValue label="Request validator">{method.requestValidatorId ?? "None"}</KeyValue>
          <KeyValue label="Operation name">{method.operationName ?? "–"}</KeyValue>
        </KeyValueGrid>
      </Container>
      <Container title="Request parameters" counter={parameters.length} flush>
        <DataTable
          label="Request parameters"
          columns={[
            { header: "Name", cell: (p) => <code>{p.name}</code> },
            { header: "Location", cell: (p) => p.location },
            { header: "Required", cell: (p) => (p.required ? "True" : "False") },
          ]}
          rows={parameters}
          rowKey={(p) => p.key}
          empty={<EmptyState title="No request parameters" />}
        />
      </Container>
      <Container title="Request body" counter={models.length} flush>
        <DataTable
          label="Request body models"
          columns={[
            { header: "Content type", cell: (m) => <code>{m.contentType}</code> },
            { header: "Model", cell: (m) => m.model },
          ]}
          rows={models}
          rowKey={(m) => m.contentType}
          empty={<EmptyState title="No request body models" />}
        />
      </Container>
      {editing && <MethodSettingsModal api={api} resource={resource} method={method} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** UpdateMethod for the settings edited on their own: authorization (none, IAM or one of the API's authorizers), API key, operation name. */
function MethodSettingsModal({ api, resource, method, onClose }: Omit<MethodTabProps, "canChange"> & { onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [authorization, setAuthorization] = useState<MethodAuthorization>({ authorizationType: method.authorizationType, authorizerId: method.authorizerId });
  const [apiKeyRequired, setApiKeyRequired] = useState(method.apiKeyRequired);
  const [operationName, setOperationName] = useState(method.operationName ?? "");
  const update = useMutation(
    trpc.apigateway.updateMethod.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );

  function submit() {
    const patchOperations = memberPatch([
      ["/authorizationType", method.authorizationType, authorization.authorizationType],
      ["/authorizerId", method.authorizerId, authorization.authorizerId],
      ["/apiKeyRequired", method.apiKeyRequired, apiKeyRequired],
      ["/operationName", method.operationName, operationName.trim() || undefined],
    ]);
    if (patchOperations.length === 0) onClose();
    else update.mutate({ restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod, patchOperations });
  }

  return (
    <FormModal title="Edit method request settings" pending={update.isPending} error={update.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <AuthorizationSelect restApiId={api.id} value={authorization} onChange={setAuthorization} />
        <label className="checkbox">
          <input type="checkbox" checked={apiKeyRequired} onChange={(e) => setApiKeyRequired(e.target.checked)} />
          <span>API key required</span>
        </label>
        <FormField label="Operation name - optional" description="A name for the method in generated SDKs, e.g. GetPets.">
          {(control) => <input {...control} className="input" value={operationName} onChange={(e) => setOperationName(e.target.value)} />}
        </FormField>
      </div>
    </FormModal>
  );
}
