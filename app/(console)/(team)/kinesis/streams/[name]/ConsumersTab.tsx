"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { LIMITS } from "~/server/services/kinesis/limits";
import { Button, RefreshButton } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { ResourceStatus } from "../../ResourceStatus";
import { nameError } from "../../stream-settings";
import { useRefreshStreams, type LoadedStream } from "../../use-stream";

type Consumer = RouterOutputs["kinesis"]["listStreamConsumers"]["Consumers"][number];

/** Enhanced fan-out consumers (at most 20 a stream, so one page of ListStreamConsumers), registered and deregistered here. */
export function ConsumersTab({ stream, canChange }: { stream: LoadedStream; canChange: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const consumers = useQuery(trpc.kinesis.listStreamConsumers.queryOptions({ StreamARN: stream.StreamARN }));
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"register" | "deregister" | null>(null);
  const chosen = consumers.data?.Consumers.find((c) => c.ConsumerName === selected) ?? null;
  const deregister = useMutation(
    trpc.kinesis.deregisterStreamConsumer.mutationOptions({
      async onSuccess() {
        await refresh();
        setDialog(null);
        setSelected(null);
      },
    }),
  );

  const columns: Column<Consumer>[] = [
    selectColumn(radioName, (c) => c.ConsumerName, selected, setSelected),
    { header: "Consumer name", cell: (c) => c.ConsumerName },
    { header: "Status", cell: (c) => <ResourceStatus status={c.ConsumerStatus} />, nowrap: true },
    { header: "Consumer ARN", cell: (c) => <code className="break-all">{c.ConsumerARN}</code> },
    { header: "Registered", cell: (c) => formatDateTime(c.ConsumerCreationTimestamp) },
  ];

  return (
    <>
      <Container
        title="Enhanced fan-out consumers"
        counter={consumers.data?.Consumers.length}
        description={`Registered consumers each read the stream through their own connection (SubscribeToShard), without sharing the shards' read throughput. Up to ${LIMITS.maxConsumersPerStream} per stream.`}
        flush
        actions={
          <>
            <RefreshButton label="Refresh consumers" refreshing={consumers.isFetching && !consumers.isPending} onRefresh={() => void refresh()} />
            <Button disabled={!chosen || !canChange} onClick={() => setDialog("deregister")}>
              Deregister consumer
            </Button>
            <Button variant="primary" disabled={!canChange} onClick={() => setDialog("register")}>
              Register consumer
            </Button>
          </>
        }
      >
        <DataTable
          label="Consumers"
          columns={columns}
          rows={consumers.data?.Consumers ?? []}
          rowKey={(c) => c.ConsumerARN}
          empty={<EmptyState title="No consumers">No consumers are registered for enhanced fan-out on this stream.</EmptyState>}
        />
      </Container>
      {dialog === "register" && <RegisterConsumerModal stream={stream} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog === "deregister"}
        title="Deregister consumer"
        confirmLabel="Deregister"
        action={deregister}
        onClose={() => setDialog(null)}
        onConfirm={() => chosen && deregister.mutate({ ConsumerARN: chosen.ConsumerARN })}
      >
        <p>
          Deregister <strong>{chosen?.ConsumerName}</strong>? Its subscriptions to the stream&apos;s shards end.
        </p>
      </ConfirmDialog>
    </>
  );
}

function RegisterConsumerModal({ stream, onClose }: { stream: LoadedStream; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const [name, setName] = useState("");
  const [checked, setChecked] = useState(false);
  const error = nameError(name, "Consumer");
  const register = useMutation(
    trpc.kinesis.registerStreamConsumer.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title="Register consumer"
      submitLabel="Register consumer"
      pending={register.isPending}
      error={register.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!error) register.mutate({ StreamARN: stream.StreamARN, ConsumerName: name });
      }}
    >
      <FormField label="Consumer name" description="Up to 128 characters: letters, digits, hyphens (-), underscores (_) and periods (.)." error={checked ? error : undefined}>
        {(control) => <input {...control} className="input" autoComplete="off" value={name} onChange={(e) => setName(e.target.value.trim())} />}
      </FormField>
    </FormModal>
  );
}
