"use client";

import { useQuery } from "@tanstack/react-query";
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
import { Tabs, type TabDefinition } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { DeleteIamDialog } from "../../DeleteIamDialog";
import { isAwsManagedArn, POLICIES_HREF, policyArnFromSegments, policyHref, policyTypeLabel } from "../../links";
import { AttachedEntitiesTab } from "./AttachedEntitiesTab";
import { PolicyVersionDocument } from "./PolicyVersionDocument";
import { PolicyVersionsTab } from "./PolicyVersionsTab";

type ManagedPolicy = RouterOutputs["iam"]["getPolicy"]["Policy"];

/** A managed policy by ARN: its default version's permissions, its versions (customer managed only) and where it is attached. */
export function PolicyDetailPage({ segments, justCreated }: { segments: string[]; justCreated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const arn = policyArnFromSegments(segments, team.accountId);
  const awsManaged = isAwsManagedArn(arn);
  const policy = useQuery(trpc.iam.getPolicy.queryOptions({ PolicyArn: arn }, { select: (data) => data.Policy }));
  const [deleting, setDeleting] = useState(false);
  const name = policy.data?.PolicyName ?? arn.slice(arn.lastIndexOf("/") + 1);
  const [flash, setFlash] = useCreatedFlash(justCreated, `Policy ${name} created. Attach it to roles and users on their Permissions tab.`, policyHref(arn));

  const tabs = (loaded: ManagedPolicy): TabDefinition[] => [
    { id: "permissions", label: "Permissions", content: <PermissionsDocument policy={loaded} /> },
    ...(awsManaged ? [] : [{ id: "versions", label: "Policy versions", content: <PolicyVersionsTab arn={arn} defaultVersionId={loaded.DefaultVersionId} canChange={canChange} /> }]),
    { id: "entities", label: "Entities attached", content: <AttachedEntitiesTab arn={arn} /> },
  ];

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Policies", href: POLICIES_HREF }, { label: name }]}
        description={policy.data?.Description}
        actions={
          !awsManaged && (
            <Button disabled={!policy.data || !canChange} onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this policy but cannot change or delete it.</Alert>}
        <QueryResult query={policy} loadingLabel="Loading policy">
          {(loaded) => (
            <>
              <PolicySummary policy={loaded} />
              <Tabs label="Policy details" tabs={tabs(loaded)} />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteIamDialog target={deleting ? { kind: "policy", name, arn } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push(POLICIES_HREF)} />
    </>
  );
}

function PolicySummary({ policy }: { policy: ManagedPolicy }) {
  return (
    <Container title="Policy details">
      <KeyValueGrid label="Policy details">
        <KeyValue label="Type">{policyTypeLabel(policy.Arn)}</KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={policy.Arn} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Created">{formatDateTime(policy.CreateDate)}</KeyValue>
        <KeyValue label="Edited">{formatDateTime(policy.UpdateDate)}</KeyValue>
        <KeyValue label="Default version">{policy.DefaultVersionId}</KeyValue>
        <KeyValue label="Attached to">{policy.AttachmentCount === 1 ? "1 entity" : `${policy.AttachmentCount} entities`}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}

function PermissionsDocument({ policy }: { policy: ManagedPolicy }) {
  return (
    <Container title="Permissions defined in this policy" description={`The default version, ${policy.DefaultVersionId}: what the policy allows or denies wherever it is attached.`}>
      <PolicyVersionDocument arn={policy.Arn} versionId={policy.DefaultVersionId} />
    </Container>
  );
}
