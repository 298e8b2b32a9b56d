/** The records of the SQS event Lambda hands a function (`{"Records": [...]}`), as AWS shapes them. */
import type { ReceivedMessage } from "../../../server/services/sqs/received-message";
import { parsedJson } from "./filters";

export interface SqsMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsMessageAttribute>;
  /** Null when the message has no attributes (as AWS sends it). */
  md5OfMessageAttributes: string | null;
  md5OfBody: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

/** The system attributes in the order Lambda writes them; any others follow. */
const ATTRIBUTE_ORDER = [
  "ApproximateReceiveCount",
  "SentTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "SenderId",
  "MessageDeduplicationId",
  "ApproximateFirstReceiveTimestamp",
];

function orderedAttributes(attributes: Record<string, string> = {}): Record<string, string> {
  const names = [...ATTRIBUTE_ORDER.filter((name) => name in attributes), ...Object.keys(attributes).filter((name) => !ATTRIBUTE_ORDER.includes(name))];
  return Object.fromEntries(names.map((name) => [name, attributes[name]!]));
}

/** `message` must have been received with all system and message attributes. */
export function sqsRecord(message: ReceivedMessage, queue: { arn: string; region: string }): SqsEventRecord {
  const messageAttributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, a]): [string, SqsMessageAttribute] => [
      name,
      {
        ...(a.StringValue !== undefined && { stringValue: a.StringValue }),
        ...(a.BinaryValue !== undefined && { binaryValue: a.BinaryValue.toString("base64") }),
        stringListValues: [],
        binaryListValues: [],
        dataType: a.DataType,
      },
    ]),
  );
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: orderedAttributes(message.Attributes),
    messageAttributes,
    md5OfMessageAttributes: message.MD5OfMessageAttributes ?? null,
    md5OfBody: message.MD5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: queue.arn,
    awsRegion: queue.region,
  };
}

/** What filter patterns see: the record, with a JSON body as parsed JSON. */
export function filterSubject(record: SqsEventRecord): Record<string, unknown> {
  const body = parsedJson(record.body);
  // Not JSON: patterns match the body as a plain string.
  return { ...record, body: body === undefined ? record.body : body };
}
