/** SQS operations as IAM actions: every one but ListQueues acts on a queue, `arn:aws:sqs:<region>:<account>:<name>`. */
import { z } from "zod";
import type { ActionEntry, InputReader, RequestScope } from "../iam/authorization/request-actions";
import { parseQueueUrl, queueArn } from "./addressing";
import type { SqsOperationName } from "./operations";

/** The queue a QueueUrl addresses, in the caller's region (as the handlers resolve it). */
function queueOfUrl(input: InputReader, scope: RequestScope): string | null {
  const url = input.string("QueueUrl");
  const address = url === null ? null : parseQueueUrl(url);
  return address && queueArn(scope.region, address.accountId, address.name);
}

/** CreateQueue and GetQueueUrl name the queue; GetQueueUrl may name its owner. */
function queueOfName(input: InputReader, scope: RequestScope): string | null {
  const name = input.string("QueueName");
  return name && queueArn(scope.region, input.string("QueueOwnerAWSAccountId") ?? scope.accountId, name);
}

/**
 * A TaskHandle is base64 JSON naming the task's source queue (move-tasks.ts, whose decoder is private
 * and throws the service's error). JSON.parse throws on a malformed one: the describer reads that as no resource.
 */
const TaskHandle = z.object({ sourceArn: z.string() });
function sourceOfHandle(input: InputReader): string | null {
  const handle = input.string("TaskHandle");
  if (handle === null) return null;
  const parsed = TaskHandle.safeParse(JSON.parse(Buffer.from(handle, "base64").toString("utf8")));
  return parsed.success ? parsed.data.sourceArn : null;
}

const onQueue: ActionEntry = { resource: queueOfUrl };
const onSourceQueue: ActionEntry = { resource: "SourceArn" };

export const sqsActions = {
  CreateQueue: { resource: queueOfName },
  DeleteQueue: onQueue,
  GetQueueUrl: { resource: queueOfName },
  ListQueues: {},
  GetQueueAttributes: onQueue,
  SetQueueAttributes: onQueue,
  SendMessage: onQueue,
  // Batches are authorised as their single-message action.
  SendMessageBatch: { action: "SendMessage", resource: queueOfUrl },
  ReceiveMessage: onQueue,
  DeleteMessage: onQueue,
  DeleteMessageBatch: { action: "DeleteMessage", resource: queueOfUrl },
  ChangeMessageVisibility: onQueue,
  ChangeMessageVisibilityBatch: { action: "ChangeMessageVisibility", resource: queueOfUrl },
  PurgeQueue: onQueue,
  TagQueue: onQueue,
  UntagQueue: onQueue,
  ListQueueTags: onQueue,
  AddPermission: onQueue,
  RemovePermission: onQueue,
  ListDeadLetterSourceQueues: onQueue,
  StartMessageMoveTask: onSourceQueue,
  ListMessageMoveTasks: onSourceQueue,
  CancelMessageMoveTask: { resource: sourceOfHandle },
} satisfies Record<SqsOperationName, ActionEntry>;
