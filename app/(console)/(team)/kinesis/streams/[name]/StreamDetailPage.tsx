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
import { formatDateTime } from "../../../../../_lib/format";
import { DeleteStreamDialog } from "../../DeleteStreamDialog";
import { isStreamTab, streamHref } from "../../links";
import { formatRetention, modeLabel } from "../../stream-settings";
import { ResourceStatus } from "../../ResourceStatus";
import { useStream, type LoadedStream } from "../../use-stream";
import { ConfigurationTab } from "./ConfigurationTab";
import { ConsumersTab } from "./ConsumersTab";
import { DataViewerTab } from "./DataViewerTab";
import { MonitoringTab } from "./MonitoringTab";
import { ShardsTab } from "./ShardsTab";
import { TagsTab } from "./TagsTab";

interface StreamDetailPageProps {
  name: string;
  justCreated: boolean;
  initialTab?: string;
}

export function StreamDetailPage({ name, justCreated, initialTab }: StreamDetailPageProps) {
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const stream = useStream(name);
  const [deleting, setDeleting] = useState(false);
  const startTab = isStreamTab(initialTab) ? initialTab : "viewer";
  const [flash, setFlash] = useCreatedFlash(justCreated, `Data stream ${name} created successfully. Put records into it and watch them arrive in the data viewer.`, streamHref(name, startTab));

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "Kinesis", href: "/kinesis" }, { label: "Data streams", href: "/kinesis" }, { label: name }]}
        actions={
          <Button disabled={!stream.data || !canChange} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this stream and watch its records but cannot put records, reshard, change or delete it.</Alert>}
        <QueryResult query={stream} loadingLabel="Loading data stream">
          {(loaded) => (
            <>
              <StreamSummary stream={loaded} />
              <Tabs
                label="Data stream details"
                initialTab={startTab}
                // The address names the tab, so a reload or a shared link opens it again.
                onChange={(tab) => isStreamTab(tab) && window.history.replaceState(null, "", streamHref(name, tab))}
                tabs={[
                  // A running viewer and a record being written survive a look at another tab.
                  { id: "viewer", label: "Data viewer", content: <DataViewerTab stream={loaded} canPut={canChange} />, keepMounted: true },
                  { id: "monitoring", label: "Monitoring", content: <MonitoringTab streamName={loaded.StreamName} /> },
                  { id: "shards", label: "Shards", content: <ShardsTab stream={loaded} canChange={canChange} /> },
                  { id: "configuration", label: "Configuration", content: <ConfigurationTab stream={loaded} canChange={canChange} /> },
                  { id: "consumers", label: "Enhanced fan-out", content: <ConsumersTab stream={loaded} canChange={canChange} /> },
                  { id: "tags", label: "Tags", content: <TagsTab arn={loaded.StreamARN} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteStreamDialog stream={deleting ? name : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/kinesis")} />
    </>
  );
}

function StreamSummary({ stream }: { stream: LoadedStream }) {
  return (
    <Container title="Data stream summary">
      <KeyValueGrid label="Data stream summary">
        <KeyValue label="Status">
          <ResourceStatus status={stream.StreamStatus} />
        </KeyValue>
        <KeyValue label="Capacity mode">{modeLabel(stream.StreamModeDetails.StreamMode)}</KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={stream.StreamARN} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Creation time">{formatDateTime(stream.StreamCreationTimestamp)}</KeyValue>
        <KeyValue label="Open shards">{stream.OpenShardCount}</KeyValue>
        <KeyValue label="Data retention period">{formatRetention(stream.RetentionPeriodHours)}</KeyValue>
        <KeyValue label="Server-side encryption">{stream.EncryptionType === "KMS" ? "Enabled" : "Disabled"}</KeyValue>
        <KeyValue label="Enhanced fan-out consumers">{stream.ConsumerCount}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
