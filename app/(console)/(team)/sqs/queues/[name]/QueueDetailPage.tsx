"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { AllAttributes } from "../../../../../_components/AllAttributes";
import { Button, ButtonLink } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { useTRPC } from "../../../../../_trpc/client";
import { formatBytes, formatEpoch, formatSeconds } from "../../format";
import { DeleteQueueDialog, PurgeQueueDialog } from "../../QueueDialogs";
import { ENCRYPTION_LABELS, encryptionOf, parseRedriveAllowPolicy, parseRedrivePolicy } from "../../queue-settings";
import { queueHref, queueNameFromArn, useQueue, type LoadedQueue } from "../../use-queue";
import { AccessPolicyTab } from "./AccessPolicyTab";
import { DeadLetterTab } from "./DeadLetterTab";
import { LambdaTriggersTab } from "./LambdaTriggersTab";
import { MonitoringTab } from "./MonitoringTab";
import { StartRedriveModal } from "./StartRedriveModal";
import { TaggingTab } from "./TaggingTab";

export function QueueDetailPage({ name, justCreated }: { name: string; justCreated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const queue = useQueue(name);
  const url = queue.data?.url;
  const sources = useQuery(trpc.sqs.listDeadLetterSourceQueues.queryOptions({ QueueUrl: url ?? "" }, { enabled: url !== undefined }));
  const isDeadLetterQueue = (sources.data?.queueUrls.length ?? 0) > 0;
  const [dialog, setDialog] = useState<"delete" | "purge" | "redrive" | null>(null);
  const [flash, setFlash] = useCreatedFlash(justCreated, `Queue ${name} created successfully.`, queueHref(name));
  const ref = url ? { name, url } : null;

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "SQS", href: "/sqs" }, { label: "Queues", href: "/sqs" }, { label: name }]}
        actions={
          <>
            <Button disabled={!url || !canChange} onClick={() => setDialog("delete")}>
              Delete
            </Button>
            <Button disabled={!url || !canChange} onClick={() => setDialog("purge")}>
              Purge
            </Button>
            {isDeadLetterQueue && (
              <Button disabled={!canChange} onClick={() => setDialog("redrive")}>
                Start DLQ redrive
              </Button>
            )}
            <Button disabled={!url || !canChange} onClick={() => router.push(queueHref(name, "edit"))}>
              Edit
            </Button>
            <ButtonLink href={queueHref(name, "send-receive")} variant="primary">
              Send and receive messages
            </ButtonLink>
          </>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this queue but cannot send, receive, change or delete anything.</Alert>}
        <QueryResult query={queue} loadingLabel="Loading queue">
          {(loaded) => (
            <>
              <QueueSummary name={name} queue={loaded} />
              <Tabs
                label="Queue details"
                tabs={[
                  { id: "details", label: "Details", content: <DetailsTab queue={loaded} /> },
                  { id: "monitoring", label: "Monitoring", content: <MonitoringTab url={loaded.url} /> },
                  {
                    id: "dead-letter",
                    label: "Dead-letter queue",
                    content: (
                      <DeadLetterTab
                        name={name}
                        queue={loaded}
                        sourceUrls={sources.data?.queueUrls}
                        canChange={canChange}
                        onStartRedrive={() => setDialog("redrive")}
                      />
                    ),
                  },
                  { id: "lambda-triggers", label: "Lambda triggers", content: <LambdaTriggersTab arn={loaded.attributes.QueueArn ?? ""} /> },
                  { id: "tagging", label: "Tagging", content: <TaggingTab url={loaded.url} canChange={canChange} /> },
                  { id: "policy", label: "Access policy", content: <AccessPolicyTab name={name} policy={loaded.attributes.Policy} canChange={canChange} /> },
                ]}
              />
              {dialog === "redrive" && (
                <StartRedriveModal
                  name={name}
                  arn={loaded.attributes.QueueArn ?? ""}
                  fifo={loaded.attributes.FifoQueue === "true"}
                  onClose={() => setDialog(null)}
                  onStarted={() => {
                    setDialog(null);
                    setFlash(`DLQ redrive started for ${name}. Its progress shows in the Dead-letter queue tab.`);
                  }}
                />
              )}
            </>
          )}
        </QueryResult>
      </div>
      <DeleteQueueDialog queue={dialog === "delete" ? ref : null} onClose={() => setDialog(null)} onDeleted={() => router.push("/sqs")} />
      <PurgeQueueDialog
        queue={dialog === "purge" ? ref : null}
        onClose={() => setDialog(null)}
        onPurged={() => {
          setDialog(null);
          setFlash(`Queue ${name} purged. Messages sent before the purge are deleted.`);
        }}
      />
    </>
  );
}

function QueueSummary({ name, queue }: { name: string; queue: LoadedQueue }) {
  const a = queue.attributes;
  const redrive = parseRedrivePolicy(a.RedrivePolicy);
  return (
    <Container title="Details">
      <KeyValueGrid>
        <KeyValue label="Name">{name}</KeyValue>
        <KeyValue label="Type">{a.FifoQueue === "true" ? "FIFO" : "Standard"}</KeyValue>
        <KeyValue label="Encryption">{ENCRYPTION_LABELS[encryptionOf(a)]}</KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={a.QueueArn ?? ""} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="URL">
          <CopyableCode text={queue.url} label="Copy URL" />
        </KeyValue>
        <KeyValue label="Dead-letter queue">
          {redrive ? <Link href={queueHref(queueNameFromArn(redrive.deadLetterTargetArn))}>{queueNameFromArn(redrive.deadLetterTargetArn)}</Link> : "–"}
        </KeyValue>
      </KeyValueGrid>
      <dl className="counter-grid" aria-label="Messages">
        <div className="counter">
          <dt>Messages available</dt>
          <dd>{a.ApproximateNumberOfMessages ?? "–"}</dd>
        </div>
        <div className="counter">
          <dt>Messages in flight</dt>
          <dd>{a.ApproximateNumberOfMessagesNotVisible ?? "–"}</dd>
        </div>
        <div className="counter">
          <dt>Messages delayed</dt>
          <dd>{a.ApproximateNumberOfMessagesDelayed ?? "–"}</dd>
        </div>
      </dl>
    </Container>
  );
}

const REDRIVE_PERMISSIONS: Record<string, string> = { allowAll: "Allow all", denyAll: "Deny all", byQueue: "By queue" };

function DetailsTab({ queue }: { queue: LoadedQueue }) {
  const a = queue.attributes;
  const fifo = a.FifoQueue === "true";
  const redrive = parseRedrivePolicy(a.RedrivePolicy);
  const allow = parseRedriveAllowPolicy(a.RedriveAllowPolicy);
  return (
    <div className="stack-lg">
      <Container title="Configuration">
        <KeyValueGrid>
          <KeyValue label="Created">{formatEpoch(a.CreatedTimestamp, "s")}</KeyValue>
          <KeyValue label="Last updated">{formatEpoch(a.LastModifiedTimestamp, "s")}</KeyValue>
          <KeyValue label="Default visibility timeout">{formatSeconds(a.VisibilityTimeout)}</KeyValue>
          <KeyValue label="Message retention period">{formatSeconds(a.MessageRetentionPeriod)}</KeyValue>
          <KeyValue label="Delivery delay">{formatSeconds(a.DelaySeconds)}</KeyValue>
          <KeyValue label="Maximum message size">{formatBytes(a.MaximumMessageSize)}</KeyValue>
          <KeyValue label="Receive message wait time">{formatSeconds(a.ReceiveMessageWaitTimeSeconds)}</KeyValue>
          <KeyValue label="Encryption">{ENCRYPTION_LABELS[encryptionOf(a)]}</KeyValue>
          {a.KmsMasterKeyId && <KeyValue label="KMS key">{a.KmsMasterKeyId}</KeyValue>}
          {a.KmsMasterKeyId && <KeyValue label="Data key reuse period">{formatSeconds(a.KmsDataKeyReusePeriodSeconds)}</KeyValue>}
          {fifo && <KeyValue label="Content-based deduplication">{a.ContentBasedDeduplication === "true" ? "Enabled" : "Disabled"}</KeyValue>}
          {fifo && <KeyValue label="Deduplication scope">{a.DeduplicationScope === "messageGroup" ? "Message group" : "Queue"}</KeyValue>}
          {fifo && <KeyValue label="FIFO throughput limit">{a.FifoThroughputLimit === "perMessageGroupId" ? "Per message group ID" : "Per queue"}</KeyValue>}
          <KeyValue label="Maximum receives">{redrive ? redrive.maxReceiveCount : "–"}</KeyValue>
          <KeyValue label="Redrive allow policy">{allow ? (REDRIVE_PERMISSIONS[allow.redrivePermission] ?? allow.redrivePermission) : "Disabled"}</KeyValue>
        </KeyValueGrid>
      </Container>
      <AllAttributes action="GetQueueAttributes" attributes={a} />
    </div>
  );
}
