import { z } from "zod";
import { listDeliveries, listOutbox, listTopicSummaries } from "../../services/sns/console";
import { FilterPolicyError, parseFilterPolicy } from "../../services/sns/filter-policy";
import { type SnsOperationName, snsOperations } from "../../services/sns/operations";
import { optOutPhoneNumber } from "../../services/sns/platform";
import { createVideoFanOutSample, publishSampleUpload, videoFanOutStatus } from "../../services/sns/samples/video-fan-out";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const snsMutation = <S extends z.ZodTypeAny, O>(name: SnsOperationName, operation: ServiceOperation<S, O>) => operationMutation(`sns:${name}`, operation);

const ops = snsOperations;

export const snsRouter = createTRPCRouter({
  createTopic: snsMutation("CreateTopic", ops.CreateTopic),
  deleteTopic: snsMutation("DeleteTopic", ops.DeleteTopic),
  listTopics: operationQuery(ops.ListTopics),
  getTopicAttributes: operationQuery(ops.GetTopicAttributes),
  setTopicAttributes: snsMutation("SetTopicAttributes", ops.SetTopicAttributes),
  addPermission: snsMutation("AddPermission", ops.AddPermission),
  removePermission: snsMutation("RemovePermission", ops.RemovePermission),
  subscribe: snsMutation("Subscribe", ops.Subscribe),
  confirmSubscription: snsMutation("ConfirmSubscription", ops.ConfirmSubscription),
  unsubscribe: snsMutation("Unsubscribe", ops.Unsubscribe),
  listSubscriptions: operationQuery(ops.ListSubscriptions),
  listSubscriptionsByTopic: operationQuery(ops.ListSubscriptionsByTopic),
  getSubscriptionAttributes: operationQuery(ops.GetSubscriptionAttributes),
  setSubscriptionAttributes: snsMutation("SetSubscriptionAttributes", ops.SetSubscriptionAttributes),
  publish: snsMutation("Publish", ops.Publish),
  publishBatch: snsMutation("PublishBatch", ops.PublishBatch),
  tagResource: snsMutation("TagResource", ops.TagResource),
  untagResource: snsMutation("UntagResource", ops.UntagResource),
  listTagsForResource: operationQuery(ops.ListTagsForResource),
  createPlatformApplication: snsMutation("CreatePlatformApplication", ops.CreatePlatformApplication),
  deletePlatformApplication: snsMutation("DeletePlatformApplication", ops.DeletePlatformApplication),
  listPlatformApplications: operationQuery(ops.ListPlatformApplications),
  getPlatformApplicationAttributes: operationQuery(ops.GetPlatformApplicationAttributes),
  setPlatformApplicationAttributes: snsMutation("SetPlatformApplicationAttributes", ops.SetPlatformApplicationAttributes),
  createPlatformEndpoint: snsMutation("CreatePlatformEndpoint", ops.CreatePlatformEndpoint),
  deleteEndpoint: snsMutation("DeleteEndpoint", ops.DeleteEndpoint),
  getEndpointAttributes: operationQuery(ops.GetEndpointAttributes),
  setEndpointAttributes: snsMutation("SetEndpointAttributes", ops.SetEndpointAttributes),
  listEndpointsByPlatformApplication: operationQuery(ops.ListEndpointsByPlatformApplication),
  checkIfPhoneNumberIsOptedOut: operationQuery(ops.CheckIfPhoneNumberIsOptedOut),
  listPhoneNumbersOptedOut: operationQuery(ops.ListPhoneNumbersOptedOut),
  optInPhoneNumber: snsMutation("OptInPhoneNumber", ops.OptInPhoneNumber),
  // Console read models and actions.
  optOutPhoneNumber: teamProcedure()
    .meta({ audit: "sns:OptOutPhoneNumber" })
    .input(z.object({ phoneNumber: z.string() }))
    .mutation(({ ctx, input }) => optOutPhoneNumber(ctx.db, ctx.call, input)),
  createVideoFanOutSample: teamProcedure()
    .meta({ audit: "sns:CreateTopic" })
    .mutation(({ ctx }) => createVideoFanOutSample(ctx.db, ctx.call)),
  publishSampleUpload: teamProcedure()
    .meta({ audit: "sns:Publish" })
    .input(z.object({ sourceHeight: z.number().int().min(144).max(4320) }))
    .mutation(({ ctx, input }) => publishSampleUpload(ctx.db, ctx.call, input)),
  videoFanOutStatus: teamProcedure().query(({ ctx }) => videoFanOutStatus(ctx.db, ctx.call)),
  /** The console's live check of a filter policy as it is typed: AWS's reason, or valid. */
  checkFilterPolicy: teamProcedure()
    .input(z.object({ policy: z.string(), scope: z.enum(["MessageAttributes", "MessageBody"]) }))
    .query(({ input }) => {
      try {
        parseFilterPolicy(input.policy, input.scope);
        return { valid: true as const };
      } catch (error) {
        if (error instanceof FilterPolicyError) return { valid: false as const, reason: error.reason };
        throw error;
      }
    }),
  listTopicSummaries: teamProcedure().query(({ ctx }) => listTopicSummaries(ctx.db, ctx.call)),
  listDeliveries: teamProcedure()
    .input(z.object({ TopicArn: z.string().optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.call, input)),
  listOutbox: teamProcedure()
    .input(z.object({ protocol: z.enum(["email", "email-json", "sms", "application"]).optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listOutbox(ctx.db, ctx.call, input)),
});
