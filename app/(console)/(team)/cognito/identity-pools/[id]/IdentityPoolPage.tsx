"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { DeleteIdentityPoolDialog } from "../DeleteIdentityPoolDialog";
import { GuestAccess } from "../GuestAccess";
import { IDENTITY_POOLS_HREF, identityPoolHref, identityPoolsCrumbs, useIdentityPool, type IdentityPool } from "../use-identity-pools";
import { IdentitiesTable } from "./IdentitiesTable";
import { OidcProvidersPanel } from "./OidcProvidersPanel";
import { RolesPanel } from "./RolesPanel";

export function IdentityPoolPage({ poolId, created }: { poolId: string; created?: string }) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pool = useIdentityPool(poolId);
  const [deleting, setDeleting] = useState(false);
  const createdMessage =
    created === "without-roles" ? "The identity pool was created, but its roles couldn't be set. Edit them under Roles." : "The identity pool was created.";
  const [flash, setFlash] = useCreatedFlash(created !== undefined, createdMessage, identityPoolHref(poolId));
  const name = pool.data?.IdentityPoolName ?? poolId;

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={identityPoolsCrumbs({ label: name })}
        actions={
          <Button disabled={!pool.data || !canChange} onClick={() => setDeleting(true)}>
            Delete identity pool
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this identity pool and its identities but cannot change them.</Alert>}
        <QueryResult query={pool} loadingLabel="Loading identity pool">
          {(loaded) => (
            <>
              <PoolOverview pool={loaded} />
              <OidcProvidersPanel pool={loaded} canChange={canChange} />
              <RolesPanel poolId={poolId} canChange={canChange} />
              <IdentitiesTable poolId={poolId} canChange={canChange} />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteIdentityPoolDialog pool={deleting ? { id: poolId, name } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push(IDENTITY_POOLS_HREF)} />
    </>
  );
}

function PoolOverview({ pool }: { pool: IdentityPool }) {
  const providers = pool.CognitoIdentityProviders;
  return (
    <Container title="Identity pool overview">
      <KeyValueGrid label="Identity pool overview">
        <KeyValue label="Identity pool name">{pool.IdentityPoolName}</KeyValue>
        <KeyValue label="Identity pool ID">
          <CopyableCode text={pool.IdentityPoolId} label="Copy identity pool ID" />
        </KeyValue>
        <KeyValue label="Guest access">
          <GuestAccess allowed={pool.AllowUnauthenticatedIdentities} />
        </KeyValue>
        <KeyValue label="User pool providers">
          {providers.length === 0 ? (
            "None"
          ) : (
            <ul className="plain-list">
              {providers.map((p) => (
                <li key={`${p.ProviderName}:${p.ClientId}`}>
                  <code className="break-all">{p.ProviderName}</code> · app client <code>{p.ClientId}</code>
                </li>
              ))}
            </ul>
          )}
        </KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
