/**
 * The SNS operations as one table: AWS name → input schema and domain function. The gateway and the
 * tRPC router are both built from it, so a console action and an SDK call run the same code.
 */
import { operation as op } from "../operation";
import * as platform from "./platform";
import { publish, publishBatch } from "./publish";
import { SnsSchemas } from "./schemas";
import * as subscriptions from "./subscriptions";
import { listTagsForResource, tagResource, untagResource } from "./tags";
import * as topics from "./topics";

/** Operations with no output answer no <…Result> element, as AWS does. */
const none = async (): Promise<void> => undefined;

export const snsOperations = {
  CreateTopic: op(SnsSchemas.CreateTopic, topics.createTopic),
  DeleteTopic: op(SnsSchemas.DeleteTopic, (db, ctx, i) => topics.deleteTopic(db, ctx, i).then(none)),
  ListTopics: op(SnsSchemas.ListTopics, topics.listTopics),
  GetTopicAttributes: op(SnsSchemas.GetTopicAttributes, topics.getTopicAttributes),
  SetTopicAttributes: op(SnsSchemas.SetTopicAttributes, (db, ctx, i) => topics.setTopicAttributes(db, ctx, i).then(none)),
  AddPermission: op(SnsSchemas.AddPermission, (db, ctx, i) => topics.addPermission(db, ctx, i).then(none)),
  RemovePermission: op(SnsSchemas.RemovePermission, (db, ctx, i) => topics.removePermission(db, ctx, i).then(none)),
  Subscribe: op(SnsSchemas.Subscribe, subscriptions.subscribe),
  ConfirmSubscription: op(SnsSchemas.ConfirmSubscription, (db, _ctx, i) => subscriptions.confirmSubscription(db, i, true)),
  Unsubscribe: op(SnsSchemas.Unsubscribe, (db, ctx, i) => subscriptions.unsubscribe(db, ctx, i).then(none)),
  ListSubscriptions: op(SnsSchemas.ListSubscriptions, subscriptions.listSubscriptions),
  ListSubscriptionsByTopic: op(SnsSchemas.ListSubscriptionsByTopic, subscriptions.listSubscriptionsByTopic),
  GetSubscriptionAttributes: op(SnsSchemas.GetSubscriptionAttributes, subscriptions.getSubscriptionAttributes),
  SetSubscriptionAttributes: op(SnsSchemas.SetSubscriptionAttributes, (db, ctx, i) => subscriptions.setSubscriptionAttributes(db, ctx, i).then(none)),
  Publish: op(SnsSchemas.Publish, publish),
  PublishBatch: op(SnsSchemas.PublishBatch, publishBatch),
  TagResource: op(SnsSchemas.TagResource, (db, ctx, i) => tagResource(db, ctx, i).then(none)),
  UntagResource: op(SnsSchemas.UntagResource, (db, ctx, i) => untagResource(db, ctx, i).then(none)),
  ListTagsForResource: op(SnsSchemas.ListTagsForResource, listTagsForResource),
  CreatePlatformApplication: op(SnsSchemas.CreatePlatformApplication, platform.createPlatformApplication),
  DeletePlatformApplication: op(SnsSchemas.DeletePlatformApplication, (db, ctx, i) => platform.deletePlatformApplication(db, ctx, i).then(none)),
  ListPlatformApplications: op(SnsSchemas.ListPlatformApplications, platform.listPlatformApplications),
  GetPlatformApplicationAttributes: op(SnsSchemas.GetPlatformApplicationAttributes, platform.getPlatformApplicationAttributes),
  SetPlatformApplicationAttributes: op(SnsSchemas.SetPlatformApplicationAttributes, (db, ctx, i) => platform.setPlatformApplicationAttributes(db, ctx, i).then(none)),
  CreatePlatformEndpoint: op(SnsSchemas.CreatePlatformEndpoint, platform.createPlatformEndpoint),
  DeleteEndpoint: op(SnsSchemas.DeleteEndpoint, (db, ctx, i) => platform.deleteEndpoint(db, ctx, i).then(none)),
  GetEndpointAttributes: op(SnsSchemas.GetEndpointAttributes, platform.getEndpointAttributes),
  SetEndpointAttributes: op(SnsSchemas.SetEndpointAttributes, (db, ctx, i) => platform.setEndpointAttributes(db, ctx, i).then(none)),
  ListEndpointsByPlatformApplication: op(SnsSchemas.ListEndpointsByPlatformApplication, platform.listEndpointsByPlatformApplication),
  CheckIfPhoneNumberIsOptedOut: op(SnsSchemas.CheckIfPhoneNumberIsOptedOut, platform.checkIfPhoneNumberIsOptedOut),
  ListPhoneNumbersOptedOut: op(SnsSchemas.ListPhoneNumbersOptedOut, platform.listPhoneNumbersOptedOut),
  OptInPhoneNumber: op(SnsSchemas.OptInPhoneNumber, (db, ctx, i) => platform.optInPhoneNumber(db, ctx, i).then(none)),
};

export type SnsOperationName = keyof typeof snsOperations;

/** Publishing is a CloudTrail data event, not audited unless asked for. */
export const SNS_DATA_EVENTS = new Set<SnsOperationName>(["Publish", "PublishBatch"]);
