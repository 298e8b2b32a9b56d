"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../../_components/DataTable";
import { FormField } from "../../../../../../_components/FormField";
import { errorMessage } from "../../../../../../_lib/errors";
import { byteLength } from "../../../../../../_lib/format";
import { useTRPC, useTRPCClient } from "../../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../../_trpc/types";
import { formatEpoch } from "../../../format";
import type { LoadedQueue } from "../../../use-queue";
import { MessageDetailModal } from "./MessageDetailModal";

export type ReceivedMessage = NonNullable<RouterOutputs["sqs"]["receiveMessage"]["Messages"]>[number];

interface PollSettings {
  duration: string;
  max: string;
}

const MAX_DURATION = 60;

function settingsErrors(s: PollSettings) {
  const duration = Number(s.duration);
  const max = Number(s.max);
  return {
    duration: /^\d+$/.test(s.duration.trim()) && duration >= 1 && duration <= MAX_DURATION ? undefined : `Enter 1 to ${MAX_DURATION} seconds.`,
    max: /^\d+$/.test(s.max.trim()) && max >= 1 && max <= 10 ? undefined : "Enter 1 to 10 messages.",
  };
}

/**
 * "Receive messages": polls with long polling (up to 20 seconds a call) for the polling duration or
 * until enough messages arrive, then lists them for viewing and deleting.
 */
export function ReceiveMessages({ queue, canReceive }: { queue: LoadedQueue; canReceive: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<PollSettings>({ duration: "20", max: "10" });
  const [messages, setMessages] = useState<ReceivedMessage[]>([]);
  const [poll, setPoll] = useState<{ startedAt: number; durationMs: number } | null>(null);
  const [lastPoll, setLastPoll] = useState<{ received: number; stopped: boolean } | null>(null);
  const [now, setNow] = useState(0);
  const [pollError, setPollError] = useState<unknown>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [detail, setDetail] = useState<ReceivedMessage | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const controllerRef = useRef<AbortController | null>(null);

  const errors = settingsErrors(settings);
  const a = queue.attributes;

  // The progress bar moves while a poll runs.
  useEffect(() => {
    if (!poll) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [poll]);

  // Leaving the page ends the poll.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const refreshCounts = () => void queryClient.invalidateQueries(trpc.sqs.getQueueAttributes.queryFilter());

  async function startPolling() {
    if (errors.duration || errors.max) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    const durationMs = Number(settings.duration) * 1000;
    const max = Number(settings.max);
    const startedAt = Date.now();
    const deadline = startedAt + durationMs;
    const received = new Map<string, ReceivedMessage>();
    setPoll({ startedAt, durationMs });
    setNow(startedAt);
    setMessages([]);
    setSelected(new Set());
    setPollError(null);
    setDeleteError(null);
    setLastPoll(null);
    try {
      while (!controller.signal.aborted && received.size < max) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        const result = await client.sqs.receiveMessage.mutate(
          {
            QueueUrl: queue.url,
            MaxNumberOfMessages: Math.min(10, max - received.size),
            WaitTimeSeconds: Math.min(20, Math.ceil(remaining / 1000)),
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
          },
          { signal: controller.signal },
        );
        const batch = result.Messages ?? [];
        const fresh = batch.filter((m) => !received.has(m.MessageId));
        // A message seen again (a short visibility timeout) keeps its newest receipt handle and count.
        for (const m of batch) received.set(m.MessageId, m);
        if (batch.length > 0) setMessages([...received.values()]);
        // Only repeats: everything available is on screen, and receiving again would just count up.
        if (batch.length > 0 && fresh.length === 0) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) setPollError(error);
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
      setPoll(null);
      setLastPoll({ received: received.size, stopped: controller.signal.aborted });
      refreshCounts();
    }
  }

  async function deleteMessages(ids: readonly string[]) {
    const targets = messages.filter((m) => ids.includes(m.MessageId));
    setDeleting(true);
    setDeleteError(null);
    const results = await Promise.allSettled(targets.map((m) => client.sqs.deleteMessage.mutate({ QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle })));
    const deleted = new Set(targets.filter((_, i) => results[i]?.status === "fulfilled").map((m) => m.MessageId));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) setDeleteError(failure.reason);
    setMessages((list) => list.filter((m) => !deleted.has(m.MessageId)));
    setSelected((s) => new Set([...s].filter((id) => !deleted.has(id))));
    setDetail((d) => (d && deleted.has(d.MessageId) ? null : d));
    setDeleting(false);
    refreshCounts();
    return failure === undefined;
  }

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? new Set([...s, id]) : new Set([...s].filter((x) => x !== id))));
  const elapsed = poll ? Math.min(poll.durationMs, Math.max(0, now - poll.startedAt)) : 0;

  const columns: Column<ReceivedMessage>[] = [
    {
      header: "Select",
      hideHeader: true,
      cell: (m) => <input type="checkbox" aria-label={`Select message ${m.MessageId}`} checked={selected.has(m.MessageId)} onChange={(e) => toggle(m.MessageId, e.target.checked)} />,
    },
    {
      header: "ID",
      nowrap: true,
      cell: (m) => (
        <button type="button" className="link-button mono" onClick={() => setDetail(m)}>
          {m.MessageId}
        </button>
      ),
    },
    { header: "Sent", cell: (m) => formatEpoch(m.Attributes?.SentTimestamp, "ms"), nowrap: true },
    { header: "Size", cell: (m) => `${byteLength(m.Body).toLocaleString("en-US")} bytes`, nowrap: true },
    { header: "Receive count", cell: (m) => <span className="numeric">{m.Attributes?.ApproximateReceiveCount ?? "–"}</span>, nowrap: true },
  ];

  return (
    <>
      <Container
        title="Receive messages"
        description="Receiving hides each message from other consumers for the queue's visibility timeout. Delete a message once it's processed."
        actions={
          <>
            <Button disabled={!poll} onClick={() => controllerRef.current?.abort()}>
              Stop polling
            </Button>
            <Button variant="primary" loading={poll !== null} disabled={!canReceive || Boolean(errors.duration || errors.max)} onClick={() => void startPolling()}>
              Poll for messages
            </Button>
          </>
        }
      >
        <dl className="counter-grid" aria-label="Queue counts">
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
        <fieldset className="form-row" disabled={poll !== null || !canReceive}>
          <legend className="visually-hidden">Polling settings</legend>
          <FormField label="Polling duration" description={`Seconds to keep polling, 1 to ${MAX_DURATION}.`} error={errors.duration}>
            {(control) => <input {...control} className="input" inputMode="numeric" value={settings.duration} onChange={(e) => setSettings((s) => ({ ...s, duration: e.target.value }))} />}
          </FormField>
          <FormField label="Maximum message count" description="Stop after this many messages, 1 to 10." error={errors.max}>
            {(control) => <input {...control} className="input" inputMode="numeric" value={settings.max} onChange={(e) => setSettings((s) => ({ ...s, max: e.target.value }))} />}
          </FormField>
        </fieldset>
        {poll && (
          <div className="poll-progress">
            <progress max={poll.durationMs} value={elapsed} aria-label="Polling progress" />
            <span>
              Polling for messages: {Math.floor(elapsed / 1000)} of {poll.durationMs / 1000} seconds, {messages.length} received
            </span>
          </div>
        )}
        <p className="visually-hidden" role="status">
          {poll ? "Polling for messages" : lastPoll ? `Polling ${lastPoll.stopped ? "stopped" : "finished"}: ${lastPoll.received} ${lastPoll.received === 1 ? "message" : "messages"} received` : ""}
        </p>
        {pollError != null && <Alert type="error" title="Couldn't receive messages">{errorMessage(pollError)}</Alert>}
      </Container>

      <Container
        title="Messages"
        counter={messages.length}
        description="Messages received by the last poll. Their receipt handles stay valid until their visibility timeout ends."
        flush
        actions={
          <>
            <Button
              disabled={selected.size !== 1}
              onClick={() => {
                const m = messages.find((x) => selected.has(x.MessageId));
                if (m) setDetail(m);
              }}
            >
              View details
            </Button>
            <Button disabled={selected.size === 0 || !canReceive} loading={deleting} onClick={() => void deleteMessages([...selected])}>
              Delete
            </Button>
          </>
        }
      >
        {deleteError != null && <Alert type="error" title="Couldn't delete every message">{errorMessage(deleteError)}</Alert>}
        <DataTable
          label="Received messages"
          columns={columns}
          rows={messages}
          rowKey={(m) => m.MessageId}
          empty={
            lastPoll?.received === 0 ? (
              <EmptyState title="No messages received">The queue had no messages available while polling.</EmptyState>
            ) : (
              <EmptyState title="No messages">Poll for messages to see them here.</EmptyState>
            )
          }
        />
      </Container>

      <MessageDetailModal
        message={detail}
        fifo={a.FifoQueue === "true"}
        canDelete={canReceive}
        deleting={deleting}
        deleteError={deleteError}
        onDelete={(m) => void deleteMessages([m.MessageId])}
        onClose={() => setDetail(null)}
      />
    </>
  );
}
