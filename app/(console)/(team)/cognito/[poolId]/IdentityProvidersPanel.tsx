"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../_components/DataTable";
import { Flash } from "../../../../_components/Flash";
import { QueryResult } from "../../../../_components/QueryResult";
import { formatDateTime } from "../../../../_lib/format";
import { useTRPC } from "../../../../_trpc/client";
import { LoadMore } from "../../logs/paging";
import { mappableAttributes } from "../identity-provider-form";
import { useIdentityProviders, useRefreshCognito, type ProviderSummary, type UserPool } from "../use-pool";
import { DeleteIdentityProviderDialog } from "./DeleteIdentityProviderDialog";
import { IdentityProviderModal } from "./IdentityProviderModal";

type Dialog = { kind: "add" } | { kind: "edit"; name: string } | { kind: "delete"; name: string };

/** "Federated identity provider sign-in": the OpenID Connect providers the pool's users may sign in with. */
export function IdentityProvidersPanel({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const refresh = useRefreshCognito();
  const providers = useIdentityProviders(pool.Id);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const attributes = mappableAttributes(pool);

  const columns: Column<ProviderSummary>[] = [
    selectColumn(radioName, (p) => p.ProviderName, selected, setSelected),
    { header: "Provider name", cell: (p) => p.ProviderName },
    { header: "Type", cell: (p) => (p.ProviderType === "OIDC" ? "OpenID Connect" : p.ProviderType), nowrap: true },
    { header: "Created", cell: (p) => formatDateTime(p.CreationDate) },
    { header: "Last updated", cell: (p) => formatDateTime(p.LastModifiedDate) },
  ];

  const addButton = (label: string) => (
    <Button variant="primary" disabled={!canChange} onClick={() => setDialog({ kind: "add" })}>
      {label}
    </Button>
  );
  const saved = (message: string) => {
    setDialog(null);
    setDone(message);
  };

  return (
    <>
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container
        title="Federated identity provider sign-in"
        counter={providers.data?.length}
        description="Users of these OpenID Connect providers sign in through the hosted UI and become users of this pool. Offer a provider on an app client to show its button."
        flush
        actions={
          <>
            <RefreshButton
              label="Refresh identity providers"
              refreshing={providers.isFetching && !providers.isPending && !providers.isFetchingNextPage}
              onRefresh={() => void refresh()}
            />
            <Button disabled={!selected || !canChange} onClick={() => selected && setDialog({ kind: "delete", name: selected })}>
              Delete
            </Button>
            <Button disabled={!selected || !canChange} onClick={() => selected && setDialog({ kind: "edit", name: selected })}>
              Edit
            </Button>
            {addButton("Add identity provider")}
          </>
        }
      >
        <QueryResult query={providers} loadingLabel="Loading identity providers">
          {(rows) => (
            <>
              <DataTable
                label="Identity providers"
                columns={columns}
                rows={rows}
                rowKey={(p) => p.ProviderName}
                empty={
                  <EmptyState title="No identity providers" action={addButton("Add your first identity provider")}>
                    Users sign in with this pool&apos;s own user names and passwords only.
                  </EmptyState>
                }
              />
              <LoadMore query={providers} />
            </>
          )}
        </QueryResult>
      </Container>
      {dialog?.kind === "add" && (
        <IdentityProviderModal poolId={pool.Id} attributes={attributes} onClose={() => setDialog(null)} onSaved={(name) => saved(`Identity provider ${name} added.`)} />
      )}
      {dialog?.kind === "edit" && (
        <EditProvider poolId={pool.Id} name={dialog.name} attributes={attributes} onClose={() => setDialog(null)} onSaved={(name) => saved(`Identity provider ${name} saved.`)} />
      )}
      <DeleteIdentityProviderDialog
        poolId={pool.Id}
        providerName={dialog?.kind === "delete" ? dialog.name : null}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          setSelected(null);
        }}
      />
    </>
  );
}

interface EditProviderProps {
  poolId: string;
  name: string;
  attributes: readonly string[];
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** The edit dialog, once DescribeIdentityProvider has given the provider's details and secret. */
function EditProvider({ poolId, name, attributes, onClose, onSaved }: EditProviderProps) {
  const trpc = useTRPC();
  const provider = useQuery(trpc.cognito.describeIdentityProvider.queryOptions({ UserPoolId: poolId, ProviderName: name }, { select: (data) => data.IdentityProvider }));
  return (
    <QueryResult query={provider} loadingLabel={`Loading ${name}`}>
      {(loaded) => <IdentityProviderModal poolId={poolId} attributes={attributes} provider={loaded} onClose={onClose} onSaved={onSaved} />}
    </QueryResult>
  );
}
