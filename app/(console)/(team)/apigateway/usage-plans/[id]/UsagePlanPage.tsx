"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { useTRPC } from "../../../../../_trpc/client";
import { usagePlanHref } from "../../links";
import { quotaLabel, throttleLabel } from "../../usage-plan-form";
import { PlanApiStages } from "./PlanApiStages";
import { PlanKeys } from "./PlanKeys";

const PLANS_HREF = "/apigateway/usage-plans";

/** A usage plan: its throttle and quota, the API stages it opens and the keys it holds. */
export function UsagePlanPage({ usagePlanId, justCreated }: { usagePlanId: string; justCreated: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const plan = useQuery(trpc.apigateway.getUsagePlan.queryOptions({ usagePlanId }));
  const [deleting, setDeleting] = useState(false);
  const [flash, setFlash] = useCreatedFlash(justCreated, "The usage plan was created. Add the API stages it opens and the API keys it holds.", usagePlanHref(usagePlanId));
  const remove = useMutation(
    trpc.apigateway.deleteUsagePlan.mutationOptions({
      async onSuccess() {
        // Only the list: this plan's own views would be read again, and fail, before the page leaves them.
        await queryClient.invalidateQueries(trpc.apigateway.getUsagePlans.queryFilter());
        router.push(PLANS_HREF);
      },
    }),
  );
  const name = plan.data?.name ?? usagePlanId;

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "Usage plans", href: PLANS_HREF }, { label: name }]}
        description={plan.data?.description}
        actions={
          <Button disabled={!plan.data || !canChange} onClick={() => setDeleting(true)}>
            Delete usage plan
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this usage plan but cannot change or delete it.</Alert>}
        <QueryResult query={plan} loadingLabel="Loading usage plan">
          {(loaded) => (
            <>
              <Container title="Usage plan details">
                <KeyValueGrid label="Usage plan details">
                  <KeyValue label="ID">
                    <CopyableCode text={loaded.id} label="Copy usage plan ID" />
                  </KeyValue>
                  <KeyValue label="Throttling">{throttleLabel(loaded)}</KeyValue>
                  <KeyValue label="Quota">{quotaLabel(loaded)}</KeyValue>
                </KeyValueGrid>
              </Container>
              <PlanApiStages plan={loaded} canChange={canChange} />
              <PlanKeys plan={loaded} canChange={canChange} />
            </>
          )}
        </QueryResult>
      </div>
      <ConfirmDialog
        open={deleting}
        title="Delete usage plan"
        confirmLabel="Delete"
        confirmText="confirm"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ usagePlanId })}
      >
        <p>
          Delete <strong>{name}</strong>? Remove its API stages first. Its keys stay, but no longer reach what the plan opened.
        </p>
      </ConfirmDialog>
    </>
  );
}
