"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { CopyableCode } from "../../../../../../_components/CopyButton";
import { Flash } from "../../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../../_lib/format";
import { useTRPC } from "../../../../../../_trpc/client";
import { inPoolCrumbs, OUTBOX_HREF, poolHref } from "../../../links";
import { usePool, type UserDetail } from "../../../use-pool";
import { attributeValue } from "../../../user-settings";
import { ConfirmationStatus, EnabledStatus } from "../../../UserStatus";
import { DeleteUserDialog } from "../../DeleteUserDialog";
import { UserActions } from "./UserActions";
import { UserAttributes } from "./UserAttributes";
import { UserGroups } from "./UserGroups";

/** One user of a pool (AdminGetUser): their state, attributes and groups, and what an administrator can do to them. */
export function UserPage({ poolId, username }: { poolId: string; username: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pool = usePool(poolId);
  const user = useQuery(trpc.cognito.adminGetUser.queryOptions({ UserPoolId: poolId, Username: username }));
  const [done, setDone] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  return (
    <>
      <PageHeader
        title={username}
        breadcrumbs={inPoolCrumbs(poolId, pool.data?.Name, "users", username)}
        actions={
          <Button disabled={!user.data || !canChange} onClick={() => setDeleting(true)}>
            Delete user
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={done} onDismiss={() => setDone(null)} />
        {!canChange && <Alert type="info">Viewers can look at users but cannot change them.</Alert>}
        <QueryResult query={user} loadingLabel="Loading user">
          {(loaded) => (
            <>
              <UserInformation user={loaded} actions={<UserActions poolId={poolId} user={loaded} canChange={canChange} onDone={setDone} />} />
              <UserAttributes poolId={poolId} user={loaded} pool={pool.data} canChange={canChange} />
              <UserGroups poolId={poolId} username={loaded.Username} canChange={canChange} />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteUserDialog poolId={poolId} username={deleting ? username : null} onClose={() => setDeleting(false)} onDeleted={() => router.push(poolHref(poolId))} />
    </>
  );
}

function UserInformation({ user, actions }: { user: UserDetail; actions: ReactNode }) {
  return (
    <Container
      title="User information"
      description={
        <>
          Codes and invitations Cognito sends this user are in <Link href={OUTBOX_HREF}>Messages sent to users</Link>.
        </>
      }
      actions={actions}
    >
      <KeyValueGrid label="User information">
        <KeyValue label="User name">
          <CopyableCode text={user.Username} label="Copy user name" />
        </KeyValue>
        <KeyValue label="User ID (sub)">
          <CopyableCode text={attributeValue(user.UserAttributes, "sub") ?? ""} label="Copy user ID" />
        </KeyValue>
        <KeyValue label="Confirmation status">
          <ConfirmationStatus status={user.UserStatus} />
        </KeyValue>
        <KeyValue label="Status">
          <EnabledStatus enabled={user.Enabled} />
        </KeyValue>
        <KeyValue label="MFA setting">{user.UserMFASettingList?.join(", ") ?? "None"}</KeyValue>
        <KeyValue label="Created time">{formatDateTime(user.UserCreateDate)}</KeyValue>
        <KeyValue label="Last updated time">{formatDateTime(user.UserLastModifiedDate)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
