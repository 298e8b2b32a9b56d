"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, RefreshButton } from "../../../../_components/Button";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { Container } from "../../../../_components/Container";
import { CopyableCode } from "../../../../_components/CopyButton";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { Flash } from "../../../../_components/Flash";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { StatusIndicator } from "../../../../_components/StatusIndicator";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { errorMessage } from "../../../../_lib/errors";
import { formatDateTime } from "../../../../_lib/format";
import { useTRPC } from "../../../../_trpc/client";
import { apiKeyName } from "../api-key-form";
import { ApigwNav } from "../ApigwNav";
import { type ApiKey, useApiKeys, useRefreshApis } from "../use-api";
import { CreateApiKeyModal } from "./CreateApiKeyModal";

/** The team's API keys in the region: clients send one in `x-api-key` to methods that require a key, through a usage plan that holds it. */
export function ApiKeysPage() {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = useMutation(trpc.apigateway.updateApiKey.mutationOptions({ onSuccess: () => refresh() }));
  const remove = useMutation(
    trpc.apigateway.deleteApiKey.mutationOptions({
      async onSuccess() {
        setDone(`API key ${deleting && apiKeyName(deleting)} was deleted.`);
        setDeleting(null);
        await refresh();
      },
    }),
  );

  const columns: Column<ApiKey>[] = [
    { header: "Name", cell: (key) => apiKeyName(key) },
    { header: "ID", cell: (key) => <code>{key.id}</code>, nowrap: true },
    { header: "API key", cell: (key) => <ApiKeyValue apiKey={key} /> },
    { header: "Status", cell: (key) => (key.enabled ? <StatusIndicator type="success">Enabled</StatusIndicator> : <StatusIndicator type="stopped">Disabled</StatusIndicator>), nowrap: true },
    { header: "Description", cell: (key) => key.description ?? "–" },
    { header: "Created", cell: (key) => formatDateTime(key.createdDate) },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (key) => (
        <div className="row-actions">
          <Button
            aria-label={`${key.enabled ? "Disable" : "Enable"} API key ${apiKeyName(key)}`}
            disabled={!canChange || toggle.isPending}
            onClick={() => toggle.mutate({ apiKey: key.id, patchOperations: [{ op: "replace", path: "/enabled", value: String(!key.enabled) }] })}
          >
            {key.enabled ? "Disable" : "Enable"}
          </Button>
          <Button aria-label={`Delete API key ${apiKeyName(key)}`} disabled={!canChange} onClick={() => setDeleting(key)}>
            Delete
          </Button>
        </div>
      ),
    },
  ];

  const createButton = (label: string) => (
    <Button variant="primary" disabled={!canChange} onClick={() => setCreating(true)}>
      {label}
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API keys"
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "API keys" }]}
        description="Clients send an API key in the x-api-key header to call methods that require one. A key works on the API stages of the usage plans that hold it."
      />
      <div className="stack-lg">
        <ApigwNav />
        <Flash message={done} onDismiss={() => setDone(null)} />
        {!canChange && <Alert type="info">Viewers can look at API keys but cannot create, change or delete them.</Alert>}
        {toggle.isError && <Alert type="error" title="Couldn't change the API key">{errorMessage(toggle.error)}</Alert>}
        <Container
          title="API keys"
          counter={keys.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh API keys" refreshing={keys.isFetching && !keys.isPending} onRefresh={() => void refresh()} />
              {createButton("Create API key")}
            </>
          }
        >
          <QueryResult query={keys} loadingLabel="Loading API keys">
            {(all) => (
              <DataTable
                label="API keys"
                columns={columns}
                rows={all}
                rowKey={(key) => key.id}
                empty={
                  <EmptyState title="No API keys" action={createButton("Create your first API key")}>
                    You don&apos;t have any API keys in this region.
                  </EmptyState>
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      {creating && (
        <CreateApiKeyModal
          onClose={() => setCreating(false)}
          onCreated={(name) => {
            setCreating(false);
            setDone(`API key ${name} was created.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete API key"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ apiKey: deleting.id })}
      >
        <p>
          Delete API key <strong>{deleting && apiKeyName(deleting)}</strong>? Clients using it are refused from now on, and it leaves its usage plans.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** A key's value, read only when asked for (the list leaves values out, as AWS does). */
function ApiKeyValue({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(false);
  const key = useQuery(trpc.apigateway.getApiKey.queryOptions({ apiKey: apiKey.id, includeValue: true }, { enabled: shown }));
  const name = apiKeyName(apiKey);
  if (!shown) {
    return (
      <Button className="btn-small" aria-label={`Show API key ${name}`} onClick={() => setShown(true)}>
        Show
      </Button>
    );
  }
  return (
    <span className="value-with-copy">
      {key.data?.value ? <CopyableCode text={key.data.value} label={`Copy API key ${name}`} /> : key.isError ? "Couldn't read the value." : "Loading…"}
      <Button className="btn-small" aria-label={`Hide API key ${name}`} onClick={() => setShown(false)}>
        Hide
      </Button>
    </span>
  );
}
