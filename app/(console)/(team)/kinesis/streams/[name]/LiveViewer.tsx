"use client";

import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { errorMessage } from "../../../../../_lib/errors";
import { formatDateTime, formatSize } from "../../../../../_lib/format";
import { useFormSubmit } from "../../../../../_lib/use-form-submit";
import { base64Size } from "../../record-data";
import { isOpen, useShards, type LoadedStream } from "../../use-stream";
import { RecordModal } from "./RecordModal";
import { useShardTail, type StartingPosition, type ViewedRecord } from "./use-shard-tail";

type StartType = "TRIM_HORIZON" | "LATEST" | "AT_SEQUENCE_NUMBER" | "AT_TIMESTAMP";

const START_CHOICES: readonly { value: StartType; label: string }[] = [
  { value: "TRIM_HORIZON", label: "Trim horizon" },
  { value: "LATEST", label: "Latest" },
  { value: "AT_SEQUENCE_NUMBER", label: "At sequence number" },
  { value: "AT_TIMESTAMP", label: "At timestamp" },
];

const START_DESCRIPTIONS: Record<StartType, string> = {
  TRIM_HORIZON: "The oldest record the shard still keeps, then on.",
  LATEST: "Only records put after the viewer starts.",
  AT_SEQUENCE_NUMBER: "The record with this sequence number, then on.",
  AT_TIMESTAMP: "The first record that arrived at or after this time, then on.",
};

const PREVIEW_CHARACTERS = 120;

interface PositionForm {
  type: StartType;
  sequenceNumber: string;
  /** A datetime-local value: the browser's time zone. */
  timestamp: string;
}

function positionErrors(form: PositionForm) {
  const at = new Date(form.timestamp);
  return {
    sequenceNumber: form.type === "AT_SEQUENCE_NUMBER" && !/^\d+$/.test(form.sequenceNumber.trim()) ? "Enter a record's sequence number (digits only)." : undefined,
    timestamp:
      form.type !== "AT_TIMESTAMP" ? undefined : Number.isNaN(at.getTime()) ? "Enter a date and time." : at.getTime() > Date.now() ? "Choose a time that has passed." : undefined,
  };
}

function startingPosition(form: PositionForm): StartingPosition {
  if (form.type === "AT_SEQUENCE_NUMBER") return { type: form.type, sequenceNumber: form.sequenceNumber.trim() };
  if (form.type === "AT_TIMESTAMP") return { type: form.type, timestamp: new Date(form.timestamp) };
  return { type: form.type };
}

function dataPreview(record: ViewedRecord) {
  if (record.text === null) return <span className="text-secondary">Binary data, {formatSize(base64Size(record.data))}</span>;
  return <code className="break-all">{record.text.length > PREVIEW_CHARACTERS ? `${record.text.slice(0, PREVIEW_CHARACTERS)}…` : record.text}</code>;
}

/**
 * The live data viewer: tails a shard from a starting position, polling every second while started, and
 * lists its records newest first. Its reads are not counted against the shard's read throughput.
 */
export function LiveViewer({ stream }: { stream: LoadedStream }) {
  const shards = useShards(stream.StreamName);
  const tail = useShardTail(stream.StreamName);
  const [chosenShard, setChosenShard] = useState<string | null>(null);
  const [form, setForm] = useState<PositionForm>({ type: "TRIM_HORIZON", sequenceNumber: "", timestamp: "" });
  const [viewing, setViewing] = useState<ViewedRecord | null>(null);
  const errors = positionErrors(form);
  const { submitted, handleSubmit } = useFormSubmit(Object.values(errors).some(Boolean));
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const shardId = chosenShard ?? shards.data?.find(isOpen)?.ShardId ?? "";
  const running = tail.reading !== null;
  const newestFirst = [...tail.records].reverse();

  const columns: Column<ViewedRecord>[] = [
    { header: "Sequence number", cell: (r) => <code className="break-all">{r.sequenceNumber}</code> },
    { header: "Partition key", cell: (r) => <span className="break-all">{r.partitionKey}</span> },
    { header: "Approximate arrival", cell: (r) => formatDateTime(r.arrivedAt) },
    { header: "Data", cell: dataPreview },
    {
      header: "Details",
      hideHeader: true,
      cell: (r) => (
        <button type="button" className="link-button" aria-label={`View record ${r.sequenceNumber}`} onClick={() => setViewing(r)}>
          View
        </button>
      ),
    },
  ];

  function start() {
    // Pinned, so the choice shown stays the shard being read when a reshard changes the list.
    setChosenShard(shardId);
    tail.start(shardId, startingPosition(form));
  }

  function readChild(child: string) {
    setChosenShard(child);
    setForm((f) => ({ ...f, type: "TRIM_HORIZON" }));
    tail.start(child, { type: "TRIM_HORIZON" });
  }

  return (
    <Container
      title="Data viewer"
      counter={tail.records.length}
      description="Reads one shard from a starting position and shows its records as they arrive, polling every second while started. Its reads don't count against the shard's read throughput."
      flush
    >
      <form onSubmit={handleSubmit(start)} noValidate aria-label="Data viewer" className="container-inset stack">
        <fieldset disabled={running} className="form-row">
          <ChoiceSelect
            label="Shard"
            choices={(shards.data ?? []).map((s) => ({ value: s.ShardId, label: `${s.ShardId} (${isOpen(s) ? "open" : "closed"})` }))}
            value={shardId}
            onChange={setChosenShard}
          />
          <ChoiceSelect
            label="Starting position"
            description={START_DESCRIPTIONS[form.type]}
            choices={START_CHOICES}
            value={form.type}
            onChange={(type) => setForm((f) => ({ ...f, type }))}
          />
          {form.type === "AT_SEQUENCE_NUMBER" && (
            <FormField label="Sequence number" error={shown.sequenceNumber}>
              {(control) => (
                <input {...control} className="input" inputMode="numeric" autoComplete="off" value={form.sequenceNumber} onChange={(e) => setForm((f) => ({ ...f, sequenceNumber: e.target.value }))} />
              )}
            </FormField>
          )}
          {form.type === "AT_TIMESTAMP" && (
            <FormField label="Timestamp" description="In your browser's time zone." error={shown.timestamp}>
              {(control) => <input {...control} type="datetime-local" step={1} className="input" value={form.timestamp} onChange={(e) => setForm((f) => ({ ...f, timestamp: e.target.value }))} />}
            </FormField>
          )}
        </fieldset>
        <div className="button-row">
          {/* Keyed apart: were Stop's <button> reused as the submit button, the click that stops would submit too. */}
          {running ? (
            <Button key="stop" onClick={tail.stop}>
              Stop
            </Button>
          ) : (
            <Button key="start" type="submit" variant="primary" disabled={!shardId}>
              Start
            </Button>
          )}
          <Button disabled={tail.records.length === 0} onClick={tail.clear}>
            Clear
          </Button>
        </div>
        <p className="text-secondary" role="status">
          {running ? `Reading ${tail.reading}: ${tail.records.length} ${tail.records.length === 1 ? "record" : "records"}` : "Stopped"}
        </p>
        {tail.error != null && <Alert type="error" title="The viewer stopped">{errorMessage(tail.error)}</Alert>}
        {tail.ended && (
          <Alert type="info" title={`Shard ${tail.ended.shardId} is closed and has been read to its end.`}>
            <p>A split or merge closed it; its hash keys continue in these shards:</p>
            <div className="button-row">
              {tail.ended.children.map((child) => (
                <Button key={child.ShardId} onClick={() => readChild(child.ShardId)}>
                  Read {child.ShardId}
                </Button>
              ))}
            </div>
          </Alert>
        )}
      </form>
      <DataTable
        label="Records"
        columns={columns}
        rows={newestFirst}
        rowKey={(r) => r.sequenceNumber}
        empty={
          <EmptyState title={running ? "Waiting for records" : "No records"}>
            {running ? "Records show here as they arrive, newest first." : "Choose a shard and a starting position, then start the viewer."}
          </EmptyState>
        }
      />
      <RecordModal record={viewing} onClose={() => setViewing(null)} />
    </Container>
  );
}
