"use client";

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
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatAccountId } from "../../../../../_lib/format";
import { TOPIC_TABS, topicHref, type TopicTab } from "../../links";
import { DeleteTopicDialog } from "../../TopicDialogs";
import { useTopic, useTopicArn, type LoadedTopic } from "../../use-topic";
import { AccessPolicyTab } from "./AccessPolicyTab";
import { AttributesTab } from "./AttributesTab";
import { DeliveryLogTab } from "./DeliveryLogTab";
import { PublishTab } from "./PublishTab";
import { SubscriptionsTab } from "./SubscriptionsTab";
import { TagsTab } from "./TagsTab";

interface TopicDetailPageProps {
  name: string;
  justCreated: boolean;
  initialTab?: string;
}

export function TopicDetailPage({ name, justCreated, initialTab }: TopicDetailPageProps) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const topic = useTopic(name);
  const arn = useTopicArn(name);
  const [deleting, setDeleting] = useState(false);
  const startTab = TOPIC_TABS.includes(initialTab as TopicTab) ? (initialTab as TopicTab) : "subscriptions";
  // Header buttons open a tab: the tabs mount again with it selected.
  const [tabRequest, setTabRequest] = useState({ tab: startTab, n: 0 });
  const [flash, setFlash] = useCreatedFlash(
    justCreated,
    `Topic ${name} created successfully. You can create subscriptions and send messages to them from this topic.`,
    topicHref(name, startTab),
  );

  function openTab(tab: TopicTab) {
    setTabRequest((r) => ({ tab, n: r.n + 1 }));
    window.history.replaceState(null, "", topicHref(name, tab));
  }

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Topics", href: "/sns" }, { label: name }]}
        actions={
          <>
            <Button disabled={!topic.data || !canChange} onClick={() => openTab("attributes")}>
              Edit
            </Button>
            <Button disabled={!topic.data || !canChange} onClick={() => setDeleting(true)}>
              Delete
            </Button>
            <Button variant="primary" disabled={!topic.data || !canChange} onClick={() => openTab("publish")}>
              Publish message
            </Button>
          </>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this topic but cannot publish to it, subscribe to it, change or delete it.</Alert>}
        <QueryResult query={topic} loadingLabel="Loading topic">
          {(loaded) => (
            <>
              <TopicSummary topic={loaded} />
              <Tabs
                key={tabRequest.n}
                label="Topic details"
                initialTab={tabRequest.tab}
                // The address names the tab, so a reload or a shared link opens it again.
                onChange={(tab) => window.history.replaceState(null, "", topicHref(name, tab as TopicTab))}
                tabs={[
                  { id: "subscriptions", label: "Subscriptions", content: <SubscriptionsTab topic={loaded} canChange={canChange} /> },
                  // A message being written survives a look at another tab.
                  { id: "publish", label: "Publish message", content: <PublishTab topic={loaded} canPublish={canChange} />, keepMounted: true },
                  { id: "deliveries", label: "Delivery status log", content: <DeliveryLogTab topicArn={loaded.arn} /> },
                  { id: "policy", label: "Access policy", content: <AccessPolicyTab topic={loaded} canChange={canChange} /> },
                  { id: "attributes", label: "Attributes", content: <AttributesTab topic={loaded} canChange={canChange} /> },
                  { id: "tags", label: "Tags", content: <TagsTab arn={loaded.arn} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteTopicDialog topic={deleting ? { name, arn } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/sns")} />
    </>
  );
}

function TopicSummary({ topic }: { topic: LoadedTopic }) {
  const a = topic.attributes;
  return (
    <Container title="Details">
      <KeyValueGrid>
        <KeyValue label="Name">{topic.name}</KeyValue>
        <KeyValue label="Type">{topic.fifo ? "FIFO" : "Standard"}</KeyValue>
        <KeyValue label="Display name">{a.DisplayName || "–"}</KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={topic.arn} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Topic owner">{a.Owner ? formatAccountId(a.Owner) : "–"}</KeyValue>
        {topic.fifo && <KeyValue label="Content-based message deduplication">{a.ContentBasedDeduplication === "true" ? "Enabled" : "Disabled"}</KeyValue>}
      </KeyValueGrid>
      <dl className="counter-grid" aria-label="Subscriptions">
        <div className="counter">
          <dt>Confirmed subscriptions</dt>
          <dd>{a.SubscriptionsConfirmed ?? "–"}</dd>
        </div>
        <div className="counter">
          <dt>Pending subscriptions</dt>
          <dd>{a.SubscriptionsPending ?? "–"}</dd>
        </div>
        <div className="counter">
          <dt>Deleted subscriptions</dt>
          <dd>{a.SubscriptionsDeleted ?? "–"}</dd>
        </div>
      </dl>
    </Container>
  );
}
