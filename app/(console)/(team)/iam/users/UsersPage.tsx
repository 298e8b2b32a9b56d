"use client";

import Link from "next/link";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Button } from "../../../../_components/Button";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { formatDateTime } from "../../../../_lib/format";
import { IamList } from "../IamList";
import { IamPage } from "../IamPage";
import { userHref } from "../links";
import { useUsers } from "../use-iam";
import { CreateUserModal } from "./CreateUserModal";

export function UsersPage() {
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  return (
    <IamPage
      title="Users"
      description="IAM users are identities for programs: long-term access keys whose calls are held to the user's policies."
      info="Team members don't need IAM users: they sign in to the console and their own access keys act with their team role."
      resources="users"
    >
      <IamList
        title="Users"
        singular="user"
        items={users}
        columns={[
          { header: "User name", cell: (user) => <Link href={userHref(user.UserName)}>{user.UserName}</Link> },
          { header: "Path", cell: (user) => <code>{user.Path}</code>, nowrap: true },
          { header: "Created", cell: (user) => formatDateTime(user.CreateDate) },
          { header: "ARN", cell: (user) => <code className="break-all">{user.Arn}</code> },
        ]}
        nameOf={(user) => user.UserName}
        deletionOf={(user) => ({ kind: "user", name: user.UserName })}
        canChange={canChange}
        createAction={(label) => (
          <Button variant="primary" disabled={!canChange} onClick={() => setCreating(true)}>
            {label}
          </Button>
        )}
        emptyText="This account has no IAM users."
      />
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </IamPage>
  );
}
