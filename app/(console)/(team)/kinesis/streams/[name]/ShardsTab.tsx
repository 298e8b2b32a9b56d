"use client";

import { useId, useState } from "react";
import { Button, RefreshButton } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../_components/DataTable";
import { Flash } from "../../../../../_components/Flash";
import { QueryResult } from "../../../../../_components/QueryResult";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { isOpen, useRefreshStreams, useShards, type LoadedStream, type StreamShard } from "../../use-stream";
import { CapacityModeModal } from "./CapacityModeModal";
import { MergeShardsModal } from "./MergeShardsModal";
import { ShardCountModal } from "./ShardCountModal";
import { SplitShardModal } from "./SplitShardModal";

type Dialog = "split" | "merge" | "count" | "mode";

const code = (value: string | undefined) => (value === undefined ? "–" : <code>{value}</code>);

/** Lineage first: the long numbers after it stay on one line each, and the table scrolls sideways to them. */
const COLUMNS: Column<StreamShard>[] = [
  { header: "Shard ID", cell: (s) => s.ShardId, nowrap: true },
  { header: "Status", cell: (s) => (isOpen(s) ? <StatusIndicator type="success">Open</StatusIndicator> : <StatusIndicator type="stopped">Closed</StatusIndicator>), nowrap: true },
  { header: "Parent shards", cell: (s) => [s.ParentShardId, s.AdjacentParentShardId].filter((p) => p !== undefined).join(", ") || "–", nowrap: true },
  { header: "Starting hash key", cell: (s) => code(s.HashKeyRange.StartingHashKey), nowrap: true },
  { header: "Ending hash key", cell: (s) => code(s.HashKeyRange.EndingHashKey), nowrap: true },
  { header: "Starting sequence number", cell: (s) => code(s.SequenceNumberRange.StartingSequenceNumber), nowrap: true },
  { header: "Ending sequence number", cell: (s) => code(s.SequenceNumberRange.EndingSequenceNumber), nowrap: true },
];

/** The stream's shards, open and closed within the retention period, and the resharding actions. */
export function ShardsTab({ stream, canChange }: { stream: LoadedStream; canChange: boolean }) {
  const shards = useShards(stream.StreamName);
  const refresh = useRefreshStreams();
  const radioName = useId();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const selected = shards.data?.find((s) => s.ShardId === selectedId && isOpen(s));

  function finish(message: string) {
    setDialog(null);
    setSelectedId(null);
    setDone(message);
  }

  return (
    <div className="stack-lg">
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container
        title="Shards"
        counter={shards.data?.length}
        description="Open shards take new records. A split or merge closes its shards at their last record; they stay readable until the retention period ends. Select an open shard to split or merge it."
        flush
        actions={
          <>
            <RefreshButton label="Refresh shards" refreshing={shards.isFetching && !shards.isPending} onRefresh={() => void refresh()} />
            <Button disabled={!selected || !canChange} onClick={() => setDialog("split")}>
              Split shard
            </Button>
            <Button disabled={!selected || !canChange} onClick={() => setDialog("merge")}>
              Merge shards
            </Button>
            <Button disabled={!canChange} onClick={() => setDialog("count")}>
              Update shard count
            </Button>
            <Button disabled={!canChange} onClick={() => setDialog("mode")}>
              Edit capacity mode
            </Button>
          </>
        }
      >
        <QueryResult query={shards} loadingLabel="Loading shards">
          {(all) => (
            <DataTable
              label="Shards"
              columns={[selectColumn<StreamShard>(radioName, (s) => s.ShardId, selectedId, setSelectedId), ...COLUMNS]}
              rows={all}
              rowKey={(s) => s.ShardId}
              empty={<EmptyState title="No shards">This stream has no shards.</EmptyState>}
            />
          )}
        </QueryResult>
      </Container>
      {dialog === "split" && selected && <SplitShardModal streamName={stream.StreamName} shard={selected} onClose={() => setDialog(null)} onDone={finish} />}
      {dialog === "merge" && selected && shards.data && (
        <MergeShardsModal streamName={stream.StreamName} shard={selected} shards={shards.data} onClose={() => setDialog(null)} onDone={finish} />
      )}
      {dialog === "count" && <ShardCountModal stream={stream} onClose={() => setDialog(null)} onDone={finish} />}
      {dialog === "mode" && <CapacityModeModal stream={stream} onClose={() => setDialog(null)} onDone={finish} />}
    </div>
  );
}
