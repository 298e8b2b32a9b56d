"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { SearchField } from "../../../../_components/SearchField";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { LoadMore } from "../../logs/paging";
import { CognitoNav } from "./CognitoNav";
import { DeleteIdentityPoolDialog } from "./DeleteIdentityPoolDialog";
import { GuestAccess } from "./GuestAccess";
import { IDENTITY_POOLS_HREF, identityPoolHref, identityPoolsCrumbs, useIdentityPoolDetails, useIdentityPools, useRefreshIdentityPools, type IdentityPoolSummary } from "./use-identity-pools";

export function IdentityPoolsPage() {
  const refresh = useRefreshIdentityPools();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pools = useIdentityPools();
  const details = useIdentityPoolDetails((pools.data ?? []).map((p) => p.IdentityPoolId));
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<IdentityPoolSummary | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (pools.data ?? []).filter((p) => p.IdentityPoolName.toLowerCase().includes(needle) || p.IdentityPoolId.toLowerCase().includes(needle));
  const selectedPool = pools.data?.find((p) => p.IdentityPoolId === selected) ?? null;

  const columns: Column<IdentityPoolSummary>[] = [
    selectColumn(radioName, (p) => p.IdentityPoolId, selected, setSelected),
    { header: "Identity pool name", cell: (p) => <Link href={identityPoolHref(p.IdentityPoolId)}>{p.IdentityPoolName}</Link> },
    { header: "Identity pool ID", cell: (p) => <code>{p.IdentityPoolId}</code>, nowrap: true },
    {
      header: "Guest access",
      cell: (p) => {
        const pool = details.get(p.IdentityPoolId);
        return pool ? <GuestAccess allowed={pool.AllowUnauthenticatedIdentities} /> : "–";
      },
    },
  ];

  const createButton = (label: string) => (
    <ButtonLink href={`${IDENTITY_POOLS_HREF}/create`} variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Identity pools"
        breadcrumbs={identityPoolsCrumbs()}
        description="An identity pool gives your app's users, signed in or guests, temporary AWS credentials for the IAM roles you choose."
        info="Apps call GetId and then GetCredentialsForIdentity on the gateway; signed-in users pass their user pool ID token as a login."
      />
      <div className="stack-lg">
        <CognitoNav />
        {!canChange && <Alert type="info">Viewers can look at identity pools but cannot create, change or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="Identity pools"
          counter={pools.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh identity pools" refreshing={pools.isFetching && !pools.isPending && !pools.isFetchingNextPage} onRefresh={() => void refresh()} />
              <Button disabled={!selectedPool || !canChange} onClick={() => setDeleting(selectedPool)}>
                Delete
              </Button>
              {createButton("Create identity pool")}
            </>
          }
        >
          <SearchField label="Search identity pools" placeholder="Search identity pools by name or ID" value={filter} onChange={setFilter} />
          <QueryResult query={pools} loadingLabel="Loading identity pools">
            {(all) => (
              <>
                <DataTable
                  label="Identity pools"
                  columns={columns}
                  rows={rows}
                  rowKey={(p) => p.IdentityPoolId}
                  empty={
                    all.length > 0 ? (
                      <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                        No identity pool names or IDs contain “{filter}”.
                      </EmptyState>
                    ) : (
                      <EmptyState title="No identity pools" action={createButton("Create your first identity pool")}>
                        You don&apos;t have any identity pools in this region.
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
      <DeleteIdentityPoolDialog
        pool={deleting && { id: deleting.IdentityPoolId, name: deleting.IdentityPoolName }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </>
  );
}
