"use client";

import { roleAtLeast } from "~/server/services/accounts/roles";
import { PageHeader } from "../../../_components/PageHeader";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatAccountId } from "../../../_lib/format";
import { InviteMember } from "./InviteMember";
import { LeaveTeam } from "./LeaveTeam";
import { MembersTable } from "./MembersTable";
import { PendingInvitations } from "./PendingInvitations";

export function TeamPage() {
  const team = useCurrentTeam();
  const canManage = roleAtLeast(team.role, "admin");
  return (
    <>
      <PageHeader
        title="Team & members"
        breadcrumbs={[{ label: "Team & members" }]}
        description={
          <>
            {team.name} · Account ID {formatAccountId(team.accountId)} · Your role: {team.role}
          </>
        }
        info={
          <ul className="plain-list">
            <li><strong>Owner</strong>: everything, including managing other owners.</li>
            <li><strong>Admin</strong>: invites and removes members, changes roles.</li>
            <li><strong>Developer</strong>: creates and changes resources and access keys.</li>
            <li><strong>Viewer</strong>: reads everything, changes nothing.</li>
          </ul>
        }
        actions={<LeaveTeam />}
      />
      <div className="stack-lg">
        <MembersTable canManage={canManage} />
        <InviteMember canInvite={canManage} />
        <PendingInvitations canManage={canManage} />
      </div>
    </>
  );
}
