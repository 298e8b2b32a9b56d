"use client";

import Link from "next/link";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { ButtonLink } from "../../../../_components/Button";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { formatDateTime } from "../../../../_lib/format";
import { IamList } from "../IamList";
import { IamPage } from "../IamPage";
import { ROLES_HREF, roleHref } from "../links";
import { useRoles } from "../use-iam";

export function RolesPage() {
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const roles = useRoles();
  return (
    <IamPage
      title="Roles"
      description="An IAM role is an identity with permissions that trusted entities assume for a while: a Lambda function, an API Gateway integration, a session from another account."
      info="A role's trust policy says who may assume it; its permissions policies (managed and inline) say what sessions of the role may do."
      resources="roles"
    >
      <IamList
        title="Roles"
        singular="role"
        items={roles}
        columns={[
          { header: "Role name", cell: (role) => <Link href={roleHref(role.RoleName)}>{role.RoleName}</Link> },
          { header: "Path", cell: (role) => <code>{role.Path}</code>, nowrap: true },
          { header: "Created", cell: (role) => formatDateTime(role.CreateDate) },
          { header: "Description", cell: (role) => role.Description ?? "–" },
        ]}
        nameOf={(role) => role.RoleName}
        detailOf={(role) => role.Description}
        deletionOf={(role) => ({ kind: "role", name: role.RoleName })}
        canChange={canChange}
        createAction={(label) => (
          <ButtonLink href={`${ROLES_HREF}/create`} variant="primary" disabled={!canChange}>
            {label}
          </ButtonLink>
        )}
        emptyText="This account has no roles yet."
      />
    </IamPage>
  );
}
