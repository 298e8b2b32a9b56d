"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { PageHeader } from "../../../_components/PageHeader";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import { endpointTypeLabel } from "./api-settings";
import { ApigwNav } from "./ApigwNav";
import { DeleteApiDialog } from "./DeleteApiDialog";
import { apiHref } from "./links";
import { type RestApi, useRefreshApis } from "./use-api";

/** API names need not be unique: a row (and its radio button) is named after the API's name and ID. */
const rowName = (api: RestApi) => `${api.name} (${api.id})`;

export function ApisPage() {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const apis = useQuery(trpc.apigateway.listRestApis.queryOptions());
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<RestApi | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (apis.data ?? []).filter((api) => api.name.toLowerCase().includes(needle) || api.id.includes(needle));
  const selectedApi = apis.data?.find((api) => rowName(api) === selected) ?? null;

  const columns: Column<RestApi>[] = [
    selectColumn(radioName, rowName, selected, setSelected),
    { header: "Name", cell: (api) => <Link href={apiHref(api.id)}>{api.name}</Link> },
    { header: "Description", cell: (api) => api.description ?? "–" },
    { header: "ID", cell: (api) => <code>{api.id}</code>, nowrap: true },
    { header: "Protocol", cell: () => "REST", nowrap: true },
    { header: "API endpoint type", cell: (api) => endpointTypeLabel(api.endpointConfiguration.types), nowrap: true },
    { header: "Created", cell: (api) => formatDateTime(api.createdDate) },
  ];

  const createButton = (label: string) => (
    <ButtonLink href="/apigateway/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="APIs"
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "APIs" }]}
        description="REST APIs route HTTP requests by resource path and method to an integration: a Lambda function, an HTTP endpoint, a mock or an AWS service."
        info="Changes to an API's resources and methods reach clients once you deploy the API to a stage. Each stage has its own invoke URL, variables, throttling and cache settings."
      />
      <div className="stack-lg">
        <ApigwNav />
        {!canChange && <Alert type="info">Viewers can look at APIs and their stages but cannot create, change, deploy or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="APIs"
          counter={apis.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh APIs" refreshing={apis.isFetching && !apis.isPending} onRefresh={() => void refresh()} />
              <Button disabled={!selectedApi || !canChange} onClick={() => setDeleting(selectedApi)}>
                Delete
              </Button>
              <ButtonLink href="/apigateway/import" disabled={!canChange}>
                Import API
              </ButtonLink>
              {createButton("Create API")}
            </>
          }
        >
          <SearchField label="Search APIs" placeholder="Search APIs by name or ID" value={filter} onChange={setFilter} />
          <QueryResult query={apis} loadingLabel="Loading APIs">
            {(all) => (
              <DataTable
                label="APIs"
                columns={columns}
                rows={rows}
                rowKey={(api) => api.id}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No API names or IDs contain “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No APIs" action={createButton("Create your first API")}>
                      You don&apos;t have any APIs in this region.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <DeleteApiDialog
        api={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </>
  );
}
