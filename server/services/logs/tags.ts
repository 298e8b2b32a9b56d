import type { Db } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { checkLogGroupName, Constraints, PATTERNS } from "./constraints";
import { LogsErrors } from "./errors";
import { MAX_TAGS } from "./limits";
import { parseLogGroupArn } from "./model";
import { resolveLogGroup } from "./store";

type Tags = Record<string, string>;

export function checkTags(c: Constraints, field: string, tags: Tags | undefined): void {
  if (tags === undefined) return;
  c.size(field, Object.keys(tags).length, { min: 1, max: MAX_TAGS });
  for (const [key, value] of Object.entries(tags)) {
    c.string(`${field}.${key}.member.key`, key, { min: 1, max: 128, pattern: PATTERNS.tagKey });
    c.string(`${field}.${key}.member.value`, value, { max: 256, pattern: PATTERNS.tagValue });
  }
}

function checkTagKeys(c: Constraints, field: string, keys: string[], min: number): void {
  c.size(field, keys.length, { min, max: MAX_TAGS });
  keys.forEach((key, i) => c.string(`${field}.${i + 1}.member`, key, { min: 1, max: 128, pattern: PATTERNS.tagKey }));
}

/** Merges tags into the group's in one statement, so concurrent taggers cannot lose each other's keys or pass the limit together. */
async function addTags(db: Db, groupId: bigint, tags: Tags, tooMany: () => Error): Promise<void> {
  const updated = await db.$executeRaw`
    UPDATE logs_log_groups SET tags = tags || ${JSON.stringify(tags)}::jsonb
     WHERE id = ${groupId} AND (SELECT count(*) FROM jsonb_object_keys(tags || ${JSON.stringify(tags)}::jsonb)) <= ${MAX_TAGS}`;
  if (updated === 0) throw tooMany();
}

async function removeTags(db: Db, groupId: bigint, keys: string[]): Promise<void> {
  await db.$executeRaw`UPDATE logs_log_groups SET tags = tags - ${keys}::text[] WHERE id = ${groupId}`;
}

/** The group a tagging ARN names, in the caller's account and region (log groups are the only taggable resource here). */
async function groupOfArn(db: Db, ctx: CallContext, resourceArn: string) {
  new Constraints().string("resourceArn", resourceArn, { min: 1, max: 1011, pattern: PATTERNS.resourceArn }).check();
  const parsed = parseLogGroupArn(resourceArn);
  if (!parsed || parsed.accountId !== ctx.accountId || parsed.region !== ctx.region) throw LogsErrors.logGroupNotFound();
  return resolveLogGroup(db, ctx, parsed.name);
}

export async function tagResource(db: Db, ctx: CallContext, input: { resourceArn: string; tags: Tags }): Promise<void> {
  requireRole(ctx, "developer", "logs:TagResource");
  const c = new Constraints();
  checkTags(c, "tags", input.tags);
  c.check();
  const group = await groupOfArn(db, ctx, input.resourceArn);
  await addTags(db, group.id, input.tags, () => LogsErrors.tooManyTags(MAX_TAGS));
}

export async function untagResource(db: Db, ctx: CallContext, input: { resourceArn: string; tagKeys: string[] }): Promise<void> {
  requireRole(ctx, "developer", "logs:UntagResource");
  const c = new Constraints();
  checkTagKeys(c, "tagKeys", input.tagKeys, 0);
  c.check();
  const group = await groupOfArn(db, ctx, input.resourceArn);
  await removeTags(db, group.id, input.tagKeys);
}

export async function listTagsForResource(db: Db, ctx: CallContext, input: { resourceArn: string }): Promise<{ tags: Tags }> {
  const group = await groupOfArn(db, ctx, input.resourceArn);
  return { tags: group.tags };
}

/** TagLogGroup / UntagLogGroup / ListTagsLogGroup: the deprecated name-based forms. */
export async function tagLogGroup(db: Db, ctx: CallContext, input: { logGroupName: string; tags: Tags }): Promise<void> {
  requireRole(ctx, "developer", "logs:TagLogGroup");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  checkTags(c, "tags", input.tags);
  c.check();
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  await addTags(db, group.id, input.tags, () => LogsErrors.invalidParameter(`A log group can have no more than ${MAX_TAGS} tags.`));
}

export async function untagLogGroup(db: Db, ctx: CallContext, input: { logGroupName: string; tags: string[] }): Promise<void> {
  requireRole(ctx, "developer", "logs:UntagLogGroup");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  checkTagKeys(c, "tags", input.tags, 1);
  c.check();
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  await removeTags(db, group.id, input.tags);
}

export async function listTagsLogGroup(db: Db, ctx: CallContext, input: { logGroupName: string }): Promise<{ tags: Tags }> {
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  c.check();
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  return { tags: group.tags };
}
