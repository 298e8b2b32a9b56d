/**
 * SNS operations as IAM actions. Only topics are resources with permissions of their own; subscription,
 * platform application, endpoint and phone number actions are defined on `*`.
 */
import type { ActionEntry, InputReader, RequestScope } from "../iam/authorization/request-actions";
import { topicArn } from "./arns";
import type { SnsOperationName } from "./operations";

function topicOfName(input: InputReader, scope: RequestScope): string | null {
  const name = input.string("Name");
  return name && topicArn(scope.region, scope.accountId, name);
}

const onTopic: ActionEntry = { resource: "TopicArn" };
const onTagged: ActionEntry = { resource: "ResourceArn" };

export const snsActions = {
  CreateTopic: { resource: topicOfName },
  DeleteTopic: onTopic,
  ListTopics: {},
  GetTopicAttributes: onTopic,
  SetTopicAttributes: onTopic,
  AddPermission: onTopic,
  RemovePermission: onTopic,
  Subscribe: onTopic,
  ConfirmSubscription: onTopic,
  Unsubscribe: {},
  ListSubscriptions: {},
  ListSubscriptionsByTopic: onTopic,
  GetSubscriptionAttributes: {},
  SetSubscriptionAttributes: {},
  // A platform endpoint (TargetArn) when no topic is named; a phone number is no resource.
  Publish: { resource: (input) => input.string("TopicArn") ?? input.string("TargetArn") },
  // PublishBatch has no action of its own: it needs sns:Publish.
  PublishBatch: { action: "Publish", resource: "TopicArn" },
  TagResource: onTagged,
  UntagResource: onTagged,
  ListTagsForResource: onTagged,
  CreatePlatformApplication: {},
  DeletePlatformApplication: {},
  ListPlatformApplications: {},
  GetPlatformApplicationAttributes: {},
  SetPlatformApplicationAttributes: {},
  CreatePlatformEndpoint: {},
  DeleteEndpoint: {},
  GetEndpointAttributes: {},
  SetEndpointAttributes: {},
  ListEndpointsByPlatformApplication: {},
  CheckIfPhoneNumberIsOptedOut: {},
  ListPhoneNumbersOptedOut: {},
  OptInPhoneNumber: {},
} satisfies Record<SnsOperationName, ActionEntry>;
