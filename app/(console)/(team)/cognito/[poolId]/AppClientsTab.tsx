"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../_components/DataTable";
import { QueryResult } from "../../../../_components/QueryResult";
import { LoadMore } from "../../logs/paging";
import { clientHref } from "../links";
import { useClients, useRefreshCognito, type ClientSummary } from "../use-pool";
import { AppClientModal } from "./AppClientModal";
import { DeleteClientDialog } from "./DeleteClientDialog";

/** The pool's app clients: what apps name (ClientId) when they sign users in. */
export function AppClientsTab({ poolId, canChange }: { poolId: string; canChange: boolean }) {
  const router = useRouter();
  const refresh = useRefreshCognito();
  const clients = useClients(poolId);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"create" | "delete" | null>(null);
  const chosen = clients.data?.find((c) => c.ClientId === selected) ?? null;

  const columns: Column<ClientSummary>[] = [
    selectColumn(radioName, (c) => c.ClientId, selected, setSelected),
    { header: "App client name", cell: (c) => <Link href={clientHref(poolId, c.ClientId)}>{c.ClientName}</Link> },
    { header: "Client ID", cell: (c) => <code>{c.ClientId}</code>, nowrap: true },
  ];

  const createButton = (label: string) => (
    <Button variant="primary" disabled={!canChange} onClick={() => setDialog("create")}>
      {label}
    </Button>
  );

  return (
    <>
      <Container
        title="App clients"
        counter={clients.data?.length}
        description="An app client is how one app talks to the pool: which sign-in flows it may use, how long its tokens last, and its hosted UI settings."
        flush
        actions={
          <>
            <RefreshButton label="Refresh app clients" refreshing={clients.isFetching && !clients.isPending && !clients.isFetchingNextPage} onRefresh={() => void refresh()} />
            <Button disabled={!chosen || !canChange} onClick={() => setDialog("delete")}>
              Delete
            </Button>
            {createButton("Create app client")}
          </>
        }
      >
        <QueryResult query={clients} loadingLabel="Loading app clients">
          {(rows) => (
            <>
              <DataTable
                label="App clients"
                columns={columns}
                rows={rows}
                rowKey={(c) => c.ClientId}
                empty={
                  <EmptyState title="No app clients" action={createButton("Create your first app client")}>
                    Apps need an app client to sign users in.
                  </EmptyState>
                }
              />
              <LoadMore query={clients} />
            </>
          )}
        </QueryResult>
      </Container>
      {dialog === "create" && <AppClientModal poolId={poolId} onClose={() => setDialog(null)} onSaved={(client) => router.push(`${clientHref(poolId, client.ClientId)}?created=1`)} />}
      <DeleteClientDialog
        poolId={poolId}
        client={dialog === "delete" && chosen ? { id: chosen.ClientId, name: chosen.ClientName } : null}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          setSelected(null);
        }}
      />
    </>
  );
}
