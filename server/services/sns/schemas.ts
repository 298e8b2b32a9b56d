/**
 * Operation inputs in AWS's shapes, shared by the gateway and tRPC. They check types only; AWS's own
 * rules and messages are the domain's job, so every caller gets AWS's errors.
 */
import { z } from "zod";

const StringMap = z.record(z.string(), z.string());
const Base64 = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s), "must be base64")
  .transform((s) => Buffer.from(s, "base64"));
const Tag = z.object({ Key: z.string(), Value: z.string() });
const MessageAttributes = z.record(
  z.string(),
  z.object({ DataType: z.string().optional(), StringValue: z.string().optional(), BinaryValue: z.union([Base64, z.instanceof(Uint8Array)]).optional() }),
);
const PublishFields = {
  Message: z.string().optional(),
  Subject: z.string().optional(),
  MessageStructure: z.string().optional(),
  MessageAttributes: MessageAttributes.optional(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
};
const TopicArn = z.string();
const SubscriptionArn = z.string();
const NextToken = z.string().optional();
const PlatformApplicationArn = z.string();
const EndpointArn = z.string();

export const SnsSchemas = {
  CreateTopic: z.object({ Name: z.string(), Attributes: StringMap.optional(), Tags: z.array(Tag).optional(), DataProtectionPolicy: z.string().optional() }),
  DeleteTopic: z.object({ TopicArn }),
  ListTopics: z.object({ NextToken }),
  GetTopicAttributes: z.object({ TopicArn }),
  SetTopicAttributes: z.object({ TopicArn, AttributeName: z.string(), AttributeValue: z.string().optional() }),
  Subscribe: z.object({
    TopicArn,
    Protocol: z.string(),
    Endpoint: z.string().optional(),
    Attributes: StringMap.optional(),
    ReturnSubscriptionArn: z.boolean().optional(),
  }),
  ConfirmSubscription: z.object({ TopicArn, Token: z.string(), AuthenticateOnUnsubscribe: z.string().optional() }),
  Unsubscribe: z.object({ SubscriptionArn }),
  ListSubscriptions: z.object({ NextToken }),
  ListSubscriptionsByTopic: z.object({ TopicArn, NextToken }),
  GetSubscriptionAttributes: z.object({ SubscriptionArn }),
  SetSubscriptionAttributes: z.object({ SubscriptionArn, AttributeName: z.string(), AttributeValue: z.string().optional() }),
  Publish: z.object({ TopicArn: z.string().optional(), TargetArn: z.string().optional(), PhoneNumber: z.string().optional(), ...PublishFields }),
  PublishBatch: z.object({ TopicArn, PublishBatchRequestEntries: z.array(z.object({ Id: z.string(), ...PublishFields })) }),
  TagResource: z.object({ ResourceArn: z.string(), Tags: z.array(Tag) }),
  UntagResource: z.object({ ResourceArn: z.string(), TagKeys: z.array(z.string()) }),
  ListTagsForResource: z.object({ ResourceArn: z.string() }),
  AddPermission: z.object({ TopicArn, Label: z.string(), AWSAccountId: z.array(z.string()).default([]), ActionName: z.array(z.string()).default([]) }),
  RemovePermission: z.object({ TopicArn, Label: z.string() }),
  CreatePlatformApplication: z.object({ Name: z.string(), Platform: z.string(), Attributes: StringMap.default({}) }),
  DeletePlatformApplication: z.object({ PlatformApplicationArn }),
  ListPlatformApplications: z.object({ NextToken }),
  GetPlatformApplicationAttributes: z.object({ PlatformApplicationArn }),
  SetPlatformApplicationAttributes: z.object({ PlatformApplicationArn, Attributes: StringMap.default({}) }),
  CreatePlatformEndpoint: z.object({ PlatformApplicationArn, Token: z.string(), CustomUserData: z.string().optional(), Attributes: StringMap.optional() }),
  DeleteEndpoint: z.object({ EndpointArn }),
  GetEndpointAttributes: z.object({ EndpointArn }),
  SetEndpointAttributes: z.object({ EndpointArn, Attributes: StringMap.default({}) }),
  ListEndpointsByPlatformApplication: z.object({ PlatformApplicationArn, NextToken }),
  CheckIfPhoneNumberIsOptedOut: z.object({ phoneNumber: z.string() }),
  ListPhoneNumbersOptedOut: z.object({ nextToken: z.string().optional() }),
  OptInPhoneNumber: z.object({ phoneNumber: z.string() }),
};
