"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../_components/Alert";
import { Button } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { CopyableCode } from "../../../../_components/CopyButton";
import { EmptyState } from "../../../../_components/DataTable";
import { FormModal } from "../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { Tabs } from "../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../_console/TeamGate";
import { formatDateTime, formatSize } from "../../../../_lib/format";
import { useTRPC, useTRPCClient } from "../../../../_trpc/client";
import type { RouterOutputs } from "../../../../_trpc/types";
import { LiveTail } from "../LiveTail";
import { LogStreamsTable } from "../LogStreamsTable";
import { LoadMore, usePagedQuery } from "../paging";
import { formatRetention, RetentionSelect } from "../RetentionSelect";

type LogGroup = RouterOutputs["logs"]["describeLogGroups"]["logGroups"][number];

/** One log group: its settings, its streams (most recent activity first) and a live tail. */
export function LogGroupPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  // DescribeLogGroups has no exact-name lookup: the group is the prefix match with the same name.
  const group = useQuery(
    trpc.logs.describeLogGroups.queryOptions({ logGroupNamePrefix: name }, { select: (data) => data.logGroups.find((g) => g.logGroupName === name) ?? null }),
  );
  const [editing, setEditing] = useState(false);

  return (
    <>
      <PageHeader title={name} breadcrumbs={[{ label: "CloudWatch", href: "/logs" }, { label: "Log groups", href: "/logs" }, { label: name }]} />
      <div className="stack-lg">
        <QueryResult query={group} loadingLabel="Loading log group">
          {(loaded) =>
            loaded === null ? (
              <Alert type="error" title="Log group not found">
                The log group {name} does not exist in this region. A Lambda function&apos;s group appears with its first invocation.
              </Alert>
            ) : (
              <>
                <GroupDetails group={loaded} canChange={canChange} onEdit={() => setEditing(true)} />
                <Tabs
                  label="Log group details"
                  tabs={[
                    { id: "streams", label: "Log streams", content: <GroupStreams name={name} /> },
                    { id: "tail", label: "Live tail", content: <LiveTail logGroupName={name} /> },
                  ]}
                />
                {editing && <RetentionModal group={loaded} onClose={() => setEditing(false)} />}
              </>
            )
          }
        </QueryResult>
      </div>
    </>
  );
}

function GroupDetails({ group, canChange, onEdit }: { group: LogGroup; canChange: boolean; onEdit: () => void }) {
  return (
    <Container
      title="Log group details"
      actions={
        <Button disabled={!canChange} onClick={onEdit}>
          Edit retention
        </Button>
      }
    >
      <KeyValueGrid>
        <KeyValue label="Retention">{formatRetention(group.retentionInDays)}</KeyValue>
        <KeyValue label="Stored bytes">{formatSize(group.storedBytes)}</KeyValue>
        <KeyValue label="Creation time">{formatDateTime(new Date(group.creationTime))}</KeyValue>
        <KeyValue label="ARN">
          <CopyableCode text={group.arn} label="Copy ARN" />
        </KeyValue>
      </KeyValueGrid>
    </Container>
  );
}

function GroupStreams({ name }: { name: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { logGroupName: name, orderBy: "LastEventTime", descending: true };
  const streams = usePagedQuery({
    queryKey: [...trpc.logs.describeLogStreams.queryKey(input), "pages"],
    fetchPage: (nextToken) => client.logs.describeLogStreams.query({ ...input, nextToken }),
    items: (page) => page.logStreams,
    next: (page) => page.nextToken,
    refetchInterval: 15_000,
  });
  return (
    <Container title="Log streams" counter={streams.data?.length} description="Newest activity first. A Lambda function writes one stream per execution context." flush>
      <QueryResult query={streams} loadingLabel="Loading log streams">
        {(rows) => (
          <>
            <LogStreamsTable group={name} streams={rows} empty={<EmptyState title="No log streams">Nothing has been logged to this group yet.</EmptyState>} />
            <LoadMore query={streams} />
          </>
        )}
      </QueryResult>
    </Container>
  );
}

/** PutRetentionPolicy, or DeleteRetentionPolicy for "Never expire". */
function RetentionModal({ group, onClose }: { group: LogGroup; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [days, setDays] = useState<number | null>(group.retentionInDays ?? null);
  const save = useMutation({
    mutationFn: () =>
      days === null
        ? client.logs.deleteRetentionPolicy.mutate({ logGroupName: group.logGroupName })
        : client.logs.putRetentionPolicy.mutate({ logGroupName: group.logGroupName, retentionInDays: days }),
    async onSuccess() {
      await queryClient.invalidateQueries(trpc.logs.describeLogGroups.queryFilter());
      onClose();
    },
  });
  return (
    <FormModal title="Edit retention setting" pending={save.isPending} error={save.error} onSubmit={() => save.mutate()} onClose={onClose}>
      <RetentionSelect value={days} onChange={setDays} />
    </FormModal>
  );
}
