"use client";

import Link from "next/link";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import type { Column } from "../../../_components/DataTable";
import { PageHeader } from "../../../_components/PageHeader";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatDateTime } from "../../../_lib/format";
import { DeletePoolDialog } from "./DeletePoolDialog";
import { CognitoNav } from "./identity-pools/CognitoNav";
import { poolHref, poolsCrumbs } from "./links";
import { PoolListPanel } from "./PoolListPanel";
import { usePools, useRefreshCognito, type PoolSummary } from "./use-pool";

const COLUMNS: Column<PoolSummary>[] = [
  { header: "User pool name", cell: (p) => <Link href={poolHref(p.Id)}>{p.Name}</Link> },
  { header: "User pool ID", cell: (p) => <code>{p.Id}</code>, nowrap: true },
  { header: "Created time", cell: (p) => formatDateTime(p.CreationDate) },
  { header: "Last updated time", cell: (p) => formatDateTime(p.LastModifiedDate) },
];

export function UserPoolsPage() {
  const refresh = useRefreshCognito();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pools = usePools();

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
        <PoolListPanel
          noun="user pool"
          pools={pools}
          refOf={(p) => ({ id: p.Id, name: p.Name })}
          columns={COLUMNS}
          createHref="/cognito/create"
          canChange={canChange}
          onRefresh={() => void refresh()}
          deleteDialog={(pool, done) => <DeletePoolDialog pool={pool} onClose={() => done(false)} onDeleted={() => done(true)} />}
        />
      </div>
    </>
  );
}
