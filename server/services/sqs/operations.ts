/**
 * The SQS operations as one table: AWS name → input schema and domain function. The gateway and the
 * tRPC router are both built from it, so a console action and an SDK call run the same code.
 */
import type { z } from "zod";
import type { ServiceOperation } from "../operation";
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from "./move-tasks";
import { addPermission, removePermission } from "./permissions";
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listDeadLetterSourceQueues,
  listQueues,
  listQueueTags,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from "./queues";
import { receiveMessage } from "./receive";
import { SqsSchemas } from "./schemas";
import { sendMessage, sendMessageBatch } from "./send";
import { changeMessageVisibility, changeMessageVisibilityBatch, deleteMessage, deleteMessageBatch } from "./settle";

export type SqsOperation<S extends z.ZodTypeAny, O> = ServiceOperation<S, O>;

function op<S extends z.ZodTypeAny, O>(input: S, handler: SqsOperation<S, O>["handler"]): SqsOperation<S, O> {
  return { input, handler };
}

/** Operations with no output answer nothing: `{}` in JSON, and no <…Result> element in XML, as AWS does. */
const none = async (): Promise<void> => undefined;

export const sqsOperations = {
  CreateQueue: op(SqsSchemas.CreateQueue, createQueue),
  DeleteQueue: op(SqsSchemas.DeleteQueue, (db, ctx, i) => deleteQueue(db, ctx, i).then(none)),
  GetQueueUrl: op(SqsSchemas.GetQueueUrl, getQueueUrl),
  ListQueues: op(SqsSchemas.ListQueues, listQueues),
  GetQueueAttributes: op(SqsSchemas.GetQueueAttributes, getQueueAttributes),
  SetQueueAttributes: op(SqsSchemas.SetQueueAttributes, (db, ctx, i) => setQueueAttributes(db, ctx, i).then(none)),
  SendMessage: op(SqsSchemas.SendMessage, sendMessage),
  SendMessageBatch: op(SqsSchemas.SendMessageBatch, sendMessageBatch),
  ReceiveMessage: op(SqsSchemas.ReceiveMessage, receiveMessage),
  DeleteMessage: op(SqsSchemas.DeleteMessage, (db, ctx, i) => deleteMessage(db, ctx, i).then(none)),
  DeleteMessageBatch: op(SqsSchemas.DeleteMessageBatch, deleteMessageBatch),
  ChangeMessageVisibility: op(SqsSchemas.ChangeMessageVisibility, (db, ctx, i) => changeMessageVisibility(db, ctx, i).then(none)),
  ChangeMessageVisibilityBatch: op(SqsSchemas.ChangeMessageVisibilityBatch, changeMessageVisibilityBatch),
  PurgeQueue: op(SqsSchemas.PurgeQueue, (db, ctx, i) => purgeQueue(db, ctx, i).then(none)),
  TagQueue: op(SqsSchemas.TagQueue, (db, ctx, i) => tagQueue(db, ctx, i).then(none)),
  UntagQueue: op(SqsSchemas.UntagQueue, (db, ctx, i) => untagQueue(db, ctx, i).then(none)),
  ListQueueTags: op(SqsSchemas.ListQueueTags, listQueueTags),
  AddPermission: op(SqsSchemas.AddPermission, (db, ctx, i) => addPermission(db, ctx, i).then(none)),
  RemovePermission: op(SqsSchemas.RemovePermission, (db, ctx, i) => removePermission(db, ctx, i).then(none)),
  ListDeadLetterSourceQueues: op(SqsSchemas.ListDeadLetterSourceQueues, listDeadLetterSourceQueues),
  StartMessageMoveTask: op(SqsSchemas.StartMessageMoveTask, startMessageMoveTask),
  ListMessageMoveTasks: op(SqsSchemas.ListMessageMoveTasks, listMessageMoveTasks),
  CancelMessageMoveTask: op(SqsSchemas.CancelMessageMoveTask, cancelMessageMoveTask),
};

export type SqsOperationName = keyof typeof sqsOperations;
