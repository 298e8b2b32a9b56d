/**
 * Operation inputs in AWS's shapes, shared by the gateway (both protocols) and tRPC. They check
 * types only; ranges and AWS's own messages are the domain's job, so every caller gets AWS's errors.
 */
import { z } from "zod";

const QueueUrl = z.string().min(1);
const StringMap = z.record(z.string(), z.string());
const Base64 = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s), "must be base64")
  .transform((s) => Buffer.from(s, "base64"));

const MessageAttributeValue = z.object({
  DataType: z.string().optional(),
  StringValue: z.string().optional(),
  BinaryValue: Base64.optional(),
  StringListValues: z.array(z.string()).optional(),
  BinaryListValues: z.array(Base64).optional(),
});
const MessageAttributes = z.record(z.string(), MessageAttributeValue);

const SendFields = {
  MessageBody: z.string().optional(),
  DelaySeconds: z.number().int().optional(),
  MessageAttributes: MessageAttributes.optional(),
  MessageSystemAttributes: MessageAttributes.optional(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
};

const BatchId = { Id: z.string() };
const Paging = { NextToken: z.string().optional(), MaxResults: z.number().int().optional() };

export const SqsSchemas = {
  CreateQueue: z.object({ QueueName: z.string(), Attributes: StringMap.optional(), tags: StringMap.optional() }),
  DeleteQueue: z.object({ QueueUrl }),
  GetQueueUrl: z.object({ QueueName: z.string(), QueueOwnerAWSAccountId: z.string().optional() }),
  ListQueues: z.object({ QueueNamePrefix: z.string().optional(), ...Paging }),
  GetQueueAttributes: z.object({ QueueUrl, AttributeNames: z.array(z.string()).optional() }),
  SetQueueAttributes: z.object({ QueueUrl, Attributes: StringMap }),
  SendMessage: z.object({ QueueUrl, ...SendFields }),
  SendMessageBatch: z.object({ QueueUrl, Entries: z.array(z.object({ ...BatchId, ...SendFields })) }),
  ReceiveMessage: z.object({
    QueueUrl,
    AttributeNames: z.array(z.string()).optional(),
    MessageSystemAttributeNames: z.array(z.string()).optional(),
    MessageAttributeNames: z.array(z.string()).optional(),
    MaxNumberOfMessages: z.number().int().optional(),
    VisibilityTimeout: z.number().int().optional(),
    WaitTimeSeconds: z.number().int().optional(),
    ReceiveRequestAttemptId: z.string().optional(),
  }),
  DeleteMessage: z.object({ QueueUrl, ReceiptHandle: z.string() }),
  DeleteMessageBatch: z.object({ QueueUrl, Entries: z.array(z.object({ ...BatchId, ReceiptHandle: z.string() })) }),
  ChangeMessageVisibility: z.object({ QueueUrl, ReceiptHandle: z.string(), VisibilityTimeout: z.number().int() }),
  ChangeMessageVisibilityBatch: z.object({
    QueueUrl,
    Entries: z.array(z.object({ ...BatchId, ReceiptHandle: z.string(), VisibilityTimeout: z.number().int().optional() })),
  }),
  PurgeQueue: z.object({ QueueUrl }),
  TagQueue: z.object({ QueueUrl, Tags: StringMap }),
  UntagQueue: z.object({ QueueUrl, TagKeys: z.array(z.string()) }),
  ListQueueTags: z.object({ QueueUrl }),
  AddPermission: z.object({ QueueUrl, Label: z.string(), AWSAccountIds: z.array(z.string()), Actions: z.array(z.string()) }),
  RemovePermission: z.object({ QueueUrl, Label: z.string() }),
  ListDeadLetterSourceQueues: z.object({ QueueUrl, ...Paging }),
  StartMessageMoveTask: z.object({ SourceArn: z.string(), DestinationArn: z.string().optional(), MaxNumberOfMessagesPerSecond: z.number().int().optional() }),
  ListMessageMoveTasks: z.object({ SourceArn: z.string(), MaxResults: z.number().int().optional() }),
  CancelMessageMoveTask: z.object({ TaskHandle: z.string() }),
} as const;
