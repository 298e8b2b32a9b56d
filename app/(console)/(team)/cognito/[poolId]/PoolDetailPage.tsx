"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { CopyableCode } from "../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { Tabs } from "../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { formatDateTime } from "../../../../_lib/format";
import { DeletePoolDialog } from "../DeletePoolDialog";
import { isPoolTab, issuerUrl, jwksUrl, POOL_TABS, poolHref, poolsCrumbs } from "../links";
import { usePool, type UserPool } from "../use-pool";
import { AppClientsTab } from "./AppClientsTab";
import { GroupsTab } from "./GroupsTab";
import { LambdaTriggersTab } from "./LambdaTriggersTab";
import { SettingsTab } from "./SettingsTab";
import { SignInTab } from "./SignInTab";
import { SignUpTab } from "./SignUpTab";
import { UsersTab } from "./UsersTab";

interface PoolDetailPageProps {
  poolId: string;
  /** The gateway's public URL: the pool's token issuer and signing keys are under it. */
  gatewayUrl: string;
  /** Set by the create page: "1", or "without-client" when the pool's first app client failed. */
  created?: string;
  initialTab?: string;
}

export function PoolDetailPage({ poolId, gatewayUrl, created, initialTab }: PoolDetailPageProps) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pool = usePool(poolId);
  const [deleting, setDeleting] = useState(false);
  const startTab = isPoolTab(initialTab) ? initialTab : "users";
  const createdMessage =
    created === "without-client"
      ? "The user pool was created, but its app client couldn't be. Create one on the App clients tab."
      : "The user pool was created. Create users here, or sign them up through an app client.";
  const [flash, setFlash] = useCreatedFlash(created !== undefined, createdMessage, poolHref(poolId, startTab));
  const name = pool.data?.Name ?? poolId;

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={poolsCrumbs({ label: name })}
        actions={
          <Button disabled={!pool.data || !canChange} onClick={() => setDeleting(true)}>
            Delete user pool
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this user pool, its users and app clients but cannot change them.</Alert>}
        <QueryResult query={pool} loadingLabel="Loading user pool">
          {(loaded) => (
            <>
              <PoolOverview pool={loaded} gatewayUrl={gatewayUrl} />
              <Tabs
                label="User pool details"
                initialTab={startTab}
                // The address names the tab, so a reload or a shared link opens it again.
                onChange={(tab) => isPoolTab(tab) && window.history.replaceState(null, "", poolHref(poolId, tab))}
                tabs={[
                  { id: "users", label: POOL_TABS.users, content: <UsersTab pool={loaded} canChange={canChange} /> },
                  { id: "groups", label: POOL_TABS.groups, content: <GroupsTab poolId={poolId} canChange={canChange} /> },
                  { id: "clients", label: POOL_TABS.clients, content: <AppClientsTab poolId={poolId} canChange={canChange} /> },
                  { id: "sign-up", label: POOL_TABS["sign-up"], content: <SignUpTab pool={loaded} canChange={canChange} /> },
                  { id: "sign-in", label: POOL_TABS["sign-in"], content: <SignInTab pool={loaded} canChange={canChange} /> },
                  { id: "extensions", label: POOL_TABS.extensions, content: <LambdaTriggersTab pool={loaded} canChange={canChange} /> },
                  { id: "settings", label: POOL_TABS.settings, content: <SettingsTab pool={loaded} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeletePoolDialog pool={deleting ? { id: poolId, name } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/cognito")} />
    </>
  );
}

/** What verifiers and SDKs need to know of the pool: its IDs, token issuer and signing keys. */
function PoolOverview({ pool, gatewayUrl }: { pool: UserPool; gatewayUrl: string }) {
  return (
    <Container title="User pool overview">
      <KeyValueGrid label="User pool overview">
        <KeyValue label="User pool name">{pool.Name}</KeyValue>
        <KeyValue label="User pool ID">
          <CopyableCode text={pool.Id} label="Copy user pool ID" />
        </KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={pool.Arn} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Token signing key URL">
          <CopyableCode text={jwksUrl(gatewayUrl, pool.Id)} label="Copy token signing key URL" />
        </KeyValue>
        <KeyValue label="Issuer">
          <CopyableCode text={issuerUrl(gatewayUrl, pool.Id)} label="Copy issuer" />
        </KeyValue>
        <KeyValue label="Estimated number of users">{pool.EstimatedNumberOfUsers}</KeyValue>
        <KeyValue label="Created time">{formatDateTime(pool.CreationDate)}</KeyValue>
        <KeyValue label="Last updated time">{formatDateTime(pool.LastModifiedDate)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
