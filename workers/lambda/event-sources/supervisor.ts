/**
 * Runs the pollers of the event source mappings in this workers process. Each pass (every REFRESH_MS,
 * and at once when a mapping changes: the operations NOTIFY) loads the mappings, claims or renews
 * poller slots in Redis (leases.ts) so that every process together runs each enabled mapping's wanted
 * number of pollers, starts pollers on the slots this process won, stops those of mappings deleted or
 * disabled (or whose slot another process holds now), and settles transitional states
 * (Creating, Enabling, Updating → Enabled; Disabling → Disabled). An SQS mapping scales out over
 * slots; a Kinesis mapping has one slot, whose poller runs all its shards.
 */
import { Redis } from "ioredis";
import type { PrismaClient } from "../../../server/db/client";
import { env } from "../../../server/env";
import { coalesced } from "../../../server/lib/coalesced";
import { listen } from "../../../server/outbox/listen";
import { serviceDecisions } from "../../../server/services/iam/role-permission";
import type { Logger } from "../../../server/outbox/log";
import {
  isTransitional,
  MAPPINGS_CHANNEL,
  type MappingRow,
  sourceKindOf,
  TRANSITIONAL_STATES,
} from "../../../server/services/lambda/event-source-mappings/model";
import type { LambdaExecutor } from "../executor";
import { runKinesisPoller } from "./kinesis-poller";
import { ShardWatch } from "./kinesis-shard-watch";
import { SlotLeases, type SlotRef, slotId } from "./leases";
import type { PollerDeps, PollerEnd } from "./poller";
import { runSqsPoller } from "./sqs-poller";

const REFRESH_MS = 5_000;

export interface EventSourcesOptions {
  db: PrismaClient;
  /** For the LISTEN connection. */
  databaseUrl: string;
  redisUrl: string;
  executor: LambdaExecutor;
  logger: Logger;
  /** Only these accounts' mappings (see StartWorkersOptions.accountIds); default every account. */
  accountIds?: readonly string[];
  /** Pollers beyond each mapping's first this process may run. Default: STRATUS_LAMBDA_WORKER_CONCURRENCY. */
  scaleOutLimit?: number;
  refreshMs?: number;
}

export interface EventSources {
  /** Stops polling; batches being invoked are settled first. */
  stop(): Promise<void>;
}

interface RunningPoller extends SlotRef {
  controller: AbortController;
  done: Promise<void>;
}

export function startEventSources(options: EventSourcesOptions): EventSources {
  const { db, executor, logger, accountIds, refreshMs = REFRESH_MS } = options;
  const scaleOutLimit = options.scaleOutLimit ?? env().STRATUS_LAMBDA_WORKER_CONCURRENCY;
  const redis = new Redis(options.redisUrl);
  redis.on("error", (error) => logger.error("lambda event sources: Redis:", error.message));
  const leases = new SlotLeases(redis);
  const shardWatch = new ShardWatch(logger);
  // The pollers re-check their roles' permissions on every batch, with the process's cache that hears every IAM change.
  const iam = serviceDecisions();
  /** The enabled mappings as last loaded (pollers read their settings here). */
  const mappings = new Map<string, MappingRow>();
  /** This process's pollers by slot id, until they have finished. */
  const pollers = new Map<string, RunningPoller>();
  let stopped = false;

  function scaleUp(ref: SlotRef, cap: number): void {
    const wanted = Math.min(cap, ref.slot + 2);
    if (wanted <= ref.slot + 1) return;
    leases.raiseDesired(ref.uuid, wanted).then(wake, (error: unknown) => logger.error("lambda event sources: scaling out failed:", error));
  }

  function startPoller(ref: SlotRef, row: MappingRow): void {
    const controller = new AbortController();
    let last = row;
    const mapping = () => (last = mappings.get(ref.uuid) ?? last);
    const deps: PollerDeps = { db, executor, iam, logger, slot: ref.slot, signal: controller.signal, mapping, scaleUp: (cap) => scaleUp(ref, cap) };
    const poller: Promise<PollerEnd> = sourceKindOf(row.eventSourceArn) === "kinesis" ? runKinesisPoller({ ...deps, shardWatch }) : runSqsPoller(deps);
    const done = poller
      // An idle or surplus poller gives its slot back, and the mapping wants that many fewer.
      .then((end) => (end === "stopped" ? undefined : leases.lowerDesired(ref.uuid, ref.slot)))
      .then(() => leases.release([ref]))
      .catch((error: unknown) => logger.error(`lambda event sources: poller ${slotId(ref)} ended badly:`, error))
      .finally(() => pollers.delete(slotId(ref)));
    pollers.set(slotId(ref), { ...ref, controller, done });
  }

  async function load(): Promise<MappingRow[]> {
    return db.lambdaEventSourceMapping.findMany({
      where: {
        OR: [{ enabled: true }, { state: { in: [...TRANSITIONAL_STATES] } }],
        ...(accountIds && { accountId: { in: [...accountIds] } }),
      },
    });
  }

  /** The settled state of a change this pass has applied, unless a newer change came since. */
  async function settle(rows: readonly MappingRow[]): Promise<void> {
    for (const row of rows) {
      if (!isTransitional(row.state)) continue;
      await db.lambdaEventSourceMapping.updateMany({
        where: { uuid: row.uuid, revision: row.revision, state: row.state },
        data: { state: row.enabled ? "Enabled" : "Disabled" },
      });
    }
  }

  async function refreshOnce(): Promise<void> {
    const rows = await load();
    mappings.clear();
    for (const row of rows) if (row.enabled) mappings.set(row.uuid, row);
    const live = [...pollers.values()].filter((p) => !p.controller.signal.aborted);
    for (const poller of live) if (!mappings.has(poller.uuid)) poller.controller.abort();

    const desired = await leases.desired([...mappings.keys()]);
    let scaledOut = live.filter((p) => p.slot > 0).length;
    const wanted: SlotRef[] = [];
    for (const uuid of mappings.keys()) {
      for (let slot = 0; slot < (desired.get(uuid) ?? 1); slot++) {
        if (pollers.has(slotId({ uuid, slot }))) continue;
        if (slot > 0 && scaledOut++ >= scaleOutLimit) break;
        wanted.push({ uuid, slot });
      }
    }
    const kept = live.filter((p) => mappings.has(p.uuid));
    const held = await leases.hold([...kept, ...wanted]);
    // A slot this process failed to renew in time belongs to another process now.
    for (const poller of kept) if (!held.has(slotId(poller))) poller.controller.abort();
    for (const ref of wanted) if (held.has(slotId(ref)) && !stopped) startPoller(ref, mappings.get(ref.uuid)!);
    await settle(rows);
  }

  const passes = coalesced(refreshOnce, (error: unknown) => logger.error("lambda event sources: refresh failed, retrying on the next pass:", error));
  const wake = passes.wake;

  const timer = setInterval(wake, refreshMs);
  const listener = listen(options.databaseUrl, MAPPINGS_CHANNEL, wake, logger, "stratus-lambda-event-sources");
  wake();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([listener.close(), passes.stop()]);
      for (const poller of pollers.values()) poller.controller.abort();
      await Promise.all([...pollers.values()].map((poller) => poller.done));
      redis.disconnect();
    },
  };
}
