import { isDeepStrictEqual } from "node:util";
import { type Db, Prisma } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { pgPool } from "../../db/pool";
import { parseJsonObject } from "../../lib/json";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseQueueArn, queueArn, queueUrl } from "./addressing";
import { SqsErrors } from "./errors";
import { MAX_LIST_RESULTS, MAX_QUEUE_NAME_LENGTH, MAX_TAGS, NAME_REUSE_DELAY_SECONDS, PURGE_INTERVAL_SECONDS } from "./limits";
import type { Queue, QueueSettings } from "./model";
import {
  ALL_ATTRIBUTE_NAMES,
  assertConsistentSettings,
  DEFAULT_SETTINGS,
  type MessageCounts,
  parseQueueAttributes,
  renderQueueAttributes,
  renderSettings,
} from "./queue-attributes";
import { findQueue, forgetQueue, resolveQueue, resolveQueueInAccount } from "./store";

const STANDARD_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_QUEUE_NAME_LENGTH - 5}}\\.fifo$`);

function assertValidName(name: string, fifo: boolean): void {
  if (fifo && !FIFO_NAME.test(name)) {
    throw SqsErrors.invalidParameterValue(
      "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length",
    );
  }
  if (!fifo && !STANDARD_NAME.test(name)) {
    throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
}

/** AWS's tag alphabet, for keys and values alike: Unicode letters, digits and spaces, and _ . : / = + - @. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function assertValidTagText(part: "keys" | "values", text: string, min: number, max: number): void {
  // AWS counts Unicode characters: an astral character is one, not two UTF-16 units.
  const length = [...text].length;
  if (length < min || length > max) throw SqsErrors.invalidParameterValue(`Tag ${part} must be between ${min} and ${max} characters in length.`);
  if (!TAG_CHARACTERS.test(text)) {
    throw SqsErrors.invalidParameterValue(`Tag ${part} may only contain unicode letters, digits, whitespace, or one of these symbols: _ . : / = + - @`);
  }
}

function assertValidTags(tags: Readonly<Record<string, string>>, existing: number): void {
  const entries = Object.entries(tags);
  if (existing + entries.length > MAX_TAGS) throw SqsErrors.invalidParameterValue(`Too many tags added for queue. A queue can have at most ${MAX_TAGS} tags.`);
  for (const [key, value] of entries) {
    assertValidTagText("keys", key, 1, 128);
    // The prefix is AWS's own, in any letter case.
    if (/^aws:/i.test(key)) throw SqsErrors.invalidParameterValue('Tag keys cannot start with the reserved prefix "aws:".');
    assertValidTagText("values", value, 0, 256);
  }
}

/** A redrive policy must name an existing dead-letter queue of the same type that accepts this source. */
async function assertValidRedrive(
  db: Db,
  ctx: CallContext,
  source: { fifo: boolean; arn: string },
  attributes: Readonly<Record<string, string>>,
  settings: Partial<QueueSettings>,
) {
  const policy = settings.redrivePolicy;
  if (!policy) return;
  // AWS's messages quote the policy exactly as it was sent.
  const raw = attributes.RedrivePolicy ?? JSON.stringify(policy);
  const target = parseQueueArn(policy.deadLetterTargetArn)!;
  const dlq = target.accountId === ctx.accountId && target.region === ctx.region ? await findQueue(db, target.accountId, target.region, target.name) : null;
  if (!dlq) throw SqsErrors.invalidParameter("RedrivePolicy", raw, "Dead letter target does not exist.");
  if (dlq.fifo !== source.fifo) throw SqsErrors.invalidParameter("RedrivePolicy", raw, "Dead-letter queue must be same type of queue as the source..");
  const allow = dlq.redriveAllowPolicy;
  const permitted =
    !allow || allow.redrivePermission === "allowAll" || (allow.redrivePermission === "byQueue" && allow.sourceQueueArns?.includes(source.arn));
  if (!permitted) {
    throw SqsErrors.invalidParameter("RedrivePolicy", raw, `The dead-letter queue's RedriveAllowPolicy does not allow ${source.arn} as a source queue.`);
  }
}

/** Attributes holding JSON documents: equal when they parse to the same document, whatever the key order or spacing. */
const JSON_ATTRIBUTES = new Set(["Policy", "RedrivePolicy", "RedriveAllowPolicy"]);

function sameAttributeValue(name: string, a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || !JSON_ATTRIBUTES.has(name)) return false;
  return isDeepStrictEqual(parseJsonObject(a), parseJsonObject(b));
}

/**
 * The first requested attribute whose effective value differs from the existing queue's (CreateQueue
 * idempotency). Both sides are rendered as GetQueueAttributes shows them, so an unset setting equals its
 * default and a maxReceiveCount sent as "5" equals the stored 5.
 */
function firstDifferingAttribute(queue: Queue, attributes: Readonly<Record<string, string>>): string | undefined {
  const current = renderSettings(queue);
  return Object.entries(attributes).find(([name, value]) => {
    const requested = renderSettings({ ...queue, ...parseQueueAttributes({ [name]: value }, queue.fifo) });
    return !sameAttributeValue(name, requested[name], current[name]);
  })?.[0];
}

export interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

export async function createQueue(db: Db, ctx: CallContext, input: CreateQueueInput): Promise<{ QueueUrl: string }> {
  requireRole(ctx, "developer", "sqs:CreateQueue");
  const attributes = input.Attributes ?? {};
  const fifoAttr = attributes.FifoQueue;
  if (fifoAttr !== undefined && !/^(true|false)$/i.test(fifoAttr)) throw SqsErrors.invalidAttributeValue("FifoQueue");
  const fifo = fifoAttr?.toLowerCase() === "true";
  assertValidName(input.QueueName, fifo);
  const { FifoQueue: _fifo, ...rest } = attributes;
  const settings = parseQueueAttributes(rest, fifo);
  assertConsistentSettings({ ...DEFAULT_SETTINGS, ...settings });

  const existing = async () => {
    const queue = await findQueue(db, ctx.accountId, ctx.region, input.QueueName);
    if (!queue) return undefined;
    const differing = firstDifferingAttribute(queue, attributes);
    if (differing) throw SqsErrors.queueNameExists(differing);
    return { QueueUrl: queueUrl(ctx, queue) };
  };
  const found = await existing();
  if (found) return found;
  const deleted = await db.sqsDeletedQueue.findUnique({
    where: { accountId_region_name: { accountId: ctx.accountId, region: ctx.region, name: input.QueueName } },
  });
  if (deleted && deleted.deletedAt.getTime() > Date.now() - NAME_REUSE_DELAY_SECONDS * 1000) throw SqsErrors.queueDeletedRecently();

  const arn = queueArn(ctx.region, ctx.accountId, input.QueueName);
  await assertValidRedrive(db, ctx, { fifo, arn }, rest, settings);
  const tags = input.tags ?? {};
  assertValidTags(tags, 0);
  try {
    const row = await db.sqsQueue.create({
      data: {
        accountId: ctx.accountId,
        region: ctx.region,
        name: input.QueueName,
        fifo,
        ...toColumns(settings),
        tags,
      },
    });
    return { QueueUrl: queueUrl(ctx, row) };
  } catch (e) {
    // Two creates racing: the loser answers like a repeated create.
    if (isUniqueViolation(e)) {
      const raced = await existing();
      if (raced) return raced;
    }
    throw e;
  }
}

function jsonColumn(value: object | null | undefined) {
  return value === undefined ? undefined : value === null ? Prisma.DbNull : { ...value };
}

/** Settings as Prisma column values (JSON columns need DbNull to clear). */
function toColumns(settings: Partial<QueueSettings>) {
  const { redrivePolicy, redriveAllowPolicy, ...scalars } = settings;
  return { ...scalars, redrivePolicy: jsonColumn(redrivePolicy), redriveAllowPolicy: jsonColumn(redriveAllowPolicy) };
}

export async function deleteQueue(db: Db, ctx: CallContext, input: { QueueUrl: string }): Promise<void> {
  requireRole(ctx, "developer", "sqs:DeleteQueue");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "DeleteQueue");
  // The name is blocked first: should the delete then fail, the queue is still there and a create just finds it.
  const key = { accountId: queue.accountId, region: queue.region, name: queue.name };
  await db.sqsDeletedQueue.upsert({ where: { accountId_region_name: key }, create: { ...key, deletedAt: new Date() }, update: { deletedAt: new Date() } });
  await db.sqsQueue.deleteMany({ where: { id: queue.id } });
  forgetQueue(queue);
}

export async function getQueueUrl(db: Db, ctx: CallContext, input: { QueueName: string; QueueOwnerAWSAccountId?: string }) {
  const queue = await resolveQueueInAccount(db, ctx, input.QueueOwnerAWSAccountId ?? ctx.accountId, input.QueueName, "GetQueueUrl");
  return { QueueUrl: queueUrl(ctx, queue) };
}

/** Opaque pagination token: the last name of the previous page. */
const encodeToken = (name: string) => Buffer.from(JSON.stringify({ after: name })).toString("base64");
function decodeToken(token: string): string {
  try {
    const after: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8")).after;
    if (typeof after === "string") return after;
  } catch {
    // fall through to the AWS error
  }
  throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
}

interface Page {
  NextToken?: string;
  MaxResults?: number;
}

/** ListQueues / ListDeadLetterSourceQueues paging: without MaxResults, up to 1000 and never a NextToken. */
async function pageOfQueues(db: Db, ctx: CallContext, where: Prisma.SqsQueueWhereInput, page: Page) {
  if (page.MaxResults !== undefined && (page.MaxResults < 1 || page.MaxResults > MAX_LIST_RESULTS)) {
    throw SqsErrors.invalidParameter("MaxResults", undefined, `MaxResults must be an integer between 1 and ${MAX_LIST_RESULTS}.`);
  }
  const limit = page.MaxResults ?? MAX_LIST_RESULTS;
  const rows = await db.sqsQueue.findMany({
    // AND, not a merge: the token's name bound must not replace the caller's name prefix.
    where: page.NextToken ? { AND: [where, { name: { gt: decodeToken(page.NextToken) } }] } : where,
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const items = rows.slice(0, limit);
  const more = page.MaxResults !== undefined && rows.length > limit;
  return { urls: items.map((q) => queueUrl(ctx, q)), NextToken: more ? encodeToken(items[items.length - 1]!.name) : undefined };
}

export async function listQueues(db: Db, ctx: CallContext, input: Page & { QueueNamePrefix?: string }) {
  const { urls, NextToken } = await pageOfQueues(
    db,
    ctx,
    { accountId: ctx.accountId, region: ctx.region, ...(input.QueueNamePrefix ? { name: { startsWith: input.QueueNamePrefix } } : {}) },
    input,
  );
  return { QueueUrls: urls.length > 0 ? urls : undefined, NextToken };
}

export async function listDeadLetterSourceQueues(db: Db, ctx: CallContext, input: Page & { QueueUrl: string }) {
  const dlq = await resolveQueue(db, ctx, input.QueueUrl, "ListDeadLetterSourceQueues");
  const { urls, NextToken } = await pageOfQueues(
    db,
    ctx,
    { accountId: dlq.accountId, region: dlq.region, redrivePolicy: { path: ["deadLetterTargetArn"], equals: dlq.arn } },
    input,
  );
  return { queueUrls: urls, NextToken };
}

/** Visible, in-flight and delayed message counts (expired messages excluded). */
export async function countMessages(queue: Pick<Queue, "id" | "messageRetentionPeriod">): Promise<MessageCounts> {
  const { rows } = await pgPool().query<{ visible: string; not_visible: string; delayed: string }>({
    name: "sqs-count-messages",
    text: `SELECT count(*) FILTER (WHERE visible_at <= now()) AS visible,
                  count(*) FILTER (WHERE visible_at > now() AND receive_count > 0) AS not_visible,
                  count(*) FILTER (WHERE visible_at > now() AND receive_count = 0) AS delayed
             FROM sqs_messages
            WHERE queue_id = $1 AND enqueued_at > now() - make_interval(secs => $2)`,
    values: [queue.id, queue.messageRetentionPeriod],
  });
  const r = rows[0]!;
  return { visible: Number(r.visible), notVisible: Number(r.not_visible), delayed: Number(r.delayed) };
}

export async function getQueueAttributes(db: Db, ctx: CallContext, input: { QueueUrl: string; AttributeNames?: string[] }) {
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "GetQueueAttributes");
  const requested = input.AttributeNames ?? [];
  for (const name of requested) if (name !== "All" && !ALL_ATTRIBUTE_NAMES.includes(name)) throw SqsErrors.unknownAttribute(name);
  if (requested.length === 0) return { Attributes: {} };
  const wantsCounts = requested.some((n) => n === "All" || n.startsWith("ApproximateNumberOfMessages"));
  const counts = wantsCounts ? await countMessages(queue) : { visible: 0, notVisible: 0, delayed: 0 };
  const all = renderQueueAttributes(queue, counts);
  if (requested.includes("All")) return { Attributes: all };
  return { Attributes: Object.fromEntries(requested.filter((n) => n in all).map((n) => [n, all[n]!])) };
}

export async function setQueueAttributes(db: Db, ctx: CallContext, input: { QueueUrl: string; Attributes: Record<string, string> }) {
  requireRole(ctx, "developer", "sqs:SetQueueAttributes");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "SetQueueAttributes");
  const changes = parseQueueAttributes(input.Attributes, queue.fifo);
  assertConsistentSettings({ ...queue, ...changes });
  await assertValidRedrive(db, ctx, queue, input.Attributes, changes);
  await db.sqsQueue.update({ where: { id: queue.id }, data: { ...toColumns(changes), lastModifiedAt: new Date() } });
  forgetQueue(queue);
}

export async function purgeQueue(db: Db, ctx: CallContext, input: { QueueUrl: string }): Promise<void> {
  requireRole(ctx, "developer", "sqs:PurgeQueue");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "PurgeQueue");
  // The conditional update is the 60-second lock: of two concurrent purges only one gets the row.
  const claimed = await db.sqsQueue.updateMany({
    where: {
      id: queue.id,
      OR: [{ purgeStartedAt: null }, { purgeStartedAt: { lte: new Date(Date.now() - PURGE_INTERVAL_SECONDS * 1000) } }],
    },
    data: { purgeStartedAt: new Date() },
  });
  if (claimed.count === 0) throw SqsErrors.purgeQueueInProgress(queue.name);
  forgetQueue(queue);
  await pgPool().query("DELETE FROM sqs_messages WHERE queue_id = $1 AND enqueued_at <= now()", [queue.id]);
}

export async function tagQueue(db: Db, ctx: CallContext, input: { QueueUrl: string; Tags: Record<string, string> }) {
  requireRole(ctx, "developer", "sqs:TagQueue");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "TagQueue");
  if (Object.keys(input.Tags).length === 0) throw SqsErrors.missingParameter("Tags");
  const merged = { ...queue.tags, ...input.Tags };
  assertValidTags(input.Tags, Object.keys(merged).length - Object.keys(input.Tags).length);
  await db.sqsQueue.update({ where: { id: queue.id }, data: { tags: merged } });
  forgetQueue(queue);
}

export async function untagQueue(db: Db, ctx: CallContext, input: { QueueUrl: string; TagKeys: string[] }) {
  requireRole(ctx, "developer", "sqs:UntagQueue");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "UntagQueue");
  const tags = Object.fromEntries(Object.entries(queue.tags).filter(([k]) => !input.TagKeys.includes(k)));
  await db.sqsQueue.update({ where: { id: queue.id }, data: { tags } });
  forgetQueue(queue);
}

export async function listQueueTags(db: Db, ctx: CallContext, input: { QueueUrl: string }) {
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "ListQueueTags");
  return { Tags: queue.tags };
}
