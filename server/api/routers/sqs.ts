import { z } from "zod";
import { listQueueSummaries, queueMetrics } from "../../services/sqs/console";
import { type SqsOperationName, sqsOperations } from "../../services/sqs/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const sqsMutation = <S extends z.ZodTypeAny, O>(name: SqsOperationName, operation: ServiceOperation<S, O>) => operationMutation(`sqs:${name}`, operation);

const ops = sqsOperations;

export const sqsRouter = createTRPCRouter({
  createQueue: sqsMutation("CreateQueue", ops.CreateQueue),
  deleteQueue: sqsMutation("DeleteQueue", ops.DeleteQueue),
  getQueueUrl: operationQuery(ops.GetQueueUrl),
  listQueues: operationQuery(ops.ListQueues),
  getQueueAttributes: operationQuery(ops.GetQueueAttributes),
  setQueueAttributes: sqsMutation("SetQueueAttributes", ops.SetQueueAttributes),
  sendMessage: sqsMutation("SendMessage", ops.SendMessage),
  sendMessageBatch: sqsMutation("SendMessageBatch", ops.SendMessageBatch),
  receiveMessage: sqsMutation("ReceiveMessage", ops.ReceiveMessage),
  deleteMessage: sqsMutation("DeleteMessage", ops.DeleteMessage),
  deleteMessageBatch: sqsMutation("DeleteMessageBatch", ops.DeleteMessageBatch),
  changeMessageVisibility: sqsMutation("ChangeMessageVisibility", ops.ChangeMessageVisibility),
  changeMessageVisibilityBatch: sqsMutation("ChangeMessageVisibilityBatch", ops.ChangeMessageVisibilityBatch),
  purgeQueue: sqsMutation("PurgeQueue", ops.PurgeQueue),
  tagQueue: sqsMutation("TagQueue", ops.TagQueue),
  untagQueue: sqsMutation("UntagQueue", ops.UntagQueue),
  listQueueTags: operationQuery(ops.ListQueueTags),
  addPermission: sqsMutation("AddPermission", ops.AddPermission),
  removePermission: sqsMutation("RemovePermission", ops.RemovePermission),
  listDeadLetterSourceQueues: operationQuery(ops.ListDeadLetterSourceQueues),
  startMessageMoveTask: sqsMutation("StartMessageMoveTask", ops.StartMessageMoveTask),
  listMessageMoveTasks: operationQuery(ops.ListMessageMoveTasks),
  cancelMessageMoveTask: sqsMutation("CancelMessageMoveTask", ops.CancelMessageMoveTask),
  // Console read models.
  listQueueSummaries: teamProcedure().query(({ ctx }) => listQueueSummaries(ctx.db, ctx.call)),
  queueMetrics: teamProcedure()
    .input(z.object({ QueueUrl: z.string(), minutes: z.number().int().min(5).max(24 * 60).default(60) }))
    .query(({ ctx, input }) => queueMetrics(ctx.db, ctx.call, input)),
});
