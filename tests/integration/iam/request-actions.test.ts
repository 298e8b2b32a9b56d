/** Every gateway operation described as IAM sees it: its action and the resource ARN it acts on. */
import assert from "node:assert/strict";
import { describe, mock, test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { OperationRegistry } from "../../../server/gateway/registry";
import { createDefaultRegistry } from "../../../server/gateway/services";
import { describeRequest, hasMapping, type RequestedAction } from "../../../server/services/iam/authorization/request-actions";
import { encodeShardIterator } from "../../../server/services/kinesis/iterators";

const OWN = "111111111111";
const OTHER = "222222222222";
const scope = { accountId: OWN, region: "us-east-1" };

/** The registry offers no list of its operations: the default registry's are recorded as it registers them. */
function registeredOperations(): { service: string; name: string }[] {
  const register = mock.method(OperationRegistry.prototype, "register");
  try {
    createDefaultRegistry();
    return register.mock.calls.map((call) => ({ service: call.arguments[0].service, name: call.arguments[0].name }));
  } finally {
    register.mock.restore();
  }
}

describe("IAM request actions", () => {
  test("every registered operation has a mapping, and odd input never throws", () => {
    const operations = registeredOperations();
    assert.ok(new Set(operations.map((op) => op.service)).size >= 8, "the default registry's services are recorded");
    const unmapped = operations.filter((op) => !hasMapping(op.service, op.name)).map((op) => `${op.service}:${op.name}`);
    assert.deepEqual(unmapped, [], "map these operations in their service's iam-actions.ts");
    for (const { service, name } of operations) {
      for (const input of [{}, null, "text", { QueueUrl: 5, FunctionName: "arn:aws:lambda:", TaskHandle: "%%", ShardIterator: "x" }]) {
        const described = describeRequest(service, name, input, scope);
        assert.ok(described.action.startsWith(`${service}:`), `${service}:${name} → ${described.action}`);
        assert.ok(described.resources.length > 0);
      }
    }
  });

  test("unknown operations and services fall back to service:Operation on *", () => {
    assert.equal(hasMapping("sqs", "FutureOperation"), false);
    assert.equal(hasMapping("sqs", "toString"), false);
    assert.equal(hasMapping("s3", "GetObject"), false);
    assert.deepEqual(describeRequest("sqs", "FutureOperation", { QueueUrl: "x" }, scope), { action: "sqs:FutureOperation", resources: ["*"] });
    assert.deepEqual(describeRequest("s3", "GetObject", {}, scope), { action: "s3:GetObject", resources: ["*"] });
  });

  const queue = (account: string, name: string) => `arn:aws:sqs:us-east-1:${account}:${name}`;
  const fn = (account: string, rest: string) => `arn:aws:lambda:us-east-1:${account}:function:${rest}`;
  const topic = (account: string) => `arn:aws:sns:us-east-1:${account}:alerts`;
  const logs = (account: string, rest: string) => `arn:aws:logs:us-east-1:${account}:log-group:${rest}`;
  const stream = (account: string) => `arn:aws:kinesis:us-east-1:${account}:stream/clicks`;
  const apigw = (path: string) => `arn:aws:apigateway:us-east-1::${path}`;
  const iam = (account: string, rest: string) => `arn:aws:iam::${account}:${rest}`;
  const handle = (sourceArn: string) => Buffer.from(JSON.stringify({ taskId: "t-1", sourceArn })).toString("base64");
  const iterator = encodeShardIterator({
    accountId: OWN,
    region: "us-east-1",
    streamId: 1n,
    streamName: "clicks",
    streamCreatedAt: new Date(),
    shardRowId: 1n,
    shardIndex: 0,
    after: 0n,
  });

  const on = (action: string, resource: string, resourceAccountId?: string): RequestedAction => ({
    action,
    resources: [resource],
    ...(resourceAccountId !== undefined && { resourceAccountId }),
  });
  const anywhere = (action: string): RequestedAction => ({ action, resources: ["*"] });

  /** By service: operation, input, what it is described as. */
  const cases: Record<string, [operation: string, input: unknown, expected: RequestedAction][]> = {
    sqs: [
      ["SendMessage", { QueueUrl: `http://localhost:4566/${OWN}/orders`, MessageBody: "hi" }, on("sqs:SendMessage", queue(OWN, "orders"))],
      ["SendMessageBatch", { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${OTHER}/orders`, Entries: [] }, on("sqs:SendMessage", queue(OTHER, "orders"), OTHER)],
      ["DeleteMessageBatch", { QueueUrl: `/${OWN}/orders.fifo` }, on("sqs:DeleteMessage", queue(OWN, "orders.fifo"))],
      ["CreateQueue", { QueueName: "jobs" }, on("sqs:CreateQueue", queue(OWN, "jobs"))],
      ["GetQueueUrl", { QueueName: "jobs", QueueOwnerAWSAccountId: OTHER }, on("sqs:GetQueueUrl", queue(OTHER, "jobs"), OTHER)],
      ["StartMessageMoveTask", { SourceArn: queue(OWN, "jobs-dlq") }, on("sqs:StartMessageMoveTask", queue(OWN, "jobs-dlq"))],
      ["CancelMessageMoveTask", { TaskHandle: handle(queue(OWN, "jobs-dlq")) }, on("sqs:CancelMessageMoveTask", queue(OWN, "jobs-dlq"))],
      ["ListQueues", { QueueNamePrefix: "j" }, anywhere("sqs:ListQueues")],
      ["SendMessage", { QueueUrl: `http://localhost:4566/${OWN}/%E0` }, anywhere("sqs:SendMessage")],
    ],
    lambda: [
      ["Invoke", { FunctionName: "thumbnail" }, on("lambda:InvokeFunction", fn(OWN, "thumbnail"))],
      ["Invoke", { FunctionName: "thumbnail:prod" }, on("lambda:InvokeFunction", fn(OWN, "thumbnail:prod"))],
      ["Invoke", { FunctionName: `${OTHER}:function:thumbnail`, Qualifier: "3" }, on("lambda:InvokeFunction", fn(OTHER, "thumbnail:3"), OTHER)],
      ["Invoke", { FunctionName: fn(OTHER, "thumbnail:$LATEST") }, on("lambda:InvokeFunction", fn(OTHER, "thumbnail:$LATEST"), OTHER)],
      ["InvokeAsync", { FunctionName: fn(OWN, "thumbnail") }, on("lambda:InvokeAsync", fn(OWN, "thumbnail"))],
      ["GetFunctionConfiguration", { FunctionName: "thumbnail", Qualifier: "prod" }, on("lambda:GetFunctionConfiguration", fn(OWN, "thumbnail:prod"))],
      ["ListVersionsByFunction", { FunctionName: "thumbnail" }, on("lambda:ListVersionsByFunction", fn(OWN, "thumbnail"))],
      ["CreateAlias", { FunctionName: "thumbnail", Name: "prod", FunctionVersion: "1" }, on("lambda:CreateAlias", fn(OWN, "thumbnail"))],
      ["ListFunctions", {}, anywhere("lambda:ListFunctions")],
      ["CreateEventSourceMapping", { FunctionName: "thumbnail", EventSourceArn: queue(OWN, "jobs") }, anywhere("lambda:CreateEventSourceMapping")],
      ["DeleteEventSourceMapping", { UUID: "fa123456-14a1-4fd2-9fec-83de64ad683d" }, on("lambda:DeleteEventSourceMapping", `arn:aws:lambda:us-east-1:${OWN}:event-source-mapping:fa123456-14a1-4fd2-9fec-83de64ad683d`)],
      ["GetLayerVersion", { LayerName: "deps", VersionNumber: 2 }, on("lambda:GetLayerVersion", `arn:aws:lambda:us-east-1:${OWN}:layer:deps:2`)],
      ["GetLayerVersionByArn", { Arn: `arn:aws:lambda:us-east-1:${OTHER}:layer:deps:2` }, on("lambda:GetLayerVersion", `arn:aws:lambda:us-east-1:${OTHER}:layer:deps:2`, OTHER)],
      ["PublishLayerVersion", { LayerName: `arn:aws:lambda:us-east-1:${OWN}:layer:deps` }, on("lambda:PublishLayerVersion", `arn:aws:lambda:us-east-1:${OWN}:layer:deps`)],
      ["TagResource", { Resource: fn(OWN, "thumbnail"), Tags: {} }, on("lambda:TagResource", fn(OWN, "thumbnail"))],
    ],
    sns: [
      ["Publish", { TopicArn: topic(OWN), Message: "m" }, on("sns:Publish", topic(OWN))],
      ["Publish", { PhoneNumber: "+15555550100", Message: "m" }, anywhere("sns:Publish")],
      ["PublishBatch", { TopicArn: topic(OTHER), PublishBatchRequestEntries: [] }, on("sns:Publish", topic(OTHER), OTHER)],
      ["CreateTopic", { Name: "alerts" }, on("sns:CreateTopic", topic(OWN))],
      ["Subscribe", { TopicArn: topic(OTHER), Protocol: "sqs" }, on("sns:Subscribe", topic(OTHER), OTHER)],
      ["Unsubscribe", { SubscriptionArn: `${topic(OWN)}:0b1c7ae6-1e3b-4a1e-9f0f-2f7d6a0f3c11` }, anywhere("sns:Unsubscribe")],
    ],
    logs: [
      ["PutLogEvents", { logGroupName: "/aws/lambda/thumbnail", logStreamName: "2024/01/01/[$LATEST]ab", logEvents: [] }, on("logs:PutLogEvents", logs(OWN, "/aws/lambda/thumbnail:log-stream:2024/01/01/[$LATEST]ab"))],
      ["CreateLogGroup", { logGroupName: "/app" }, on("logs:CreateLogGroup", logs(OWN, "/app:log-stream:"))],
      ["DescribeLogStreams", { logGroupIdentifier: `arn:aws:logs:us-east-1:${OTHER}:log-group:/app` }, on("logs:DescribeLogStreams", logs(OTHER, "/app:log-stream:"), OTHER)],
      ["GetLogEvents", { logGroupIdentifier: "/app", logStreamName: "s1" }, on("logs:GetLogEvents", logs(OWN, "/app:log-stream:s1"))],
      ["DescribeLogGroups", { logGroupNamePrefix: "/aws" }, on("logs:DescribeLogGroups", logs(OWN, ":log-stream:"))],
      ["TagResource", { resourceArn: `arn:aws:logs:us-east-1:${OWN}:log-group:/app`, tags: {} }, on("logs:TagResource", `arn:aws:logs:us-east-1:${OWN}:log-group:/app`)],
      ["FilterLogEvents", { logGroupIdentifier: "arn:aws:logs:us-east-1:bad" }, anywhere("logs:FilterLogEvents")],
    ],
    kinesis: [
      ["PutRecord", { StreamName: "clicks", Data: "", PartitionKey: "k" }, on("kinesis:PutRecord", stream(OWN))],
      ["PutRecords", { StreamARN: stream(OTHER), Records: [] }, on("kinesis:PutRecords", stream(OTHER), OTHER)],
      ["GetRecords", { ShardIterator: iterator }, on("kinesis:GetRecords", stream(OWN))],
      ["GetRecords", { ShardIterator: "not-an-iterator" }, anywhere("kinesis:GetRecords")],
      ["SubscribeToShard", { ConsumerARN: `${stream(OWN)}/consumer/app:1700000000` }, on("kinesis:SubscribeToShard", `${stream(OWN)}/consumer/app:1700000000`)],
      ["DescribeStreamConsumer", { StreamARN: stream(OWN), ConsumerName: "app" }, on("kinesis:DescribeStreamConsumer", `${stream(OWN)}/consumer/app:*`)],
      ["ListStreams", {}, anywhere("kinesis:ListStreams")],
    ],
    apigateway: [
      ["GetRestApis", {}, on("apigateway:GET", apigw("/restapis"))],
      ["ImportRestApi", { body: Buffer.from("{}") }, on("apigateway:POST", apigw("/restapis"))],
      ["PutIntegration", { restApiId: "a1b2", resourceId: "r3", httpMethod: "GET", type: "MOCK" }, on("apigateway:PUT", apigw("/restapis/a1b2/resources/r3/methods/GET/integration"))],
      ["UpdateStage", { restApiId: "a1b2", stageName: "prod", patchOperations: [] }, on("apigateway:PATCH", apigw("/restapis/a1b2/stages/prod"))],
      ["FlushStageCache", { restApiId: "a1b2", stageName: "prod" }, on("apigateway:DELETE", apigw("/restapis/a1b2/stages/prod/cache/data"))],
      ["TagResource", { resourceArn: apigw("/restapis/a1b2"), tags: {} }, on("apigateway:PUT", apigw(`/tags/${encodeURIComponent(apigw("/restapis/a1b2"))}`))],
      ["DeleteUsagePlanKey", { usagePlanId: "u1", keyId: "k2" }, on("apigateway:DELETE", apigw("/usageplans/u1/keys/k2"))],
      ["GetRestApi", {}, anywhere("apigateway:GET")],
    ],
    iam: [
      ["GetRole", { RoleName: "app" }, on("iam:GetRole", iam(OWN, "role/app"))],
      ["CreateRole", { RoleName: "app", Path: "/service/", AssumeRolePolicyDocument: "{}" }, on("iam:CreateRole", iam(OWN, "role/service/app"))],
      ["AttachRolePolicy", { RoleName: "app", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, on("iam:AttachRolePolicy", iam(OWN, "role/app"))],
      ["CreatePolicy", { PolicyName: "read-queues", PolicyDocument: "{}" }, on("iam:CreatePolicy", iam(OWN, "policy/read-queues"))],
      ["GetPolicy", { PolicyArn: iam(OTHER, "policy/shared") }, on("iam:GetPolicy", iam(OTHER, "policy/shared"), OTHER)],
      ["GetPolicyVersion", { PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess", VersionId: "v1" }, on("iam:GetPolicyVersion", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
      ["CreateAccessKey", { UserName: "ci" }, on("iam:CreateAccessKey", iam(OWN, "user/ci"))],
      ["ListAccessKeys", {}, anywhere("iam:ListAccessKeys")],
      ["SimulatePrincipalPolicy", { PolicySourceArn: iam(OWN, "user/ci") }, on("iam:SimulatePrincipalPolicy", iam(OWN, "user/ci"))],
      ["ListRoles", {}, anywhere("iam:ListRoles")],
    ],
    sts: [
      ["AssumeRole", { RoleArn: iam(OTHER, "role/deployer"), RoleSessionName: "ci" }, on("sts:AssumeRole", iam(OTHER, "role/deployer"), OTHER)],
      ["AssumeRole", { RoleArn: iam(OWN, "role/app"), RoleSessionName: "ci" }, on("sts:AssumeRole", iam(OWN, "role/app"))],
      ["GetSessionToken", {}, anywhere("sts:GetSessionToken")],
      ["GetCallerIdentity", {}, anywhere("sts:GetCallerIdentity")],
    ],
  };

  for (const [service, rows] of Object.entries(cases)) {
    test(`${service}: spot checks`, () => {
      const wrong = rows
        .map(([operation, input, expected]) => ({ operation, input, expected, actual: describeRequest(service, operation, input, scope) }))
        .filter(({ expected, actual }) => !isDeepStrictEqual(actual, expected));
      assert.deepEqual(wrong, []);
    });
  }
});
