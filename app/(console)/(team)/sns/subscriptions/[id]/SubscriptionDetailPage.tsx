"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { AllAttributes } from "../../../../../_components/AllAttributes";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CodeBlock, CopyableCode } from "../../../../../_components/CopyButton";
import { EmptyState } from "../../../../../_components/DataTable";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { Tabs } from "../../../../../_components/Tabs";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatAccountId } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { prettyJson } from "../../json";
import { resourceNameFromArn, subscriptionArn, subscriptionHref, subscriptionIdOf, topicHref, topicNameFromArn } from "../../links";
import { DELIVERY_POLICY_PROTOCOLS, protocolLabel } from "../../protocols";
import { deadLetterTargetOf } from "../../subscription-settings";
import { SubscriptionStatus } from "../../SubscriptionStatus";
import { DeleteSubscriptionDialog } from "../../TopicDialogs";
import { LIVE_REFRESH_MS } from "../../use-topic";
import { EditSubscriptionModal } from "./EditSubscriptionModal";

type Attributes = Record<string, string>;

/** The SQS console's page for a queue ARN of this account and region, or null for another account's queue. */
function useQueueHref(arn: string): string | null {
  const team = useCurrentTeam();
  const { region } = useConsole();
  const parts = arn.split(":");
  return parts[2] === "sqs" && parts[3] === region && parts[4] === team.accountId ? `/sqs/queues/${encodeURIComponent(parts.slice(5).join(":"))}` : null;
}

function Endpoint({ protocol, endpoint }: { protocol: string; endpoint: string }) {
  const queueHref = useQueueHref(endpoint);
  if (protocol === "sqs" && queueHref) return <Link href={queueHref} className="break-all">{endpoint}</Link>;
  if (protocol === "lambda") return <Link href={`/lambda/functions/${encodeURIComponent(resourceNameFromArn(endpoint))}`} className="break-all">{endpoint}</Link>;
  return <span className="break-all">{endpoint}</span>;
}

export function SubscriptionDetailPage({ id, justCreated }: { id: string; justCreated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const { region } = useConsole();
  const canChange = roleAtLeast(team.role, "developer");
  const arn = subscriptionArn(region, team.accountId, id);
  const subscriptionId = subscriptionIdOf(arn);
  const topicName = topicNameFromArn(arn);
  const attributes = useQuery(
    trpc.sns.getSubscriptionAttributes.queryOptions({ SubscriptionArn: arn }, { refetchInterval: LIVE_REFRESH_MS, select: (data) => data.Attributes }),
  );
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const pending = attributes.data?.PendingConfirmation === "true";
  const [flash, setFlash] = useCreatedFlash(justCreated, `Subscription to ${topicName} created successfully.`, subscriptionHref(arn));

  return (
    <>
      <PageHeader
        title={`Subscription: ${subscriptionId}`}
        breadcrumbs={[
          { label: "SNS", href: "/sns" },
          { label: "Subscriptions", href: "/sns/subscriptions" },
          { label: subscriptionId },
        ]}
        actions={
          <>
            <Button disabled={!attributes.data || !canChange} onClick={() => setDialog("edit")}>
              Edit
            </Button>
            <Button disabled={!attributes.data || !canChange} onClick={() => setDialog("delete")}>
              Delete
            </Button>
          </>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {pending && (
          <Alert type="info" title="Pending confirmation">
            The endpoint receives no messages until it confirms the subscription by visiting the SubscribeURL of the confirmation message
            {attributes.data?.Protocol?.startsWith("email") ? ", which lands in the SNS outbox" : ""}. Unconfirmed subscriptions expire after three days.
          </Alert>
        )}
        {!canChange && <Alert type="info">Viewers can look at this subscription but cannot change or delete it.</Alert>}
        <QueryResult query={attributes} loadingLabel="Loading subscription">
          {(a) => (
            <>
              <Container title="Details">
                <KeyValueGrid>
                  <KeyValue label="ARN">
                    <CopyableCode text={arn} label="Copy ARN" />
                  </KeyValue>
                  <KeyValue label="Endpoint">
                    <Endpoint protocol={a.Protocol ?? ""} endpoint={a.Endpoint ?? ""} />
                  </KeyValue>
                  <KeyValue label="Topic">
                    <Link href={topicHref(topicName)}>{topicName}</Link>
                  </KeyValue>
                  <KeyValue label="Subscription principal">{a.Owner ? formatAccountId(a.Owner) : "–"}</KeyValue>
                  <KeyValue label="Status">
                    <SubscriptionStatus pending={a.PendingConfirmation === "true"} />
                  </KeyValue>
                  <KeyValue label="Protocol">{protocolLabel(a.Protocol ?? "")}</KeyValue>
                  <KeyValue label="Raw message delivery">{a.RawMessageDelivery === "true" ? "Enabled" : "Disabled"}</KeyValue>
                  <KeyValue label="Confirmation was authenticated">{a.ConfirmationWasAuthenticated === "true" ? "Yes" : "No"}</KeyValue>
                </KeyValueGrid>
              </Container>
              <Tabs
                label="Subscription details"
                tabs={[
                  { id: "filter", label: "Subscription filter policy", content: <FilterPolicyTab attributes={a} /> },
                  { id: "redrive", label: "Redrive policy (dead-letter queue)", content: <RedrivePolicyTab attributes={a} /> },
                  ...(DELIVERY_POLICY_PROTOCOLS.has(a.Protocol ?? "") ? [{ id: "delivery", label: "Delivery policy (HTTP/S)", content: <DeliveryPolicyTab attributes={a} /> }] : []),
                  { id: "attributes", label: "All attributes", content: <AllAttributes action="GetSubscriptionAttributes" attributes={a} /> },
                ]}
              />
              {dialog === "edit" && (
                <EditSubscriptionModal
                  arn={arn}
                  attributes={a}
                  fifo={topicName.endsWith(".fifo")}
                  onClose={() => setDialog(null)}
                  onSaved={() => {
                    setDialog(null);
                    setFlash(`Subscription ${subscriptionId} updated successfully.`);
                  }}
                />
              )}
            </>
          )}
        </QueryResult>
      </div>
      <DeleteSubscriptionDialog
        subscription={dialog === "delete" && attributes.data ? { arn, endpoint: attributes.data.Endpoint ?? "" } : null}
        onClose={() => setDialog(null)}
        onDeleted={() => router.push(topicHref(topicName))}
      />
    </>
  );
}

function FilterPolicyTab({ attributes: a }: { attributes: Attributes }) {
  return (
    <Container title="Subscription filter policy" description="The messages this subscription receives; without a policy it receives all of them.">
      {a.FilterPolicy ? (
        <div className="stack">
          <KeyValueGrid>
            <KeyValue label="Filter policy scope">{a.FilterPolicyScope === "MessageBody" ? "Message body" : "Message attributes"}</KeyValue>
          </KeyValueGrid>
          <CodeBlock label="Filter policy (JSON)" code={prettyJson(a.FilterPolicy)} />
        </div>
      ) : (
        <EmptyState title="No filter policy">This subscription receives every message published to the topic.</EmptyState>
      )}
    </Container>
  );
}

function RedrivePolicyTab({ attributes: a }: { attributes: Attributes }) {
  const target = deadLetterTargetOf(a.RedrivePolicy);
  const queueHref = useQueueHref(target);
  return (
    <Container title="Redrive policy (dead-letter queue)" description="Where messages go that SNS could not deliver to the endpoint.">
      {target ? (
        <KeyValueGrid>
          <KeyValue label="Dead-letter queue">{queueHref ? <Link href={queueHref}>{resourceNameFromArn(target)}</Link> : resourceNameFromArn(target)}</KeyValue>
          <KeyValue label="Dead-letter queue ARN">
            <code className="break-all">{target}</code>
          </KeyValue>
        </KeyValueGrid>
      ) : (
        <EmptyState title="No dead-letter queue">Messages SNS can&apos;t deliver are dropped after the retries.</EmptyState>
      )}
    </Container>
  );
}

function DeliveryPolicyTab({ attributes: a }: { attributes: Attributes }) {
  return (
    <Container title="Delivery policy (HTTP/S)" description="The retry, throttle and request policies in force for this endpoint: the subscription's own over the topic's.">
      <div className="stack">
        <KeyValueGrid>
          <KeyValue label="Own delivery policy">{a.DeliveryPolicy ? "Yes" : "No, the topic's"}</KeyValue>
        </KeyValueGrid>
        {a.EffectiveDeliveryPolicy && <CodeBlock label="Effective delivery policy (JSON)" code={prettyJson(a.EffectiveDeliveryPolicy)} />}
      </div>
    </Container>
  );
}
