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
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { DeleteIamDialog } from "../../DeleteIamDialog";
import { oidcProviderNameOf } from "../../documents";
import { arnFromSegments, IDENTITY_PROVIDERS_HREF, identityProviderHref } from "../../links";
import { AudiencesPanel } from "./AudiencesPanel";
import { ProviderTagsPanel } from "./ProviderTagsPanel";
import { ThumbprintsPanel } from "./ThumbprintsPanel";

/** One OpenID Connect provider (GetOpenIDConnectProvider): its audiences, thumbprints and tags. */
export function IdentityProviderDetailPage({ segments, justCreated }: { segments: string[]; justCreated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const canChange = roleAtLeast(useCurrentTeam().role, "developer");
  const arn = arnFromSegments(segments);
  const provider = useQuery(trpc.iam.getOpenIdConnectProvider.queryOptions({ OpenIDConnectProviderArn: arn }));
  const [deleting, setDeleting] = useState(false);
  const name = provider.data?.Url ?? oidcProviderNameOf(arn);
  const [flash, setFlash] = useCreatedFlash(justCreated, `Identity provider ${name} added. Trust it in a role's trust policy, or in an identity pool.`, identityProviderHref(arn));

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Identity providers", href: IDENTITY_PROVIDERS_HREF }, { label: name }]}
        actions={
          <Button disabled={!provider.data || !canChange} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this identity provider but cannot change or delete it.</Alert>}
        <QueryResult query={provider} loadingLabel="Loading identity provider">
          {(loaded) => (
            <>
              <Container title="Summary">
                <KeyValueGrid label="Summary">
                  <KeyValue label="Provider">{loaded.Url}</KeyValue>
                  <KeyValue label="Provider type">OpenID Connect</KeyValue>
                  <KeyValue label="ARN">
                    <CopyableCode text={arn} label="Copy ARN" />
                  </KeyValue>
                  <KeyValue label="Created">{formatDateTime(loaded.CreateDate)}</KeyValue>
                </KeyValueGrid>
              </Container>
              <AudiencesPanel arn={arn} audiences={loaded.ClientIDList} canChange={canChange} />
              <ThumbprintsPanel arn={arn} thumbprints={loaded.ThumbprintList} canChange={canChange} />
              <ProviderTagsPanel arn={arn} canChange={canChange} />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteIamDialog
        target={deleting ? { kind: "identity provider", name, arn } : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => router.push(IDENTITY_PROVIDERS_HREF)}
      />
    </>
  );
}
