import { z } from "zod";
import type { Db } from "../../db/client";
import type { KinesisConsumer, KinesisStream } from "../../db/generated/client";
import type { CallContext } from "../context";
import { parseConsumerArn, parseStreamArn } from "./arns";
import { KinesisErrors } from "./errors";
import type { StreamRecord } from "./model";

export type Scope = Pick<CallContext, "accountId" | "region">;

/** How operations name a stream: StreamName, StreamARN, or both. */
export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

const StoredTags = z.record(z.string(), z.string());

const toStreamRecord = (row: KinesisStream): StreamRecord => ({ ...row, tags: StoredTags.parse(row.tags) });

/**
 * The name of the stream a reference names in the caller's account and region. An ARN of another account
 * or region names a stream the caller cannot see, so it is not found (under that ARN's account).
 */
export function streamNameOf(scope: Scope, ref: StreamRef): string {
  if (ref.StreamARN === undefined) {
    if (ref.StreamName === undefined) throw KinesisErrors.invalidArgument("Either StreamName or StreamARN must be provided.");
    return ref.StreamName;
  }
  const location = parseStreamArn(ref.StreamARN);
  if (!location) throw KinesisErrors.invalidArgument(`StreamARN ${ref.StreamARN} is not a valid stream ARN.`);
  if (ref.StreamName !== undefined && ref.StreamName !== location.name) {
    throw KinesisErrors.invalidArgument(`StreamARN ${ref.StreamARN} and StreamName ${ref.StreamName} do not name the same stream.`);
  }
  if (location.accountId !== scope.accountId || location.region !== scope.region) throw KinesisErrors.streamNotFound(location.name, location.accountId);
  return location.name;
}

async function findStreamByName(db: Db, scope: Scope, name: string): Promise<StreamRecord> {
  const row = await db.kinesisStream.findUnique({ where: { accountId_region_name: { accountId: scope.accountId, region: scope.region, name } } });
  if (!row) throw KinesisErrors.streamNotFound(name, scope.accountId);
  return toStreamRecord(row);
}

export const findStream = (db: Db, scope: Scope, ref: StreamRef): Promise<StreamRecord> => findStreamByName(db, scope, streamNameOf(scope, ref));

export interface ConsumerRecord extends Omit<KinesisConsumer, "tags"> {
  tags: Record<string, string>;
}

export const toConsumerRecord = (row: KinesisConsumer): ConsumerRecord => ({ ...row, tags: StoredTags.parse(row.tags) });

/** The consumer a consumer ARN names (its creation time included: a consumer registered again has a new ARN), with its stream. */
export async function findConsumerByArn(db: Db, scope: Scope, arn: string): Promise<{ stream: StreamRecord; consumer: ConsumerRecord }> {
  const location = parseConsumerArn(arn);
  if (!location || location.accountId !== scope.accountId || location.region !== scope.region) throw KinesisErrors.consumerArnNotFound(arn);
  const row = await db.kinesisConsumer.findFirst({
    where: { accountId: scope.accountId, region: scope.region, name: location.consumerName, stream: { name: location.name } },
    include: { stream: true },
  });
  if (!row || Math.floor(row.createdAt.getTime() / 1000) !== location.createdEpochSeconds) throw KinesisErrors.consumerArnNotFound(arn);
  const { stream, ...consumer } = row;
  return { stream: toStreamRecord(stream), consumer: toConsumerRecord(consumer) };
}
