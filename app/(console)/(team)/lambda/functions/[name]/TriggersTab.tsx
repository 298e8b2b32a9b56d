"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button, RefreshButton } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../_components/DataTable";
import { Flash } from "../../../../../_components/Flash";
import { QueryResult } from "../../../../../_components/QueryResult";
import { errorMessage } from "../../../../../_lib/errors";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { queueHref, queueNameFromArn } from "../../../sqs/use-queue";
import { formatDuration } from "../../format";
import { TriggerModal } from "./TriggerModal";
import { isTransitional, REPORT_BATCH_ITEM_FAILURES, TriggerState, useTriggers, type Trigger } from "./use-triggers";

const sourceName = (t: Trigger) => queueNameFromArn(t.EventSourceArn);

/** Triggers: the SQS queues Lambda polls for the function (event source mappings). */
export function TriggersTab({ name, canChange }: { name: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const triggers = useTriggers({ FunctionName: name });
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Trigger | "new" | null>(null);
  const [deleting, setDeleting] = useState<Trigger | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const current = triggers.data?.find((t) => sourceName(t) === selected) ?? null;
  const invalidate = () => queryClient.invalidateQueries(trpc.lambda.listEventSourceMappings.queryFilter());

  const toggle = useMutation(
    trpc.lambda.updateEventSourceMapping.mutationOptions({
      async onSuccess(data) {
        await invalidate();
        setFlash(`${data.State === "Disabling" ? "Disabling" : "Enabling"} the trigger ${queueNameFromArn(data.EventSourceArn)}.`);
      },
    }),
  );
  const remove = useMutation(
    trpc.lambda.deleteEventSourceMapping.mutationOptions({
      async onSuccess(data) {
        await invalidate();
        setDeleting(null);
        setSelected(null);
        setFlash(`Trigger ${queueNameFromArn(data.EventSourceArn)} deleted.`);
      },
    }),
  );

  const disabled = current?.State === "Disabled";
  const columns: Column<Trigger>[] = [
    selectColumn(radioName, sourceName, selected, setSelected),
    { header: "Source", cell: (t) => <Link href={queueHref(sourceName(t))}>{sourceName(t)}</Link> },
    { header: "State", cell: (t) => <TriggerState trigger={t} /> },
    { header: "Batch size", cell: (t) => <span className="numeric">{t.BatchSize}</span> },
    { header: "Batch window", cell: (t) => formatDuration(t.MaximumBatchingWindowInSeconds), nowrap: true },
    { header: "Report batch item failures", wrapHeader: true, cell: (t) => (t.FunctionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES) ? "Yes" : "No") },
    { header: "Maximum concurrency", wrapHeader: true, cell: (t) => t.ScalingConfig?.MaximumConcurrency ?? "–" },
    { header: "Last modified", cell: (t) => formatDateTime(t.LastModified), nowrap: true },
  ];

  return (
    <div className="stack-lg">
      <Flash message={flash} onDismiss={() => setFlash(null)} />
      <Container
        title="Triggers"
        counter={triggers.data?.length}
        description="SQS queues Lambda polls for this function: it invokes the function with batches of messages and deletes them when it succeeds."
        flush
        actions={
          <>
            <RefreshButton label="Refresh triggers" refreshing={triggers.isFetching} onRefresh={() => void triggers.refetch()} />
            <Button disabled={!current || !canChange} onClick={() => setDeleting(current)}>
              Delete
            </Button>
            <Button
              disabled={!current || !canChange || isTransitional(current)}
              loading={toggle.isPending}
              onClick={() => current && toggle.mutate({ UUID: current.UUID, Enabled: disabled })}
            >
              {disabled ? "Enable" : "Disable"}
            </Button>
            <Button disabled={!current || !canChange} onClick={() => setEditing(current)}>
              Edit
            </Button>
            <Button variant="primary" disabled={!canChange} onClick={() => setEditing("new")}>
              Add trigger
            </Button>
          </>
        }
      >
        {toggle.isError && <Alert type="error">{errorMessage(toggle.error)}</Alert>}
        <QueryResult query={triggers} loadingLabel="Loading triggers">
          {(rows) => (
            <DataTable
              label="Triggers"
              columns={columns}
              rows={rows}
              rowKey={(t) => t.UUID}
              empty={<EmptyState title="No triggers">Add an SQS queue as a trigger to run the function for its messages.</EmptyState>}
            />
          )}
        </QueryResult>
      </Container>
      {editing !== null && (
        <TriggerModal
          name={name}
          trigger={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(queue, created) => {
            setEditing(null);
            setSelected(queue);
            setFlash(created ? `Successfully added the trigger ${queue}. It is being created.` : `Successfully updated the trigger ${queue}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete trigger"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ UUID: deleting.UUID })}
      >
        <p>
          Delete the trigger <strong>{deleting && sourceName(deleting)}</strong>? Lambda stops polling the queue; its messages stay in the queue.
        </p>
      </ConfirmDialog>
    </div>
  );
}
