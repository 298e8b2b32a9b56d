/**
 * SQS on the gateway: the AWS JSON 1.0 protocol (`AmazonSQS.*`, query-compatible errors) that current
 * SDKs speak, and the query protocol with XML that older SDKs and the CLI speak — including requests
 * posted to a queue's URL path, which name the queue by path instead of a QueueUrl parameter.
 */
import { prisma } from "../../db/client";
import { parseQueueUrl } from "../../services/sqs/addressing";
import { SqsErrors } from "../../services/sqs/errors";
import type { z } from "zod";
import { type SqsOperation, type SqsOperationName, sqsOperations } from "../../services/sqs/operations";
import type { QueryTree, QueryValue } from "../protocols/queryTree";
import type { XmlShape } from "../protocols/xml";
import type { OperationRegistry, QueryBinding } from "../registry";

const list = (value: QueryValue | undefined): QueryValue[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const tree = (value: QueryValue | undefined): QueryTree => (value && typeof value === "object" && !Array.isArray(value) ? value : {});
const text = (value: QueryValue | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** `Prefix.N.<key>` / `Prefix.N.<value>` pairs into a map. */
function pairs(value: QueryValue | undefined, key: string, val: string): Record<string, string> {
  return Object.fromEntries(list(value).map((entry) => [text(tree(entry)[key]) ?? "", text(tree(entry)[val]) ?? ""]));
}

/** `MessageAttribute.N.Name` + `MessageAttribute.N.Value.{DataType,StringValue,BinaryValue}` into a map. */
function messageAttributes(value: QueryValue | undefined): Record<string, QueryTree> | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(list(value).map((entry) => [text(tree(entry).Name) ?? "", tree(tree(entry).Value)]));
}

function sendFields(params: QueryTree): QueryTree | Record<string, unknown> {
  const { MessageAttribute, MessageSystemAttribute, ...rest } = params;
  return { ...rest, MessageAttributes: messageAttributes(MessageAttribute), MessageSystemAttributes: messageAttributes(MessageSystemAttribute) };
}

function entries(params: QueryTree, element: string, map: (entry: QueryTree) => unknown = (e) => e): Record<string, unknown> {
  const { [element]: raw, ...rest } = params;
  return { ...rest, Entries: list(raw).map((e) => map(tree(e))) };
}

const renamed = (params: QueryTree, from: string, to: string): Record<string, unknown> => {
  const { [from]: value, ...rest } = params;
  return value === undefined ? rest : { ...rest, [to]: list(value) };
};

/** How each operation's flat query parameters map onto its JSON-shaped input. */
const QUERY_DECODERS: Partial<Record<SqsOperationName, (params: QueryTree) => unknown>> = {
  CreateQueue: ({ Attribute, Tag, ...rest }) => ({ ...rest, Attributes: pairs(Attribute, "Name", "Value"), tags: pairs(Tag, "Key", "Value") }),
  SetQueueAttributes: ({ Attribute, ...rest }) => ({ ...rest, Attributes: pairs(Attribute, "Name", "Value") }),
  GetQueueAttributes: (params) => renamed(params, "AttributeName", "AttributeNames"),
  SendMessage: sendFields,
  SendMessageBatch: (params) => entries(params, "SendMessageBatchRequestEntry", sendFields),
  ReceiveMessage: (params) => {
    // AttributeNames and MessageSystemAttributeNames share the wire name AttributeName.N.
    const withNames = renamed(params, "AttributeName", "MessageSystemAttributeNames");
    return renamed(withNames as QueryTree, "MessageAttributeName", "MessageAttributeNames");
  },
  DeleteMessageBatch: (params) => entries(params, "DeleteMessageBatchRequestEntry"),
  ChangeMessageVisibilityBatch: (params) => entries(params, "ChangeMessageVisibilityBatchRequestEntry"),
  TagQueue: ({ Tag, ...rest }) => ({ ...rest, Tags: pairs(Tag, "Key", "Value") }),
  UntagQueue: (params) => renamed(params, "TagKey", "TagKeys"),
  AddPermission: (params) => renamed(renamed(params, "AWSAccountId", "AWSAccountIds") as QueryTree, "ActionName", "Actions"),
};

const flat = (name: string, items?: XmlShape): XmlShape => ({ name, flattened: true, items });
const flatMap = (name: string, key: string, value: string, items?: XmlShape): XmlShape => ({ name, flattened: true, map: { key, value }, items });
const batchResult = (entry: string): XmlShape => ({
  members: { Successful: flat(entry), Failed: flat("BatchResultErrorEntry") },
});

/** Where the XML result differs from the JSON output shape (flattened lists and maps). */
const QUERY_RESULTS: Partial<Record<SqsOperationName, XmlShape>> = {
  ListQueues: { members: { QueueUrls: flat("QueueUrl") } },
  ListDeadLetterSourceQueues: { members: { queueUrls: flat("QueueUrl") } },
  GetQueueAttributes: { members: { Attributes: flatMap("Attribute", "Name", "Value") } },
  ListQueueTags: { members: { Tags: flatMap("Tag", "Key", "Value") } },
  ReceiveMessage: {
    members: {
      Messages: flat("Message", {
        members: { Attributes: flatMap("Attribute", "Name", "Value"), MessageAttributes: flatMap("MessageAttribute", "Name", "Value") },
      }),
    },
  },
  SendMessageBatch: batchResult("SendMessageBatchResultEntry"),
  DeleteMessageBatch: batchResult("DeleteMessageBatchResultEntry"),
  ChangeMessageVisibilityBatch: batchResult("ChangeMessageVisibilityBatchResultEntry"),
  ListMessageMoveTasks: { members: { Results: flat("ListMessageMoveTasksResultEntry") } },
};

/** Message data operations are CloudTrail data events, which are not logged unless asked for. */
const DATA_EVENTS = new Set<SqsOperationName>([
  "SendMessage",
  "SendMessageBatch",
  "ReceiveMessage",
  "DeleteMessage",
  "DeleteMessageBatch",
  "ChangeMessageVisibility",
  "ChangeMessageVisibilityBatch",
]);

export function registerSqsOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "sqs",
    awsJson: { version: "1.0", targetPrefix: "AmazonSQS", namespace: "com.amazonaws.sqs", queryCompatible: true },
    awsQuery: { version: "2012-11-05", xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/" },
    validationError: (error) => {
      // SQS names a missing member MissingParameter and anything else malformed InvalidParameterValue.
      const missing = error.issues.find((i) => i.code === "invalid_type" && i.received === "undefined");
      if (missing) return SqsErrors.missingParameter(String(missing.path.at(-1) ?? "input"));
      const issue = error.issues[0]!;
      return SqsErrors.invalidParameter(issue.path.join(".") || "input", undefined, issue.message);
    },
  });
  for (const name of Object.keys(sqsOperations) as SqsOperationName[]) registerOperation(registry, name, sqsOperations[name]);
}

function registerOperation(registry: OperationRegistry, name: SqsOperationName, operation: SqsOperation<z.ZodTypeAny, unknown>): void {
  const decode = QUERY_DECODERS[name];
  const query: QueryBinding = {
    decode: (params, req) => {
      const input = (decode ? decode(params) : params) as Record<string, unknown>;
      // Query clients may post to the queue URL itself instead of naming it.
      if (input.QueueUrl === undefined && parseQueueUrl(req.path)) return { ...input, QueueUrl: req.path };
      return input;
    },
    result: QUERY_RESULTS[name],
  };
  registry.register({
    service: "sqs",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    dataEvent: DATA_EVENTS.has(name),
    protocols: { awsJson: {}, awsQuery: query },
  });
}
