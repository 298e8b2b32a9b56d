"use client";

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
import { LoadMore } from "../logs/paging";
import { DeletePoolDialog } from "./DeletePoolDialog";
import { CognitoNav } from "./identity-pools/CognitoNav";
import { poolHref, poolsCrumbs } from "./links";
import { usePools, useRefreshCognito, type PoolSummary } from "./use-pool";

export function UserPoolsPage() {
  const refresh = useRefreshCognito();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pools = usePools();
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PoolSummary | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (pools.data ?? []).filter((p) => p.Name.toLowerCase().includes(needle) || p.Id.toLowerCase().includes(needle));
  const selectedPool = pools.data?.find((p) => p.Id === selected) ?? null;

  const columns: Column<PoolSummary>[] = [
    selectColumn(radioName, (p) => p.Id, selected, setSelected),
    { header: "User pool name", cell: (p) => <Link href={poolHref(p.Id)}>{p.Name}</Link> },
    { header: "User pool ID", cell: (p) => <code>{p.Id}</code>, nowrap: true },
    { header: "Created time", cell: (p) => formatDateTime(p.CreationDate) },
    { header: "Last updated time", cell: (p) => formatDateTime(p.LastModifiedDate) },
  ];

  const createButton = (label: string) => (
    <ButtonLink href="/cognito/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="User pools"
        breadcrumbs={poolsCrumbs()}
        description="A user pool is a directory of your app's users: they sign up and sign in with it, and get ID, access and refresh tokens your APIs can verify."
        info="Apps talk to a pool through its app clients. Users sign in with the SDK (InitiateAuth) or the hosted UI; administrators manage them here or with the Admin* API calls."
      />
      <div className="stack-lg">
        <CognitoNav />
        {!canChange && <Alert type="info">Viewers can look at user pools but cannot create, change or delete them, or manage their users. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="User pools"
          counter={pools.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh user pools" refreshing={pools.isFetching && !pools.isPending && !pools.isFetchingNextPage} onRefresh={() => void refresh()} />
              <Button disabled={!selectedPool || !canChange} onClick={() => setDeleting(selectedPool)}>
                Delete
              </Button>
              {createButton("Create user pool")}
            </>
          }
        >
          <SearchField label="Search user pools" placeholder="Search user pools by name or ID" value={filter} onChange={setFilter} />
          <QueryResult query={pools} loadingLabel="Loading user pools">
            {(all) => (
              <>
                <DataTable
                  label="User pools"
                  columns={columns}
                  rows={rows}
                  rowKey={(p) => p.Id}
                  empty={
                    all.length > 0 ? (
                      <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                        No user pool names or IDs contain “{filter}”.
                      </EmptyState>
                    ) : (
                      <EmptyState title="No user pools" action={createButton("Create your first user pool")}>
                        You don&apos;t have any user pools in this region.
                      </EmptyState>
                    )
                  }
                />
                <LoadMore query={pools} />
              </>
            )}
          </QueryResult>
        </Container>
      </div>
      <DeletePoolDialog
        pool={deleting && { id: deleting.Id, name: deleting.Name }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </>
  );
}
