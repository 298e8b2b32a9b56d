"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { useTRPC } from "../../../../_trpc/client";
import { ApigwNav } from "../ApigwNav";
import { usagePlanHref } from "../links";
import { quotaLabel, throttleLabel } from "../usage-plan-form";
import { type UsagePlan, useRefreshApis } from "../use-api";
import { CreateUsagePlanModal } from "./CreateUsagePlanModal";

/** The team's usage plans in the region: each opens API stages to its keys, with a throttle and a quota per key. */
export function UsagePlansPage() {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const plans = useQuery(trpc.apigateway.getUsagePlans.queryOptions({}, { select: (data) => data.item }));
  const [creating, setCreating] = useState(false);

  const columns: Column<UsagePlan>[] = [
    { header: "Name", cell: (plan) => <Link href={usagePlanHref(plan.id)}>{plan.name}</Link> },
    { header: "ID", cell: (plan) => <code>{plan.id}</code>, nowrap: true },
    { header: "Description", cell: (plan) => plan.description ?? "–" },
    { header: "Throttling", cell: (plan) => throttleLabel(plan) },
    { header: "Quota", cell: (plan) => quotaLabel(plan) },
    { header: "API stages", cell: (plan) => plan.apiStages.length, nowrap: true },
  ];

  const createButton = (label: string) => (
    <Button variant="primary" disabled={!canChange} onClick={() => setCreating(true)}>
      {label}
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Usage plans"
        breadcrumbs={[{ label: "API Gateway", href: "/apigateway" }, { label: "Usage plans" }]}
        description="A usage plan opens API stages to the API keys it holds, and meters each key: a request rate and burst, and a quota per day, week or month."
      />
      <div className="stack-lg">
        <ApigwNav />
        {!canChange && <Alert type="info">Viewers can look at usage plans but cannot create, change or delete them.</Alert>}
        <Container
          title="Usage plans"
          counter={plans.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh usage plans" refreshing={plans.isFetching && !plans.isPending} onRefresh={() => void refresh()} />
              {createButton("Create usage plan")}
            </>
          }
        >
          <QueryResult query={plans} loadingLabel="Loading usage plans">
            {(all) => (
              <DataTable
                label="Usage plans"
                columns={columns}
                rows={all}
                rowKey={(plan) => plan.id}
                empty={
                  <EmptyState title="No usage plans" action={createButton("Create your first usage plan")}>
                    You don&apos;t have any usage plans in this region.
                  </EmptyState>
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      {creating && <CreateUsagePlanModal onClose={() => setCreating(false)} onCreated={(plan) => router.push(`${usagePlanHref(plan.id)}?created=1`)} />}
    </>
  );
}
