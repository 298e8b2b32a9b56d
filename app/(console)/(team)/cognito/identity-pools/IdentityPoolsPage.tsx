"use client";

import Link from "next/link";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import type { Column } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { PoolListPanel } from "../PoolListPanel";
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
  const columns: Column<IdentityPoolSummary>[] = [
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
        <PoolListPanel
          noun="identity pool"
          pools={pools}
          refOf={(p) => ({ id: p.IdentityPoolId, name: p.IdentityPoolName })}
          columns={columns}
          createHref={`${IDENTITY_POOLS_HREF}/create`}
          canChange={canChange}
          onRefresh={() => void refresh()}
          deleteDialog={(pool, done) => <DeleteIdentityPoolDialog pool={pool} onClose={() => done(false)} onDeleted={() => done(true)} />}
        />
      </div>
    </>
  );
}
