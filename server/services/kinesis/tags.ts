/**
 * Tags of streams (AddTagsToStream, RemoveTagsFromStream, ListTagsForStream, or the *Resource forms
 * with a stream ARN) and of consumers (the *Resource forms with a consumer ARN).
 */
import { type Db, Prisma } from "../../db/client";
import type { CallContext } from "../context";
import { requireWriter } from "./access";
import { parseConsumerArn } from "./arns";
import { KinesisErrors } from "./errors";
import { LIMITS } from "./limits";
import { arnOf } from "./model";
import type { KinesisInput } from "./schemas";
import { findConsumerByArn, findStream, type Scope } from "./store";
import { checkStreamRef, checkTagKeys, checkTagMap, PATTERNS, violations } from "./validation";

type Tags = Record<string, string>;

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;

/** Keys and values may hold Unicode letters, digits, white space and `_ . / = + - % @ :`. */
export function checkTagCharacters(values: string[]): void {
  if (values.some((value) => !TAG_CHARACTERS.test(value))) {
    throw KinesisErrors.invalidArgument("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.");
  }
}

type TaggedKind = "stream" | "consumer";
const TABLES: Record<TaggedKind, string> = { stream: "kinesis_streams", consumer: "kinesis_consumers" };

/** A tagged row: a stream or a consumer, by its table's id, in the caller's account and region. */
interface Tagged {
  kind: TaggedKind;
  id: bigint;
  name: string;
  arn: string;
}

/** Merges tags in one statement, so concurrent taggers cannot lose each other's keys or pass the limit together. */
async function addTags(db: Db, scope: Scope, target: Tagged, tags: Tags): Promise<void> {
  checkTagCharacters(Object.entries(tags).flat());
  const merged = Prisma.sql`tags || ${JSON.stringify(tags)}::jsonb`;
  const updated = await db.$executeRaw`
    UPDATE ${Prisma.raw(TABLES[target.kind])} SET tags = ${merged}
     WHERE id = ${target.id} AND account_id = ${scope.accountId} AND region = ${scope.region}
       AND (SELECT count(*) FROM jsonb_object_keys(${merged})) <= ${LIMITS.maxTagsPerStream}`;
  if (updated === 0) throw KinesisErrors.tooManyTags(target.kind, target.name, scope.accountId, LIMITS.maxTagsPerStream);
}

async function removeTags(db: Db, scope: Scope, target: Tagged, keys: string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE ${Prisma.raw(TABLES[target.kind])} SET tags = tags - ${keys}::text[]
     WHERE id = ${target.id} AND account_id = ${scope.accountId} AND region = ${scope.region}`;
}

/** Tags as AWS lists them: by key, in ASCII order. */
const tagList = (tags: Tags) =>
  Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));

async function streamTarget(db: Db, ctx: CallContext, ref: KinesisInput<"AddTagsToStream" | "RemoveTagsFromStream">, operation: string) {
  const stream = await findStream(db, ctx, ref);
  requireWriter(ctx, operation, arnOf(stream));
  return { kind: "stream", id: stream.id, name: stream.name, arn: arnOf(stream) } satisfies Tagged;
}

export async function addTagsToStream(db: Db, ctx: CallContext, input: KinesisInput<"AddTagsToStream">): Promise<void> {
  const v = checkStreamRef(violations(), input);
  checkTagMap(v, "tags", input.Tags).check();
  await addTags(db, ctx, await streamTarget(db, ctx, input, "AddTagsToStream"), input.Tags);
}

export async function removeTagsFromStream(db: Db, ctx: CallContext, input: KinesisInput<"RemoveTagsFromStream">): Promise<void> {
  const v = checkStreamRef(violations(), input);
  checkTagKeys(v, "tagKeys", input.TagKeys).check();
  checkTagCharacters(input.TagKeys);
  await removeTags(db, ctx, await streamTarget(db, ctx, input, "RemoveTagsFromStream"), input.TagKeys);
}

/** A stream's tags in key order, a page of `Limit` (default 10) after ExclusiveStartTagKey. */
export async function listTagsForStream(db: Db, ctx: CallContext, input: KinesisInput<"ListTagsForStream">) {
  const v = violations();
  v.string("exclusiveStartTagKey", input.ExclusiveStartTagKey, { min: 1, max: 128 });
  v.number("limit", input.Limit, { min: 1, max: 50 });
  checkStreamRef(v, input).check();
  const stream = await findStream(db, ctx, input);
  const after = input.ExclusiveStartTagKey;
  const tags = tagList(stream.tags).filter((t) => after === undefined || t.Key > after);
  const limit = input.Limit ?? LIMITS.listTagsPage;
  return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
}

/** The stream or consumer a ResourceARN names, with its current tags. */
async function resourceOf(db: Db, ctx: CallContext, resourceArn: string): Promise<Tagged & { tags: Tags }> {
  violations().string("resourceARN", resourceArn, { pattern: PATTERNS.resourceArn, min: 1, max: 2048 }).check();
  if (parseConsumerArn(resourceArn)) {
    const { consumer } = await findConsumerByArn(db, ctx, resourceArn);
    return { kind: "consumer", id: consumer.id, name: consumer.name, arn: resourceArn, tags: consumer.tags };
  }
  const stream = await findStream(db, ctx, { StreamARN: resourceArn });
  return { kind: "stream", id: stream.id, name: stream.name, arn: arnOf(stream), tags: stream.tags };
}

export async function tagResource(db: Db, ctx: CallContext, input: KinesisInput<"TagResource">): Promise<void> {
  checkTagMap(violations(), "tags", input.Tags).check();
  const resource = await resourceOf(db, ctx, input.ResourceARN);
  requireWriter(ctx, "TagResource", resource.arn);
  await addTags(db, ctx, resource, input.Tags);
}

export async function untagResource(db: Db, ctx: CallContext, input: KinesisInput<"UntagResource">): Promise<void> {
  checkTagKeys(violations(), "tagKeys", input.TagKeys).check();
  const resource = await resourceOf(db, ctx, input.ResourceARN);
  requireWriter(ctx, "UntagResource", resource.arn);
  await removeTags(db, ctx, resource, input.TagKeys);
}

export async function listTagsForResource(db: Db, ctx: CallContext, input: KinesisInput<"ListTagsForResource">) {
  return { Tags: tagList((await resourceOf(db, ctx, input.ResourceARN)).tags) };
}
