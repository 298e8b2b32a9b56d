/**
 * Publish and PublishBatch: AWS's checks on the message, then fan-out to the topic's confirmed
 * subscriptions whose filter policy matches (or straight to a platform endpoint or phone number).
 */
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { isJsonObject } from "../../lib/json";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { type PublishedMessage } from "./delivery/content";
import { type DeliveryTarget, fanOut, type FanOutResult } from "./delivery/fan-out";
import { SnsErrors } from "./errors";
import { matchesFilter } from "./filter-match";
import { MAX_BATCH_ENTRIES, MAX_MESSAGE_BYTES, MAX_SUBJECT_LENGTH } from "./limits";
import { attributesSize, type MessageAttributeInput, validateMessageAttributes } from "./message-attributes";
import type { Subscription, Topic } from "./model";
import { compactPhoneNumber, PHONE_NUMBER } from "./phone-numbers";
import { requirePublishableEndpoint } from "./platform";
import { signatureVersionOf } from "./topic-attributes";
import { topicForPublish } from "./publish-lookup";

export interface PublishFields {
  Message?: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, MessageAttributeInput>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface PublishInput extends PublishFields {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
}

const TOKEN = /^[\x21-\x7e]{1,128}$/;

function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  // ASCII text that starts with a letter, number or punctuation, with no line breaks or controls.
  if (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH || !/^[\x21-\x7e][\x20-\x7e]*$/.test(subject)) throw SnsErrors.invalidParameter("Subject");
}

function checkStructure(fields: PublishFields): "json" | undefined {
  if (fields.MessageStructure === undefined) return undefined;
  if (fields.MessageStructure !== "json") throw SnsErrors.invalidParameter("MessageStructure");
  let parsed: unknown;
  try {
    parsed = JSON.parse(fields.Message!);
  } catch {
    throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
  }
  if (!isJsonObject(parsed)) throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
  // AWS ignores entries whose value is not a string, a "default" one included.
  if (typeof parsed.default !== "string") {
    throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
  }
  return "json";
}

/** Checks one message for its destination and builds what gets stored and delivered. */
function prepareMessage(ctx: CallContext, target: string, topic: Topic | undefined, fields: PublishFields): PublishedMessage {
  if (fields.Message === undefined || fields.Message === "") throw SnsErrors.invalidParameter("Empty message");
  checkSubject(fields.Subject);
  const structure = checkStructure(fields);
  const attributes = validateMessageAttributes(fields.MessageAttributes);
  const size = Buffer.byteLength(fields.Message) + attributesSize(attributes);
  if (size > MAX_MESSAGE_BYTES) throw SnsErrors.invalidParameter("Message too long");

  const fifo = topic?.fifo ?? false;
  if (fifo) {
    if (fields.MessageGroupId === undefined) throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
    if (fields.MessageDeduplicationId === undefined && topic?.attributes.ContentBasedDeduplication !== "true") {
      throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
    }
  } else if (fields.MessageDeduplicationId !== undefined) {
    throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
  }
  for (const [name, value] of [["MessageGroupId", fields.MessageGroupId], ["MessageDeduplicationId", fields.MessageDeduplicationId]] as const) {
    if (value !== undefined && !TOKEN.test(value)) throw SnsErrors.invalidParameter(`${name} Reason: ${name} must be 1-128 alphanumeric or punctuation characters`);
  }
  return {
    messageId: randomUUID(),
    accountId: ctx.accountId,
    region: ctx.region,
    target,
    topicArn: topic?.arn,
    subject: fields.Subject,
    message: fields.Message,
    structure,
    attributes,
    groupId: fields.MessageGroupId,
    deduplicationId: fifo ? (fields.MessageDeduplicationId ?? createHash("sha256").update(fields.Message).digest("hex")) : undefined,
    timestamp: new Date(),
    signatureVersion: signatureVersionOf(topic),
  };
}

function targetsFor(subscriptions: Subscription[], message: PublishedMessage): DeliveryTarget[] {
  return subscriptions
    .filter((s) => matchesFilter(s, message))
    .map((subscription) => ({ subscription, protocol: subscription.protocol, endpoint: subscription.endpoint }));
}

export async function publish(db: Db, ctx: CallContext, input: PublishInput): Promise<FanOutResult> {
  requireRole(ctx, "developer", "sns:Publish");
  const destinations = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((d) => d !== undefined && d !== "");
  if (destinations.length === 0) throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
  if (destinations.length > 1) throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be specified");

  if (input.PhoneNumber) {
    const number = compactPhoneNumber(input.PhoneNumber);
    // Publishing needs the number in E.164, with its "+".
    if (!number.startsWith("+") || !PHONE_NUMBER.test(number)) throw SnsErrors.invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
    const message = prepareMessage(ctx, number, undefined, input);
    return fanOut(db, message, [{ protocol: "sms", endpoint: number }]);
  }
  const topicArnOrEndpoint = (input.TopicArn || input.TargetArn)!;
  if (input.TargetArn && topicArnOrEndpoint.includes(":endpoint/")) {
    await requirePublishableEndpoint(db, ctx, topicArnOrEndpoint);
    const message = prepareMessage(ctx, topicArnOrEndpoint, undefined, input);
    return fanOut(db, message, [{ protocol: "application", endpoint: topicArnOrEndpoint }]);
  }
  const { topic, subscriptions } = await topicForPublish(ctx, topicArnOrEndpoint);
  const message = prepareMessage(ctx, topic.arn, topic, input);
  return fanOut(db, message, targetsFor(subscriptions, message), topic.fifo ? topic.id : undefined);
}

export interface PublishBatchEntry extends PublishFields {
  Id: string;
}

export async function publishBatch(db: Db, ctx: CallContext, input: { TopicArn: string; PublishBatchRequestEntries: PublishBatchEntry[] }) {
  requireRole(ctx, "developer", "sns:Publish");
  const entries = input.PublishBatchRequestEntries;
  if (entries.length === 0) throw SnsErrors.emptyBatchRequest();
  if (entries.length > MAX_BATCH_ENTRIES) throw SnsErrors.tooManyEntriesInBatchRequest();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(entry.Id)) throw SnsErrors.invalidBatchEntryId();
    if (ids.has(entry.Id)) throw SnsErrors.batchEntryIdsNotDistinct();
    ids.add(entry.Id);
  }
  const total = entries.reduce((sum, e) => sum + Buffer.byteLength(e.Message ?? ""), 0);
  if (total > MAX_MESSAGE_BYTES) throw SnsErrors.batchRequestTooLong();
  const { topic, subscriptions } = await topicForPublish(ctx, input.TopicArn);
  // One invalid entry fails the whole request on AWS (bad attributes, structure, FIFO fields, …), so
  // every entry is checked before any is published.
  const messages = entries.map((entry) => ({ Id: entry.Id, message: prepareMessage(ctx, topic.arn, topic, entry) }));
  const Successful: (FanOutResult & { Id: string })[] = [];
  // In order: a FIFO topic's batch is delivered in entry order.
  for (const { Id, message } of messages) {
    Successful.push({ Id, ...(await fanOut(db, message, targetsFor(subscriptions, message), topic.fifo ? topic.id : undefined)) });
  }
  // Entries that pass the checks are stored in Postgres or fail with the request, so none fails alone.
  return { Successful, Failed: [] };
}
