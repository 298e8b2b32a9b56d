/**
 * SubscribeToShard (enhanced fan-out): pushes a shard's records to a registered consumer as
 * SubscribeToShardEvents over one long response, for up to five minutes, after which the client
 * subscribes again from the last event's ContinuationSequenceNumber. A consumer holds one subscription
 * per shard at a time; its reads have their own throughput and are not charged to the shard's
 * GetRecords allowance, as on AWS. The stream is read by polling the shard (IDLE_POLL_MS apart while
 * nothing new arrives), not by a wake-up on put.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { KinesisErrors } from "./errors";
import { readShard, type KinesisRecordOutput } from "./get-records";
import { ITERATOR_TYPES, type IteratorPosition, positionAt } from "./iterators";
import { LIMITS } from "./limits";
import { type ChildShard, shardIdOf } from "./model";
import type { KinesisInput } from "./schemas";
import { sequenceNumber } from "./sequence-numbers";
import { findShard } from "./shards";
import { findConsumerByArn } from "./store";
import { ephemeralRedis } from "../../lib/ephemeral-redis";
import { checked, checkConsumerArn, checkShardId, PATTERNS, violations } from "./validation";

/** AWS ends every subscription after five minutes. */
const SUBSCRIPTION_MS = 5 * 60_000;
/** How often an idle subscription looks for new records. */
const IDLE_POLL_MS = 200;
/** An idle subscription still sends an (empty) event this often, with a fresh MillisBehindLatest. */
const HEARTBEAT_MS = 5_000;

export interface SubscribeToShardEvent {
  Records: KinesisRecordOutput[];
  /** Where a new subscription continues (AFTER_SEQUENCE_NUMBER); null once a closed shard is read to its end. */
  ContinuationSequenceNumber: string | null;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
}

export interface SubscribeToShardOutput {
  EventStream: AsyncIterable<{ SubscribeToShardEvent: SubscribeToShardEvent }>;
}

/** A second subscription within this long of the first is refused; later, it takes the shard over. */
const TAKEOVER_AFTER_MS = 5_000;

/**
 * KEYS[1]: the slot. ARGV: our token, now ms, takeover ms, ttl ms. Takes the slot unless a subscription
 * started less than the takeover time ago holds it; answers 1 when taken.
 */
const TAKE = `
local held = redis.call('GET', KEYS[1])
if held then
  local started = tonumber(string.match(held, ':(%d+)$'))
  if started and tonumber(ARGV[2]) - started < tonumber(ARGV[3]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[4])
return 1`;

/**
 * The consumer's subscription slot on a shard, in Redis so that every gateway process sees it. A newer
 * subscription takes it over after five seconds, and the older one then ends with ResourceInUseException,
 * as on AWS. Without Redis the rule is not enforced.
 */
class SubscriptionSlot {
  readonly #token = randomUUID();
  #value: string | undefined;
  constructor(readonly key: string) {}

  async take(): Promise<boolean> {
    const now = Date.now();
    const taken = await ephemeralRedis()
      .eval(TAKE, 1, this.key, this.#token, now, TAKEOVER_AFTER_MS, SUBSCRIPTION_MS + 10_000)
      .catch(() => 1);
    this.#value = `${this.#token}:${now}`;
    return taken === 1;
  }

  /** False once a newer subscription has taken the slot. */
  async held(): Promise<boolean> {
    const value = await ephemeralRedis()
      .get(this.key)
      .catch(() => this.#value);
    return value === this.#value;
  }

  async release(): Promise<void> {
    // Only our own value: a slot taken over stays the newer subscription's.
    await ephemeralRedis()
      .eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, this.key, this.#value ?? "")
      .catch(() => undefined);
  }
}

const subscriptionInUse = (consumerArn: string, shardIndex: number) =>
  KinesisErrors.resourceInUse(`Another active subscription exists for consumer ${consumerArn} on shard ${shardIdOf(shardIndex)}.`);

/** Resolves after `ms`, or at once when `signal` aborts (Node's timer rejects then; the loop checks the signal itself). */
const pause = (ms: number, signal: AbortSignal | undefined) => sleep(ms, undefined, { signal }).catch(() => undefined);

async function* shardEvents(position: IteratorPosition, slot: SubscriptionSlot, signal: AbortSignal | undefined, until: number, consumerArn: string) {
  let current: IteratorPosition | undefined = position;
  let lastEventAt = 0;
  try {
    while (current && Date.now() < until && !signal?.aborted) {
      if (!(await slot.held())) throw subscriptionInUse(consumerArn, current.shardIndex);
      const page = await readShard(current, { limit: LIMITS.getRecordsMaxLimit, charge: false });
      const ended = page.next === undefined;
      if (page.records.length > 0 || ended || Date.now() - lastEventAt >= HEARTBEAT_MS) {
        const after = page.next?.after;
        yield {
          SubscribeToShardEvent: {
            Records: page.records,
            ContinuationSequenceNumber: after === undefined ? null : sequenceNumber(current.streamCreatedAt, current.shardIndex, after),
            MillisBehindLatest: page.millisBehindLatest,
            ...(ended && { ChildShards: page.childShards ?? [] }),
          },
        };
        lastEventAt = Date.now();
      }
      current = page.next;
      // A full page means more is waiting: read on at once.
      if (current && page.records.length < LIMITS.getRecordsMaxLimit) await pause(IDLE_POLL_MS, signal);
    }
  } finally {
    await slot.release();
  }
}

export async function subscribeToShard(db: Db, ctx: CallContext, input: KinesisInput<"SubscribeToShard">): Promise<SubscribeToShardOutput> {
  const v = violations();
  checkConsumerArn(v, input.ConsumerARN);
  checkShardId(v, input.ShardId, "shardId");
  const type = v.oneOf("startingPosition.type", input.StartingPosition.Type, ITERATOR_TYPES);
  v.string("startingPosition.sequenceNumber", input.StartingPosition.SequenceNumber, { pattern: PATTERNS.sequenceNumber });
  v.check();
  const { stream, consumer } = await findConsumerByArn(db, ctx, input.ConsumerARN);
  if (consumer.status !== "ACTIVE") {
    throw KinesisErrors.resourceInUse(`Consumer ${input.ConsumerARN} is not in ACTIVE state. Current state: ${consumer.status}`);
  }
  const shard = await findShard(db, stream, input.ShardId);
  const position = await positionAt(db, stream, shard, {
    ShardIteratorType: checked(type),
    StartingSequenceNumber: input.StartingPosition.SequenceNumber,
    Timestamp: input.StartingPosition.Timestamp,
  });
  const slot = new SubscriptionSlot(`stratus:kinesis:subscription:${consumer.id}:${shard.id}`);
  if (!(await slot.take())) throw subscriptionInUse(input.ConsumerARN, shard.shardIndex);
  return { EventStream: shardEvents(position, slot, ctx.signal, Date.now() + SUBSCRIPTION_MS, input.ConsumerARN) };
}
