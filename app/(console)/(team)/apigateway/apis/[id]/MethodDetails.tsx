"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { Tabs } from "../../../../../_components/Tabs";
import { useTRPC } from "../../../../../_trpc/client";
import { integrationLabel } from "../../integration-form";
import { authorizationLabel } from "../../method-settings";
import { type ApiMethod, type RestApi, type TreeResource, useRefreshApis } from "../../use-api";
import { IntegrationRequestTab } from "./IntegrationRequestTab";
import { IntegrationResponseTab } from "./IntegrationResponseTab";
import { MethodRequestTab } from "./MethodRequestTab";
import { MethodResponseTab } from "./MethodResponseTab";
import { MethodTestTab } from "./MethodTestTab";

/** What each of a method's tabs works on. */
export interface MethodTabProps {
  api: RestApi;
  resource: TreeResource;
  method: ApiMethod;
  canChange: boolean;
}

/** A method's execution, as the AWS console lays it out: method request → integration request → integration response → method response. */
export function MethodDetails({ onDeleted, ...props }: MethodTabProps & { onDeleted: () => void }) {
  const { api, resource, method, canChange } = props;
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation(
    trpc.apigateway.deleteMethod.mutationOptions({
      async onSuccess() {
        setDeleting(false);
        onDeleted();
        await refresh();
      },
    }),
  );
  const integration = method.methodIntegration;

  return (
    <>
      <Container
        title={`${resource.path} - ${method.httpMethod} - Method execution`}
        actions={
          <Button disabled={!canChange} onClick={() => setDeleting(true)}>
            Delete method
          </Button>
        }
      >
        <KeyValueGrid label="Method execution">
          <KeyValue label="Authorization">{authorizationLabel(method.authorizationType)}</KeyValue>
          <KeyValue label="API key">{method.apiKeyRequired ? "Required" : "Not required"}</KeyValue>
          <KeyValue label="Integration">{integration ? integrationLabel(integration) : "None: create the integration request"}</KeyValue>
          <KeyValue label="Method responses">{Object.keys(method.methodResponses ?? {}).join(", ") || "None"}</KeyValue>
        </KeyValueGrid>
      </Container>
      <Tabs
        label="Method execution"
        tabs={[
          { id: "method-request", label: "Method request", content: <MethodRequestTab {...props} /> },
          { id: "integration-request", label: "Integration request", content: <IntegrationRequestTab {...props} /> },
          { id: "integration-response", label: "Integration response", content: <IntegrationResponseTab {...props} /> },
          { id: "method-response", label: "Method response", content: <MethodResponseTab {...props} /> },
          // The request typed and the last result survive a look at the other tabs.
          { id: "test", label: "Test", content: <MethodTestTab {...props} />, keepMounted: true },
        ]}
      />
      <ConfirmDialog
        open={deleting}
        title="Delete method"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod })}
      >
        <p>
          Delete the {method.httpMethod} method of <code>{resource.path}</code> with its integration and responses? Stages keep serving it until you deploy again.
        </p>
      </ConfirmDialog>
    </>
  );
}
