/**
 * Enhanced fan-out consumers: registered, described, listed and deregistered. Registration and
 * deregistration complete within the call (AWS takes a few seconds in CREATING / DELETING).
 * SubscribeToShard (subscribe.ts) reads through them.
 */
import { z } from "zod";
import { type Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { CallContext } from "../context";
import { requireWriter } from "./access";
import { consumerArn } from "./arns";
import { KinesisErrors } from "./errors";
import { LIMITS } from "./limits";
import { arnOf, type StreamRecord } from "./model";
import { decodeToken, encodeToken } from "./paging";
import type { KinesisInput } from "./schemas";
import { findStreamCreatedAt } from "./shards";
import { type ConsumerRecord, findConsumerByArn, findStream, toConsumerRecord } from "./store";
import { checkTagCharacters } from "./tags";
import { checkConsumerArn, checkConsumerName, checkNextToken, checkStreamArn, checkTagMap, violations } from "./validation";

export interface Consumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: string;
  ConsumerCreationTimestamp: Date;
}

const toConsumer = (stream: StreamRecord, consumer: ConsumerRecord): Consumer => ({
  ConsumerName: consumer.name,
  ConsumerARN: consumerArn(arnOf(stream), consumer.name, consumer.createdAt),
  ConsumerStatus: consumer.status,
  ConsumerCreationTimestamp: consumer.createdAt,
});

type ConsumerRef = KinesisInput<"DescribeStreamConsumer">;

/** A consumer named by its ARN, or by its stream's ARN and its name (all three may be given if they agree). */
async function findConsumer(db: Db, ctx: CallContext, ref: ConsumerRef): Promise<{ stream: StreamRecord; consumer: ConsumerRecord }> {
  const v = violations();
  checkConsumerArn(v, ref.ConsumerARN);
  checkConsumerName(v, ref.ConsumerName);
  checkStreamArn(v, ref.StreamARN).check();
  if (ref.ConsumerARN !== undefined) {
    const found = await findConsumerByArn(db, ctx, ref.ConsumerARN);
    if ((ref.StreamARN !== undefined && ref.StreamARN !== arnOf(found.stream)) || (ref.ConsumerName !== undefined && ref.ConsumerName !== found.consumer.name)) {
      throw KinesisErrors.invalidArgument("ConsumerARN does not match the StreamARN and ConsumerName given with it.");
    }
    return found;
  }
  if (ref.StreamARN === undefined || ref.ConsumerName === undefined) {
    throw KinesisErrors.invalidArgument("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
  }
  const stream = await findStream(db, ctx, { StreamARN: ref.StreamARN });
  const row = await db.kinesisConsumer.findFirst({ where: { streamId: stream.id, name: ref.ConsumerName, accountId: ctx.accountId, region: ctx.region } });
  if (!row) throw KinesisErrors.consumerNotFound(ref.ConsumerName, ref.StreamARN);
  return { stream, consumer: toConsumerRecord(row) };
}

export async function registerStreamConsumer(db: Db, ctx: CallContext, input: KinesisInput<"RegisterStreamConsumer">): Promise<{ Consumer: Consumer }> {
  const v = violations();
  checkConsumerName(v, input.ConsumerName);
  checkStreamArn(v, input.StreamARN);
  checkTagMap(v, "tags", input.Tags).check();
  const stream = await findStream(db, ctx, { StreamARN: input.StreamARN });
  requireWriter(ctx, "RegisterStreamConsumer", arnOf(stream));
  if (input.Tags) checkTagCharacters(Object.entries(input.Tags).flat());
  const registered = await db.kinesisConsumer.count({ where: { streamId: stream.id, accountId: ctx.accountId, region: ctx.region } });
  if (registered >= LIMITS.maxConsumersPerStream) {
    throw KinesisErrors.limitExceeded(`Stream ${arnOf(stream)} already has the maximum of ${LIMITS.maxConsumersPerStream} registered consumers.`);
  }
  try {
    const row = await db.kinesisConsumer.create({
      data: { accountId: ctx.accountId, region: ctx.region, streamId: stream.id, name: input.ConsumerName, tags: input.Tags ?? {} },
    });
    // AWS answers a registration with the consumer still CREATING; here that phase is already over.
    return { Consumer: { ...toConsumer(stream, toConsumerRecord(row)), ConsumerStatus: "CREATING" } };
  } catch (e) {
    if (isUniqueViolation(e)) throw KinesisErrors.consumerExists(input.ConsumerName, arnOf(stream));
    throw e;
  }
}

export async function describeStreamConsumer(db: Db, ctx: CallContext, input: ConsumerRef): Promise<{ ConsumerDescription: Consumer & { StreamARN: string } }> {
  const { stream, consumer } = await findConsumer(db, ctx, input);
  return { ConsumerDescription: { ...toConsumer(stream, consumer), StreamARN: arnOf(stream) } };
}

export async function deregisterStreamConsumer(db: Db, ctx: CallContext, input: KinesisInput<"DeregisterStreamConsumer">): Promise<void> {
  const { stream, consumer } = await findConsumer(db, ctx, input);
  requireWriter(ctx, "DeregisterStreamConsumer", consumerArn(arnOf(stream), consumer.name, consumer.createdAt));
  await db.kinesisConsumer.deleteMany({ where: { id: consumer.id, accountId: ctx.accountId, region: ctx.region } });
}

const ConsumersToken = z.object({ stream: z.string(), created: z.number(), after: z.string() });

/** A stream's consumers in ASCII order of name, in pages of MaxResults (default and at most 100). */
export async function listStreamConsumers(db: Db, ctx: CallContext, input: KinesisInput<"ListStreamConsumers">) {
  const v = violations();
  v.number("maxResults", input.MaxResults, { min: 1, max: 10_000 });
  checkNextToken(v, input.NextToken);
  checkStreamArn(v, input.StreamARN).check();
  const stream = await findStreamCreatedAt(db, ctx, input);
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    const token = decodeToken(input.NextToken, ConsumersToken, { expires: true });
    if (token.stream !== stream.name || token.created !== stream.createdAt.getTime()) throw KinesisErrors.invalidNextToken();
    after = token.after;
  }
  const limit = Math.min(input.MaxResults ?? LIMITS.listConsumersPage, LIMITS.listConsumersPage);
  const rows = await db.kinesisConsumer.findMany({
    where: { streamId: stream.id, accountId: ctx.accountId, region: ctx.region, ...(after === undefined ? {} : { name: { gt: after } }) },
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map(toConsumerRecord);
  const last = page.at(-1);
  return {
    Consumers: page.map((consumer) => toConsumer(stream, consumer)),
    NextToken: rows.length > limit && last ? encodeToken({ stream: stream.name, created: stream.createdAt.getTime(), after: last.name }) : undefined,
  };
}
