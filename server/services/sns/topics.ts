/** Topic lifecycle and attributes: CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes, Add/RemovePermission. */
import type { Db } from "../../db/client";
import { Prisma } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { topicArn } from "./arns";
import { SnsErrors } from "./errors";
import { PAGE_SIZE } from "./limits";
import { type Topic, toTopic } from "./model";
import { decodeToken, page } from "./paging";
import { findTopic, requireTopic } from "./store";
import { type Tag, validateTags } from "./tags";
import { describeTopicAttributes, initialTopicAttributes, validateTopicAttribute } from "./topic-attributes";

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.every((k) => a[k] === b[k]);
}

export async function createTopic(
  db: Db,
  ctx: CallContext,
  input: { Name: string; Attributes?: Record<string, string>; Tags?: Tag[]; DataProtectionPolicy?: string },
): Promise<{ TopicArn: string }> {
  requireRole(ctx, "developer", "sns:CreateTopic");
  const { FifoTopic, ...settable } = input.Attributes ?? {};
  if (FifoTopic !== undefined && FifoTopic !== "true" && FifoTopic !== "false") throw SnsErrors.invalidParameter("Attributes Reason: FifoTopic");
  const fifo = FifoTopic === "true";
  if (fifo && !FIFO_TOPIC_NAME.test(input.Name)) {
    throw SnsErrors.invalidParameter(
      "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.",
    );
  }
  if (!fifo && !TOPIC_NAME.test(input.Name)) throw SnsErrors.invalidParameter("Topic Name");
  if (input.DataProtectionPolicy !== undefined) settable.DataProtectionPolicy = input.DataProtectionPolicy;
  for (const [name, value] of Object.entries(settable)) validateTopicAttribute(name, value, fifo);
  const tags = validateTags(input.Tags ?? []);
  const arn = topicArn(ctx.region, ctx.accountId, input.Name);

  const existing = await db.snsTopic.findUnique({ where: { accountId_region_name: { accountId: ctx.accountId, region: ctx.region, name: input.Name } } });
  if (existing) return sameTopic(toTopic(existing), fifo, settable, tags);
  try {
    await db.snsTopic.create({
      data: {
        accountId: ctx.accountId,
        region: ctx.region,
        name: input.Name,
        fifo,
        attributes: { ...initialTopicAttributes(arn, ctx.accountId, fifo), ...settable },
        tags,
      },
    });
  } catch (error) {
    // A concurrent CreateTopic of the same name won: answer as for an existing topic.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const row = await db.snsTopic.findUniqueOrThrow({ where: { accountId_region_name: { accountId: ctx.accountId, region: ctx.region, name: input.Name } } });
    return sameTopic(toTopic(row), fifo, settable, tags);
  }
  return { TopicArn: arn };
}

/** CreateTopic is idempotent for the same attributes and tags; anything else conflicts. */
function sameTopic(topic: Topic, fifo: boolean, attributes: Record<string, string>, tags: Record<string, string>): { TopicArn: string } {
  if (topic.fifo !== fifo || !sameEntries(topic.attributes, attributes)) {
    throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different attributes");
  }
  if (!sameEntries(topic.tags, tags)) throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
  return { TopicArn: topic.arn };
}

export async function deleteTopic(db: Db, ctx: CallContext, input: { TopicArn: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:DeleteTopic");
  // Deleting a topic that does not exist succeeds, as on AWS.
  const topic = await findTopic(db, ctx, input.TopicArn);
  if (topic) await db.snsTopic.deleteMany({ where: { id: topic.id } });
}

export async function listTopics(db: Db, ctx: CallContext, input: { NextToken?: string }) {
  const after = decodeToken(input.NextToken);
  const rows = await db.snsTopic.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(after !== undefined && { name: { gt: after } }) },
    orderBy: { name: "asc" },
    take: PAGE_SIZE + 1,
    select: { name: true },
  });
  const { items, NextToken } = page(rows, PAGE_SIZE, (r) => r.name);
  return { Topics: items.map((r) => ({ TopicArn: topicArn(ctx.region, ctx.accountId, r.name) })), NextToken };
}

export async function getTopicAttributes(db: Db, ctx: CallContext, input: { TopicArn: string }) {
  const topic = await requireTopic(db, ctx, input.TopicArn);
  const counts = await db.snsSubscription.groupBy({ by: ["confirmed"], where: { topicId: topic.id }, _count: { _all: true } });
  const count = (confirmed: boolean) => counts.find((c) => c.confirmed === confirmed)?._count._all ?? 0;
  return { Attributes: describeTopicAttributes(topic, { confirmed: count(true), pending: count(false) }) };
}

export async function setTopicAttributes(db: Db, ctx: CallContext, input: { TopicArn: string; AttributeName: string; AttributeValue?: string }) {
  requireRole(ctx, "developer", "sns:SetTopicAttributes");
  const topic = await requireTopic(db, ctx, input.TopicArn);
  const value = input.AttributeValue ?? "";
  validateTopicAttribute(input.AttributeName, value, topic.fifo);
  await mergeAttributes(db, topic, { [input.AttributeName]: value });
}

/** Merged in SQL, so concurrent changes to different attributes don't undo each other. */
async function mergeAttributes(db: Db, topic: Topic, change: Record<string, string>): Promise<void> {
  await db.$executeRaw`UPDATE sns_topics SET attributes = attributes || ${JSON.stringify(change)}::jsonb WHERE id = ${topic.id}::uuid`;
}

interface PolicyStatement {
  Sid?: string;
  [key: string]: unknown;
}

function policyOf(topic: Topic): { Statement: PolicyStatement[]; [key: string]: unknown } {
  const parsed = JSON.parse(topic.attributes.Policy ?? "{}") as { Statement?: PolicyStatement[] };
  return { Version: "2008-10-17", ...parsed, Statement: parsed.Statement ?? [] };
}

export async function addPermission(
  db: Db,
  ctx: CallContext,
  input: { TopicArn: string; Label: string; AWSAccountId: string[]; ActionName: string[] },
): Promise<void> {
  requireRole(ctx, "developer", "sns:AddPermission");
  const topic = await requireTopic(db, ctx, input.TopicArn);
  if (input.AWSAccountId.length === 0 || input.ActionName.length === 0) throw SnsErrors.invalidParameter("Policy statement action out of service scope!");
  const policy = policyOf(topic);
  if (policy.Statement.some((s) => s.Sid === input.Label)) throw SnsErrors.invalidParameter("Statement already exists");
  policy.Statement.push({
    Sid: input.Label,
    Effect: "Allow",
    Principal: { AWS: input.AWSAccountId.map((id) => `arn:aws:iam::${id}:root`) },
    Action: input.ActionName.map((a) => `SNS:${a}`),
    Resource: topic.arn,
  });
  await mergeAttributes(db, topic, { Policy: JSON.stringify(policy) });
}

export async function removePermission(db: Db, ctx: CallContext, input: { TopicArn: string; Label: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:RemovePermission");
  const topic = await requireTopic(db, ctx, input.TopicArn);
  const policy = policyOf(topic);
  const remaining = policy.Statement.filter((s) => s.Sid !== input.Label);
  if (remaining.length === policy.Statement.length) throw SnsErrors.invalidParameter(`Statement with id ${input.Label} not found`);
  await mergeAttributes(db, topic, { Policy: JSON.stringify({ ...policy, Statement: remaining }) });
}
