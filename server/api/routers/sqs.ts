import { z } from "zod";
import { listQueueSummaries, queueMetrics } from "../../services/sqs/console";
import { type SqsOperation, type SqsOperationName, sqsOperations } from "../../services/sqs/operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

/** Read-only SQS operations as queries, the rest as audited mutations: the same schema and domain function as the gateway's. */
function sqsQuery<S extends z.ZodTypeAny, O>(operation: SqsOperation<S, O>) {
  return teamProcedure()
    .input(operation.input)
    .query(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

function sqsMutation<S extends z.ZodTypeAny, O>(name: SqsOperationName, operation: SqsOperation<S, O>) {
  return teamProcedure()
    .meta({ audit: `sqs:${name}` })
    .input(operation.input)
    .mutation(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

const ops = sqsOperations;

export const sqsRouter = createTRPCRouter({
  createQueue: sqsMutation("CreateQueue", ops.CreateQueue),
  deleteQueue: sqsMutation("DeleteQueue", ops.DeleteQueue),
  getQueueUrl: sqsQuery(ops.GetQueueUrl),
  listQueues: sqsQuery(ops.ListQueues),
  getQueueAttributes: sqsQuery(ops.GetQueueAttributes),
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
  listQueueTags: sqsQuery(ops.ListQueueTags),
  addPermission: sqsMutation("AddPermission", ops.AddPermission),
  removePermission: sqsMutation("RemovePermission", ops.RemovePermission),
  listDeadLetterSourceQueues: sqsQuery(ops.ListDeadLetterSourceQueues),
  startMessageMoveTask: sqsMutation("StartMessageMoveTask", ops.StartMessageMoveTask),
  listMessageMoveTasks: sqsQuery(ops.ListMessageMoveTasks),
  cancelMessageMoveTask: sqsMutation("CancelMessageMoveTask", ops.CancelMessageMoveTask),
  // Console read models.
  listQueueSummaries: teamProcedure().query(({ ctx }) => listQueueSummaries(ctx.db, ctx.call)),
  queueMetrics: teamProcedure()
    .input(z.object({ QueueUrl: z.string(), minutes: z.number().int().min(5).max(24 * 60).default(60) }))
    .query(({ ctx, input }) => queueMetrics(ctx.db, ctx.call, input)),
});
