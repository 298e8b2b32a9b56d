"use client";

import { Button } from "../../../../../_components/Button";
import { CodeBlock } from "../../../../../_components/CopyButton";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { Modal } from "../../../../../_components/Modal";
import { Tabs } from "../../../../../_components/Tabs";
import { formatDateTime, formatSize } from "../../../../../_lib/format";
import { asJson, base64ToBytes, hexDump } from "../../record-data";
import type { ViewedRecord } from "./use-shard-tail";

/** One record of the viewer: its metadata, and its data as text, as indented JSON and as a hex dump. */
export function RecordModal({ record, onClose }: { record: ViewedRecord | null; onClose: () => void }) {
  return (
    <Modal
      open={record !== null}
      title="Record"
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      {record && <RecordDetails record={record} />}
    </Modal>
  );
}

function RecordDetails({ record }: { record: ViewedRecord }) {
  const bytes = base64ToBytes(record.data);
  const json = asJson(record.text);
  return (
    <div className="stack">
      <KeyValueGrid label="Record details">
        <KeyValue label="Sequence number">
          <code className="break-all">{record.sequenceNumber}</code>
        </KeyValue>
        <KeyValue label="Partition key">
          <span className="break-all">{record.partitionKey}</span>
        </KeyValue>
        <KeyValue label="Approximate arrival">{formatDateTime(record.arrivedAt)}</KeyValue>
        <KeyValue label="Data size">{formatSize(bytes.length)}</KeyValue>
      </KeyValueGrid>
      <Tabs
        label="Record data"
        // JSON when the data is JSON, else text when it is text: the most readable view first.
        initialTab={json !== null ? "json" : record.text !== null ? "text" : "hex"}
        tabs={[
          {
            id: "text",
            label: "Text",
            content: record.text === null ? <p className="text-secondary">The data is not UTF-8 text: see its hex view.</p> : <CodeBlock label="Data as text" code={record.text} />,
          },
          {
            id: "json",
            label: "JSON",
            content: json === null ? <p className="text-secondary">The data is not JSON.</p> : <CodeBlock label="Data as JSON" code={json} />,
          },
          { id: "hex", label: "Hex", content: <CodeBlock label="Data as hex" code={hexDump(bytes) || "(no data)"} /> },
        ]}
      />
    </div>
  );
}
