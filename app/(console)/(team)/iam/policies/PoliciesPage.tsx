"use client";

import Link from "next/link";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { ButtonLink } from "../../../../_components/Button";
import { ChoiceSelect } from "../../../../_components/ChoiceSelect";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { IamList } from "../IamList";
import { IamPage } from "../IamPage";
import { isAwsManagedArn, POLICIES_HREF, policyHref, policyTypeLabel } from "../links";
import { usePolicies, type PolicyScope } from "../use-iam";

const SCOPES = [
  { value: "All", label: "All types" },
  { value: "AWS", label: "AWS managed" },
  { value: "Local", label: "Customer managed" },
] as const;

export function PoliciesPage() {
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [scope, setScope] = useState<PolicyScope>("All");
  const policies = usePolicies(scope);
  return (
    <IamPage
      title="Policies"
      description="Managed policies are permissions you attach to roles and users: AWS managed ones for common jobs, and customer managed ones you write and version."
      info="A customer managed policy keeps up to five versions; the default one is in force wherever the policy is attached."
      resources="policies"
    >
      <IamList
        title="Policies"
        singular="policy"
        items={policies}
        filters={
          <div className="container-inset">
            <div className="form-grid">
              <ChoiceSelect label="Filter by type" choices={SCOPES} value={scope} onChange={setScope} />
            </div>
          </div>
        }
        columns={[
          { header: "Policy name", cell: (p) => <Link href={policyHref(p.Arn)}>{p.PolicyName}</Link> },
          { header: "Type", cell: (p) => policyTypeLabel(p.Arn), nowrap: true },
          { header: "Used as", cell: (p) => (p.AttachmentCount > 0 ? `Permissions policy (${p.AttachmentCount})` : "–"), nowrap: true },
          { header: "Description", cell: (p) => p.Description ?? "–" },
        ]}
        // The ARN: a customer managed policy may share an AWS managed one's name.
        nameOf={(p) => p.Arn}
        detailOf={(p) => p.Description}
        deletionOf={(p) => (isAwsManagedArn(p.Arn) ? null : { kind: "policy", name: p.PolicyName, arn: p.Arn })}
        canChange={canChange}
        createAction={(label) => (
          <ButtonLink href={`${POLICIES_HREF}/create`} variant="primary" disabled={!canChange}>
            {label}
          </ButtonLink>
        )}
        emptyText={scope === "Local" ? "This account has no customer managed policies yet." : "No policies to show."}
      />
    </IamPage>
  );
}
