"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { DeleteIamDialog } from "../../DeleteIamDialog";
import { USERS_HREF } from "../../links";
import { PermissionsTab } from "../../PermissionsTab";
import { UserAccessKeysTab } from "./UserAccessKeysTab";

export function UserDetailPage({ name, gatewayUrl }: { name: string; gatewayUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const user = useQuery(trpc.iam.getUser.queryOptions({ UserName: name }, { select: (data) => data.User }));
  const [deleting, setDeleting] = useState(false);

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Users", href: USERS_HREF }, { label: name }]}
        actions={
          <Button disabled={!user.data || !canChange} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        }
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can look at this user but cannot change or delete it.</Alert>}
        <QueryResult query={user} loadingLabel="Loading user">
          {(loaded) => (
            <>
              <Container title="Summary">
                <KeyValueGrid label="Summary">
                  <KeyValue label="ARN">
                    <CopyableCode text={loaded.Arn} label="Copy ARN" />
                  </KeyValue>
                  <KeyValue label="User ID">
                    <code>{loaded.UserId}</code>
                  </KeyValue>
                  <KeyValue label="Created">{"CreateDate" in loaded ? formatDateTime(loaded.CreateDate) : "–"}</KeyValue>
                  <KeyValue label="Path">
                    <code>{loaded.Path}</code>
                  </KeyValue>
                </KeyValueGrid>
              </Container>
              <Tabs
                label="User details"
                tabs={[
                  { id: "permissions", label: "Permissions", content: <PermissionsTab entity={{ type: "user", name: loaded.UserName }} canChange={canChange} /> },
                  { id: "keys", label: "Access keys", content: <UserAccessKeysTab userName={loaded.UserName} canChange={canChange} gatewayUrl={gatewayUrl} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteIamDialog target={deleting ? { kind: "user", name } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push(USERS_HREF)} />
    </>
  );
}
