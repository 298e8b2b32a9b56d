/**
 * The poller of a Kinesis event source mapping: runs every shard of the stream the mapping may read
 * now, each in its own lanes (kinesis-shard.ts). A shard starts once every parent it has (a split's
 * parent, a merge's two) is finished, so a key's records keep their order across resharding; a parent
 * gone past the retention period counts as finished. The shards are looked at again whenever one ends,
 * and every few seconds. A change of ParallelizationFactor (seen within a second) restarts the shards
 * with the new lanes.
 */
import { shardIdOf } from "../../../server/services/kinesis/model";
import { visibleShards } from "../../../server/services/kinesis/shards";
import { findSourceStream } from "../../../server/services/lambda/event-source-mappings/kinesis-source";
import type { MappingRow } from "../../../server/services/lambda/event-source-mappings/model";
import { loadProgress, type MappingScope, pruneShards, recordProcessingResult } from "../../../server/services/lambda/event-source-mappings/stream-progress";
import { type KinesisPollerDeps, processShard, type ShardEnd } from "./kinesis-shard";
import { pause, UNAVAILABLE_MS } from "./pacing";
import type { PollerEnd } from "./poller";
import { Wakeup } from "./wakeup";

/** How often the stream's shards are looked at when none has ended. */
const REFRESH_MS = 5_000;
/** How often the mapping's ParallelizationFactor is compared with the running shards' lanes. */
const TICK_MS = 1_000;

interface RunningShard {
  lanes: number;
  controller: AbortController;
  done: Promise<void>;
}

const scopeOf = (mapping: MappingRow): MappingScope => ({ uuid: mapping.uuid, accountId: mapping.accountId, region: mapping.region });

export async function runKinesisPoller(deps: KinesisPollerDeps): Promise<PollerEnd> {
  const { signal, logger } = deps;
  const label = `lambda: event source mapping ${deps.mapping().uuid}`;
  const running = new Map<bigint, RunningShard>();
  const changed = new Wakeup();
  /** A shard ended since the last look at the stream. */
  let shardEnded = false;
  /** The visible shards when the stream was last pruned to them. */
  let pruned = "";
  let result = deps.mapping().lastProcessingResult;
  const lanesOf = () => deps.mapping().parallelizationFactor ?? 1;

  /** LastProcessingResult, written (and a new problem logged) when it changes. */
  function report(next: string): void {
    if (next === result) return;
    result = next;
    if (next.startsWith("PROBLEM")) logger.warn(`${label}: ${next}`);
    recordProcessingResult(scopeOf(deps.mapping()), next).catch((error: unknown) => logger.error(`${label}: recording its processing result failed:`, error));
  }

  async function refresh(): Promise<void> {
    const mapping = deps.mapping();
    const scope = scopeOf(mapping);
    const lanes = lanesOf();
    for (const shard of running.values()) if (shard.lanes !== lanes) shard.controller.abort();
    const stream = await findSourceStream(deps.db, scope, mapping.eventSourceArn);
    if (!stream) {
      // Deleted (or, for a consumer ARN, its consumer deregistered): nothing is read until it is back.
      for (const shard of running.values()) shard.controller.abort();
      report(`PROBLEM: Stream not found: ${mapping.eventSourceArn}`);
      return;
    }
    const shards = await visibleShards(deps.db, stream);
    const visible = shards.map((s) => s.id);
    if (visible.join() !== pruned) {
      await pruneShards(scope, visible);
      pruned = visible.join();
    }
    const progress = await loadProgress(scope);
    const byIndex = new Map(shards.map((s) => [s.shardIndex, s]));
    const finished = (index: number) => {
      const shard = byIndex.get(index);
      return !shard || progress.get(shard.id)?.finished === true;
    };
    for (const shard of shards) {
      if (running.has(shard.id) || finished(shard.shardIndex)) continue;
      const parents = [shard.parentIndex, shard.adjacentParentIndex].filter((index) => index !== null);
      if (!parents.every(finished)) continue;
      const controller = new AbortController();
      const done = processShard({
        deps,
        signal: AbortSignal.any([signal, controller.signal]),
        scope,
        stream,
        shard,
        progress: progress.get(shard.id),
        lanes,
        report,
      })
        .catch(async (error: unknown): Promise<ShardEnd> => {
          logger.error(`${label} (${shardIdOf(shard.shardIndex)}): failed:`, error);
          await pause(UNAVAILABLE_MS, signal);
          return "stopped";
        })
        .then(() => {
          running.delete(shard.id);
          // A finished shard lets its children start; a gone, failed or restarted one is looked at again.
          shardEnded = true;
          changed.notify();
        });
      running.set(shard.id, { lanes, controller, done });
    }
  }

  let lastLook = 0;
  while (!signal.aborted) {
    const lanesChanged = [...running.values()].some((shard) => shard.lanes !== lanesOf());
    if (shardEnded || lanesChanged || Date.now() - lastLook >= REFRESH_MS) {
      shardEnded = false;
      lastLook = Date.now();
      try {
        await refresh();
      } catch (error) {
        logger.error(`${label}: looking at the stream's shards failed:`, error);
      }
    }
    await changed.wait(signal, TICK_MS);
  }
  await Promise.all([...running.values()].map((shard) => shard.done));
  return "stopped";
}
