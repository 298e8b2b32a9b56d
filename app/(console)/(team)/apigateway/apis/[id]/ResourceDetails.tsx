"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { HTTP_METHODS } from "~/server/services/apigateway/model";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC } from "../../../../../_trpc/client";
import { integrationLabel } from "../../integration-form";
import { authorizationLabel } from "../../method-settings";
import { type ApiMethod, type RestApi, type TreeResource, useRefreshApis } from "../../use-api";
import { CreateMethodModal } from "./CreateMethodModal";
import { EnableCorsModal } from "./EnableCorsModal";

interface ResourceDetailsProps {
  api: RestApi;
  resource: TreeResource;
  canChange: boolean;
  onSelectMethod: (httpMethod: string) => void;
  onMethodCreated: (httpMethod: string) => void;
  onDeleted: () => void;
}

/** A resource: its path and ID, and its methods with Create method; every resource but the root can be deleted. */
export function ResourceDetails({ api, resource, canChange, onSelectMethod, onMethodCreated, onDeleted }: ResourceDetailsProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [cors, setCors] = useState(false);
  const remove = useMutation(
    trpc.apigateway.deleteResource.mutationOptions({
      async onSuccess() {
        setDeleting(false);
        onDeleted();
        await refresh();
      },
    }),
  );
  const isRoot = resource.parentId === undefined;
  const free = HTTP_METHODS.filter((verb) => !resource.methods.some((method) => method.httpMethod === verb));

  const columns: Column<ApiMethod>[] = [
    {
      header: "Method type",
      cell: (method) => (
        <button type="button" className="link-button" onClick={() => onSelectMethod(method.httpMethod)}>
          {method.httpMethod}
        </button>
      ),
      nowrap: true,
    },
    { header: "Integration type", cell: (method) => (method.methodIntegration ? integrationLabel(method.methodIntegration) : "None") },
    { header: "Authorization", cell: (method) => authorizationLabel(method.authorizationType), nowrap: true },
    { header: "API key", cell: (method) => (method.apiKeyRequired ? "Required" : "Not required"), nowrap: true },
  ];

  return (
    <>
      <Container
        title="Resource details"
        actions={
          <>
            <Button disabled={!canChange} onClick={() => setCors(true)}>
              Enable CORS
            </Button>
            <Button disabled={!canChange || isRoot} onClick={() => setDeleting(true)}>
              Delete resource
            </Button>
          </>
        }
      >
        <KeyValueGrid label="Resource details">
          <KeyValue label="Path">
            <code className="break-all">{resource.path}</code>
          </KeyValue>
          <KeyValue label="Resource ID">
            <CopyableCode text={resource.id} label="Copy resource ID" />
          </KeyValue>
        </KeyValueGrid>
      </Container>
      <Container
        title="Methods"
        counter={resource.methods.length}
        flush
        actions={
          <Button variant="primary" disabled={!canChange || free.length === 0} onClick={() => setCreating(true)}>
            Create method
          </Button>
        }
      >
        <DataTable
          label="Methods"
          columns={columns}
          rows={resource.methods}
          rowKey={(method) => method.httpMethod}
          empty={<EmptyState title="No methods">Create a method to answer requests to {resource.path}.</EmptyState>}
        />
      </Container>
      {cors && (
        <EnableCorsModal
          restApiId={api.id}
          resource={resource}
          onClose={() => setCors(false)}
          onEnabled={() => {
            setCors(false);
            onMethodCreated("OPTIONS");
          }}
        />
      )}
      {creating && (
        <CreateMethodModal
          api={api}
          resource={resource}
          verbs={free}
          onClose={() => setCreating(false)}
          onCreated={(httpMethod) => {
            setCreating(false);
            onMethodCreated(httpMethod);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete resource"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ restApiId: api.id, resourceId: resource.id })}
      >
        <p>
          Delete <code>{resource.path}</code>? Its methods and every resource below it are deleted with it. Stages keep serving their deployments until you deploy
          again.
        </p>
      </ConfirmDialog>
    </>
  );
}
