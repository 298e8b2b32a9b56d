"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../_components/Button";
import { EmptyState } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { SearchField } from "../../../../_components/SearchField";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { useTRPC } from "../../../../_trpc/client";
import { createSubscriptionHref, topicNameFromArn } from "../links";
import { SnsNav } from "../SnsNav";
import { SubscriptionsTable } from "../SubscriptionsTable";
import { useAllSubscriptions } from "../use-subscriptions";

/** Every subscription of every topic in this region, as the AWS console's Subscriptions page. */
export function SubscriptionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const subscriptions = useAllSubscriptions();
  const [filter, setFilter] = useState("");

  const needle = filter.trim().toLowerCase();
  const all = subscriptions.data?.Subscriptions ?? [];
  const rows = all.filter((s) => `${s.Endpoint} ${s.Protocol} ${topicNameFromArn(s.TopicArn)} ${s.SubscriptionArn}`.toLowerCase().includes(needle));

  const createButton = (
    <ButtonLink href={createSubscriptionHref()} variant="primary" disabled={!canChange}>
      Create subscription
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Subscriptions"
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Subscriptions" }]}
        description="The endpoints your topics deliver to. Pending subscriptions wait for their endpoint to confirm."
      />
      <div className="stack-lg">
        <SnsNav />
        {!canChange && <Alert type="info">Viewers can look at subscriptions but cannot create, change or delete them.</Alert>}
        <SubscriptionsTable
          subscriptions={subscriptions}
          rows={rows}
          showTopic
          canChange={canChange}
          onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter())}
          actions={createButton}
          empty={
            all.length > 0 ? (
              <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                No subscription matches “{filter}”.
              </EmptyState>
            ) : (
              <EmptyState title="No subscriptions" action={createButton}>
                None of your topics in this region has a subscription.
              </EmptyState>
            )
          }
        >
          <SearchField label="Search subscriptions" placeholder="Search by endpoint, protocol or topic" value={filter} onChange={setFilter} />
        </SubscriptionsTable>
      </div>
    </>
  );
}
