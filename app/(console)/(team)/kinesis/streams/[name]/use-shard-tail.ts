"use client";

import { useEffect, useState } from "react";
import { useTRPCClient } from "../../../../../_trpc/client";
import type { RouterInputs, RouterOutputs } from "../../../../../_trpc/types";

type ShardPage = RouterOutputs["kinesis"]["readShard"];
export type ViewedRecord = ShardPage["records"][number];
export type ChildShard = ShardPage["childShards"][number];
export type StartingPosition = Extract<RouterInputs["kinesis"]["readShard"], { start: unknown }>["start"];

const POLL_MS = 1_000;
const PAGE_RECORDS = 100;
/** The viewer keeps the newest records only, so a busy shard can't grow the page without bound. */
const MAX_RECORDS = 500;

interface Tail {
  shardId: string;
  start: StartingPosition;
}

/**
 * Tails one shard of `streamName` with kinesis.readShard: the first read from the chosen position, then
 * one read a second from each answer's cursor (at once while pages come back full), until stopped, until
 * a closed shard has been read to its end, or until a read fails.
 */
export function useShardTail(streamName: string) {
  const client = useTRPCClient();
  const [tail, setTail] = useState<Tail | null>(null);
  const [records, setRecords] = useState<ViewedRecord[]>([]);
  const [error, setError] = useState<unknown>(null);
  /** Set once a closed shard has been read to its end: the shards its hash keys went to. */
  const [ended, setEnded] = useState<{ shardId: string; children: ChildShard[] } | null>(null);

  useEffect(() => {
    if (!tail) return;
    const { shardId, start } = tail;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cursor: string | undefined;
    async function poll() {
      try {
        const input = cursor === undefined ? { streamName, shardId, start, limit: PAGE_RECORDS } : { cursor, limit: PAGE_RECORDS };
        const page = await client.kinesis.readShard.query(input, { signal: controller.signal });
        if (page.records.length > 0) setRecords((all) => [...all, ...page.records].slice(-MAX_RECORDS));
        if (page.cursor === null) {
          setEnded({ shardId, children: page.childShards });
          setTail(null);
          return;
        }
        cursor = page.cursor;
        timer = setTimeout(() => void poll(), page.records.length === PAGE_RECORDS ? 0 : POLL_MS);
      } catch (e) {
        if (controller.signal.aborted) return;
        // A bad position or a gone stream won't mend by asking again: stop, and say why.
        setError(e);
        setTail(null);
      }
    }
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [tail, client, streamName]);

  return {
    /** The shard being read, while the viewer runs. */
    reading: tail?.shardId ?? null,
    records,
    error,
    ended,
    start(shardId: string, position: StartingPosition) {
      setRecords([]);
      setError(null);
      setEnded(null);
      setTail({ shardId, start: position });
    },
    stop: () => setTail(null),
    clear: () => setRecords([]),
  };
}
