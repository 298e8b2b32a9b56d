"use client";

import { useState } from "react";
import type { PatchOperation } from "~/server/services/apigateway/patch";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPCClient } from "../../../../../_trpc/client";
import { integrationLabel, invokedFunction, isProxyType, PASSTHROUGH_BEHAVIORS } from "../../integration-form";
import { contentHandlingLabel } from "../../method-settings";
import { type Integration, useRefreshApis } from "../../use-api";
import { IntegrationModal } from "./IntegrationModal";
import { MappingTemplates } from "./MappingTemplates";
import type { MethodTabProps } from "./MethodDetails";

/** How the method reaches its backend: the integration's type and target, and the request mapping templates. */
export function IntegrationRequestTab({ api, resource, method, canChange }: MethodTabProps) {
  const client = useTRPCClient();
  const refresh = useRefreshApis();
  const [editing, setEditing] = useState(false);
  const integration = method.methodIntegration;
  const edit = (label: string) => (
    <Button variant={integration ? "normal" : "primary"} disabled={!canChange} onClick={() => setEditing(true)}>
      {label}
    </Button>
  );

  async function patchTemplates(patchOperations: PatchOperation[]) {
    await client.apigateway.updateIntegration.mutate({ restApiId: api.id, resourceId: resource.id, httpMethod: method.httpMethod, patchOperations });
    await refresh();
  }

  return (
    <div className="stack-lg">
      {integration ? (
        <Container title="Integration request settings" actions={edit("Edit")}>
          <IntegrationSettings integration={integration} />
        </Container>
      ) : (
        <Container title="Integration request">
          <EmptyState title="No integration" action={edit("Create integration")}>
            The method needs an integration before the API can be deployed.
          </EmptyState>
        </Container>
      )}
      {integration && !isProxyType(integration.type) && (
        <MappingTemplates title="Mapping templates" member="requestTemplates" templates={integration.requestTemplates} canChange={canChange} patch={patchTemplates} />
      )}
      {editing && <IntegrationModal api={api} resource={resource} method={method} onClose={() => setEditing(false)} />}
    </div>
  );
}

function IntegrationSettings({ integration }: { integration: Integration }) {
  const functionArn = invokedFunction(integration.uri);
  const http = integration.type === "HTTP" || integration.type === "HTTP_PROXY";
  return (
    <KeyValueGrid label="Integration request settings">
      <KeyValue label="Integration type">{integrationLabel(integration)}</KeyValue>
      {functionArn && (
        <KeyValue label="Lambda function">
          <code className="break-all">{functionArn}</code>
        </KeyValue>
      )}
      {http && (
        <KeyValue label="Endpoint URL">
          <code className="break-all">{integration.uri}</code>
        </KeyValue>
      )}
      {!functionArn && !http && integration.uri && (
        <KeyValue label="URI">
          <code className="break-all">{integration.uri}</code>
        </KeyValue>
      )}
      {integration.httpMethod && <KeyValue label="HTTP method">{integration.httpMethod}</KeyValue>}
      {!isProxyType(integration.type) && (
        <KeyValue label="Request body passthrough">
          {PASSTHROUGH_BEHAVIORS.find((behavior) => behavior.value === integration.passthroughBehavior)?.label ?? integration.passthroughBehavior ?? "–"}
        </KeyValue>
      )}
      {!isProxyType(integration.type) && <KeyValue label="Content handling">{contentHandlingLabel(integration.contentHandling)}</KeyValue>}
      <KeyValue label="Timeout">{integration.timeoutInMillis.toLocaleString("en-US")} ms</KeyValue>
      {integration.credentials && (
        <KeyValue label="Execution role">
          <code className="break-all">{integration.credentials}</code>
        </KeyValue>
      )}
    </KeyValueGrid>
  );
}
