"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { SearchField } from "../../../../_components/SearchField";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { useTRPC } from "../../../../_trpc/client";
import { createSubscriptionHref, isPendingArn, subscriptionHref, subscriptionIdOf, topicHref, topicNameFromArn } from "../links";
import { protocolLabel } from "../protocols";
import { SnsNav } from "../SnsNav";
import { SubscriptionStatus } from "../SubscriptionStatus";
import { DeleteSubscriptionDialog } from "../TopicDialogs";
import { subscriptionKey, useAllSubscriptions, type SubscriptionEntry } from "../use-subscriptions";

/** Every subscription of every topic in this region, as the AWS console's Subscriptions page. */
export function SubscriptionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const subscriptions = useAllSubscriptions();
  const [filter, setFilter] = useState("");
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SubscriptionEntry | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const all = subscriptions.data?.Subscriptions ?? [];
  const rows = all.filter((s) => `${s.Endpoint} ${s.Protocol} ${topicNameFromArn(s.TopicArn)} ${s.SubscriptionArn}`.toLowerCase().includes(needle));
  const selected = all.find((s) => subscriptionKey(s) === selectedKey) ?? null;
  const selectedConfirmed = selected !== null && !isPendingArn(selected.SubscriptionArn);

  const columns: Column<SubscriptionEntry>[] = [
    {
      header: "Select",
      hideHeader: true,
      cell: (s) => (
        <input
          type="radio"
          name={radioName}
          aria-label={`Select ${s.Protocol} subscription ${s.Endpoint}`}
          checked={subscriptionKey(s) === selectedKey}
          onChange={() => setSelectedKey(subscriptionKey(s))}
        />
      ),
    },
    {
      header: "ID",
      nowrap: true,
      cell: (s) =>
        isPendingArn(s.SubscriptionArn) ? (
          <span className="text-secondary">Pending confirmation</span>
        ) : (
          <Link href={subscriptionHref(s.SubscriptionArn)} className="mono">
            {subscriptionIdOf(s.SubscriptionArn)}
          </Link>
        ),
    },
    { header: "Endpoint", cell: (s) => <span className="break-all">{s.Endpoint}</span> },
    { header: "Status", cell: (s) => <SubscriptionStatus pending={isPendingArn(s.SubscriptionArn)} />, nowrap: true },
    { header: "Protocol", cell: (s) => protocolLabel(s.Protocol), nowrap: true },
    { header: "Topic", cell: (s) => <Link href={topicHref(topicNameFromArn(s.TopicArn))}>{topicNameFromArn(s.TopicArn)}</Link> },
  ];

  const createButton = (label: string) => (
    <ButtonLink href={createSubscriptionHref()} variant="primary" disabled={!canChange}>
      {label}
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
        <Container
          title="Subscriptions"
          counter={subscriptions.data?.Subscriptions.length}
          flush
          actions={
            <>
              <RefreshButton
                label="Refresh subscriptions"
                refreshing={subscriptions.isFetching && !subscriptions.isPending}
                onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter())}
              />
              <Button disabled={!selectedConfirmed || !canChange} onClick={() => selected && router.push(subscriptionHref(selected.SubscriptionArn))}>
                Edit
              </Button>
              <Button disabled={!selectedConfirmed || !canChange} onClick={() => setDeleting(selected)}>
                Delete
              </Button>
              {createButton("Create subscription")}
            </>
          }
        >
          <SearchField label="Search subscriptions" placeholder="Search by endpoint, protocol or topic" value={filter} onChange={setFilter} />
          <QueryResult query={subscriptions} loadingLabel="Loading subscriptions">
            {(data) => (
              <DataTable
                label="Subscriptions"
                columns={columns}
                rows={rows}
                rowKey={subscriptionKey}
                empty={
                  data.Subscriptions.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No subscription matches “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No subscriptions" action={createButton("Create subscription")}>
                      None of your topics in this region has a subscription.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <DeleteSubscriptionDialog
        subscription={deleting && { arn: deleting.SubscriptionArn, endpoint: deleting.Endpoint }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelectedKey(null);
        }}
      />
    </>
  );
}
