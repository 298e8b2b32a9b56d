"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "../../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { LoadingState } from "../../../../../_components/Spinner";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { errorMessage } from "../../../../../_lib/errors";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { parseRedrivePolicy } from "../../queue-settings";
import { queueHref, queueNameFromArn, queueNameFromUrl, type LoadedQueue } from "../../use-queue";

type MoveTask = RouterOutputs["sqs"]["listMessageMoveTasks"]["Results"][number];

interface DeadLetterTabProps {
  name: string;
  queue: LoadedQueue;
  /** Queues whose redrive policy targets this one (undefined while loading). */
  sourceUrls: string[] | undefined;
  canChange: boolean;
  onStartRedrive: () => void;
}

export function DeadLetterTab({ name, queue, sourceUrls, canChange, onStartRedrive }: DeadLetterTabProps) {
  const redrive = parseRedrivePolicy(queue.attributes.RedrivePolicy);
  const isDeadLetterQueue = (sourceUrls?.length ?? 0) > 0;
  return (
    <div className="stack-lg">
      <Container
        title="Dead-letter queue"
        description="Where this queue sends messages that were received too many times without being deleted."
        actions={canChange && <ButtonLink href={queueHref(name, "edit")}>Edit</ButtonLink>}
      >
        {redrive ? (
          <KeyValueGrid>
            <KeyValue label="Dead-letter queue">
              <Link href={queueHref(queueNameFromArn(redrive.deadLetterTargetArn))}>{queueNameFromArn(redrive.deadLetterTargetArn)}</Link>
            </KeyValue>
            <KeyValue label="Maximum receives">{redrive.maxReceiveCount}</KeyValue>
            <KeyValue label="Dead-letter queue ARN">
              <code className="break-all">{redrive.deadLetterTargetArn}</code>
            </KeyValue>
          </KeyValueGrid>
        ) : (
          <p className="text-secondary">No dead-letter queue is configured. Edit the queue to choose one.</p>
        )}
      </Container>

      <Container
        title="Source queues"
        counter={sourceUrls?.length}
        description="Queues that use this queue as their dead-letter queue."
        flush
        actions={
          isDeadLetterQueue && (
            <Button disabled={!canChange} onClick={onStartRedrive}>
              Start DLQ redrive
            </Button>
          )
        }
      >
        {sourceUrls === undefined ? (
          <LoadingState label="Loading source queues" />
        ) : (
          <DataTable
            label="Source queues"
            columns={[
              { header: "Name", cell: (url: string) => <Link href={queueHref(queueNameFromUrl(url))}>{queueNameFromUrl(url)}</Link> },
              { header: "URL", cell: (url: string) => <code className="break-all">{url}</code> },
            ]}
            rows={sourceUrls}
            rowKey={(url) => url}
            empty={<EmptyState title="Not a dead-letter queue">No queue uses {name} as its dead-letter queue.</EmptyState>}
          />
        )}
      </Container>

      {isDeadLetterQueue && <RedriveTasks arn={queue.attributes.QueueArn ?? ""} canChange={canChange} />}
    </div>
  );
}

const STATUS: Record<string, "success" | "error" | "stopped"> = {
  RUNNING: "stopped",
  CANCELLING: "stopped",
  COMPLETED: "success",
  CANCELLED: "stopped",
  FAILED: "error",
};

const STATUS_LABELS: Record<string, string> = {
  RUNNING: "Running",
  CANCELLING: "Cancelling",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  FAILED: "Failed",
};

/** The latest DLQ redrive tasks (StartMessageMoveTask), polled while one is active. */
function RedriveTasks({ arn, canChange }: { arn: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tasks = useQuery(
    trpc.sqs.listMessageMoveTasks.queryOptions(
      { SourceArn: arn, MaxResults: 10 },
      { refetchInterval: (query) => (query.state.data?.Results.some((t) => t.Status === "RUNNING" || t.Status === "CANCELLING") ? 2_000 : 15_000) },
    ),
  );
  const cancel = useMutation(
    trpc.sqs.cancelMessageMoveTask.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.sqs.listMessageMoveTasks.queryFilter()),
    }),
  );

  const columns: Column<MoveTask>[] = [
    {
      header: "Status",
      nowrap: true,
      cell: (t) => <StatusIndicator type={STATUS[t.Status] ?? "stopped"}>{STATUS_LABELS[t.Status] ?? t.Status}</StatusIndicator>,
    },
    { header: "Started", cell: (t) => formatDateTime(new Date(t.StartedTimestamp)), nowrap: true },
    { header: "Destination", cell: (t) => (t.DestinationArn ? queueNameFromArn(t.DestinationArn) : "Source queues") },
    { header: "Messages moved", cell: (t) => `${t.ApproximateNumberOfMessagesMoved} of ${t.ApproximateNumberOfMessagesToMove}`, nowrap: true },
    { header: "Failure reason", cell: (t) => t.FailureReason ?? "–" },
    {
      header: "Actions",
      cell: (t) =>
        t.TaskHandle && t.Status === "RUNNING" ? (
          <Button variant="link" disabled={!canChange || cancel.isPending} onClick={() => cancel.mutate({ TaskHandle: t.TaskHandle! })}>
            Cancel redrive
          </Button>
        ) : null,
    },
  ];

  return (
    <Container title="DLQ redrive status" description="Tasks that move messages out of this dead-letter queue, newest first." flush>
      {cancel.isError && <Alert type="error">{errorMessage(cancel.error)}</Alert>}
      <QueryResult query={tasks} loadingLabel="Loading redrive tasks">
        {(data) => (
          <DataTable
            label="DLQ redrive tasks"
            columns={columns}
            rows={data.Results}
            rowKey={(t) => `${t.StartedTimestamp}-${t.Status}`}
            empty={<EmptyState title="No redrive tasks">Start a DLQ redrive to move messages back to their source queues.</EmptyState>}
          />
        )}
      </QueryResult>
    </Container>
  );
}
