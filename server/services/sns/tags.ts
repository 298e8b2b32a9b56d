/** Topic tags (SNS tags topics only): TagResource, UntagResource, ListTagsForResource. */
import type { Db } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseTopicArn } from "./arns";
import { SnsErrors } from "./errors";
import { MAX_TAGS } from "./limits";
import type { Topic } from "./model";
import { topicByRef } from "./store";

export interface Tag {
  Key: string;
  Value: string;
}

export function validateTags(tags: Tag[]): Record<string, string> {
  if (new Set(tags.map((t) => t.Key)).size < tags.length) throw SnsErrors.invalidParameter("Duplicated keys are not allowed.");
  for (const { Key, Value } of tags) {
    if (Key.length < 1 || Key.length > 128 || Key.startsWith("aws:")) throw SnsErrors.invalidParameter(`Tags Reason: Invalid tag key: ${Key}`);
    if (Value.length > 256) throw SnsErrors.invalidParameter(`Tags Reason: Invalid tag value for key ${Key}`);
  }
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

async function taggedTopic(db: Db, ctx: CallContext, resourceArn: string): Promise<Topic> {
  const ref = parseTopicArn(resourceArn);
  if (!ref || ref.accountId !== ctx.accountId || ref.region !== ctx.region) throw SnsErrors.resourceNotFound();
  const topic = await topicByRef(db, ref);
  if (!topic) throw SnsErrors.resourceNotFound();
  return topic;
}

export async function tagResource(db: Db, ctx: CallContext, input: { ResourceArn: string; Tags: Tag[] }): Promise<void> {
  requireRole(ctx, "developer", "sns:TagResource");
  const topic = await taggedTopic(db, ctx, input.ResourceArn);
  const tags = { ...topic.tags, ...validateTags(input.Tags) };
  if (Object.keys(tags).length > MAX_TAGS) throw SnsErrors.tagLimitExceeded();
  await db.snsTopic.update({ where: { id: topic.id }, data: { tags } });
}

export async function untagResource(db: Db, ctx: CallContext, input: { ResourceArn: string; TagKeys: string[] }): Promise<void> {
  requireRole(ctx, "developer", "sns:UntagResource");
  const topic = await taggedTopic(db, ctx, input.ResourceArn);
  const tags = Object.fromEntries(Object.entries(topic.tags).filter(([key]) => !input.TagKeys.includes(key)));
  await db.snsTopic.update({ where: { id: topic.id }, data: { tags } });
}

export async function listTagsForResource(db: Db, ctx: CallContext, input: { ResourceArn: string }): Promise<{ Tags: Tag[] }> {
  const topic = await taggedTopic(db, ctx, input.ResourceArn);
  return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
}
