// Event source mappings' control plane through the SDK: Create/Get/List/Update/Delete with AWS's shapes, states and errors; and over tRPC.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { createTestUser, trpcAs } from "../../helpers/fixtures";
import { assertLambdaError, uniqueName } from "../lambda/helpers";
import { type EsmHarness, startEsmHarness, type TestQueue } from "./harness";

let h: EsmHarness;
let fnName: string;
let source: TestQueue;
before(async () => {
  h = await startEsmHarness();
  fnName = (await h.recordingFunction("crud")).name;
  source = await h.queue("crud-source");
});
after(() => h.close());

const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });
const validation = (message: string) => ({ name: "ValidationException", status: 400, message: `1 validation error detected: ${message}` });

describe("event source mappings", () => {
  test("Create answers AWS's configuration in state Creating, which the workers settle to Enabled", async () => {
    const queue = await h.queue("defaults");
    const before = Date.now();
    const created = await h.createMapping({ FunctionName: fnName, EventSourceArn: queue.arn });
    assert.equal(created.$metadata.httpStatusCode, 202);
    assert.match(created.UUID!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(created.State, "Creating");
    assert.equal(created.StateTransitionReason, "USER_INITIATED");
    assert.equal(created.BatchSize, 10);
    assert.equal(created.MaximumBatchingWindowInSeconds, 0);
    assert.deepEqual(created.FunctionResponseTypes, []);
    assert.equal(created.EventSourceArn, queue.arn);
    assert.equal(created.FunctionArn, `${h.arnPrefix}${fnName}`);
    assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:${h.team.accountId}:event-source-mapping:${created.UUID}`);
    assert.ok(created.LastModified instanceof Date && Math.abs(created.LastModified.getTime() - before) < 60_000);
    assert.equal(created.FilterCriteria, undefined);
    assert.equal(created.ScalingConfig, undefined);
    const enabled = await h.waitForState(created.UUID!, "Enabled");
    assert.equal(enabled.UUID, created.UUID);
    assert.equal(enabled.LastModified?.getTime(), created.LastModified.getTime());
  });

  test("a mapping created disabled is Disabled at once; settings are echoed back", async () => {
    const queue = await h.queue("disabled");
    const pattern = JSON.stringify({ body: { kind: ["keep"] } });
    const created = await h.createMapping({
      FunctionName: fnName,
      EventSourceArn: queue.arn,
      Enabled: false,
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      FilterCriteria: { Filters: [{ Pattern: pattern }] },
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    assert.equal(created.State, "Disabled");
    assert.equal(created.BatchSize, 100);
    assert.equal(created.MaximumBatchingWindowInSeconds, 5);
    assert.deepEqual(created.FunctionResponseTypes, ["ReportBatchItemFailures"]);
    assert.deepEqual(created.FilterCriteria, { Filters: [{ Pattern: pattern }] });
    assert.deepEqual(created.ScalingConfig, { MaximumConcurrency: 5 });
  });

  test("maps versions and aliases; lists by queue and by function, a page at a time", async () => {
    const version = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: fnName }));
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: fnName, Name: "live", FunctionVersion: version.Version }));
    const queue = await h.queue("listed");
    const unqualified = await h.createMapping({ FunctionName: fnName, EventSourceArn: queue.arn });
    const aliased = await h.createMapping({ FunctionName: `${h.arnPrefix}${fnName}:live`, EventSourceArn: queue.arn });
    const versioned = await h.createMapping({ FunctionName: `${fnName}:${version.Version}`, EventSourceArn: queue.arn });
    assert.equal(aliased.FunctionArn, `${h.arnPrefix}${fnName}:live`);
    assert.equal(versioned.FunctionArn, `${h.arnPrefix}${fnName}:${version.Version}`);

    const byQueue = await h.client.send(new lambda.ListEventSourceMappingsCommand({ EventSourceArn: queue.arn }));
    assert.deepEqual(byQueue.EventSourceMappings?.map((m) => m.UUID).sort(), [unqualified.UUID, aliased.UUID, versioned.UUID].sort());
    const byAlias = await h.client.send(new lambda.ListEventSourceMappingsCommand({ FunctionName: `${fnName}:live` }));
    assert.deepEqual(byAlias.EventSourceMappings?.map((m) => m.UUID), [aliased.UUID]);

    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await h.client.send(new lambda.ListEventSourceMappingsCommand({ EventSourceArn: queue.arn, MaxItems: 2, Marker }));
      assert.ok(page.EventSourceMappings!.length <= 2);
      seen.push(...page.EventSourceMappings!.map((m) => m.UUID!));
      Marker = page.NextMarker;
    } while (Marker);
    assert.deepEqual(seen.sort(), byQueue.EventSourceMappings!.map((m) => m.UUID!).sort());
    await assertLambdaError(h.client.send(new lambda.ListEventSourceMappingsCommand({ Marker: "bogus" })), invalid("The marker provided is invalid."));
  });

  test("Update reports Updating, Disabling or Enabling until the workers settle it; Delete answers Deleting and the mapping is gone", async () => {
    const queue = await h.queue("updated");
    const { UUID } = await h.createMapping({ FunctionName: fnName, EventSourceArn: queue.arn });
    await h.waitForState(UUID!, "Enabled");
    const updated = await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, BatchSize: 50, MaximumBatchingWindowInSeconds: 2 }));
    assert.equal(updated.$metadata.httpStatusCode, 202);
    assert.equal(updated.State, "Updating");
    assert.equal(updated.BatchSize, 50);
    await h.waitForState(UUID!, "Enabled");
    assert.equal((await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, Enabled: false }))).State, "Disabling");
    await h.waitForState(UUID!, "Disabled");
    assert.equal((await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, Enabled: true }))).State, "Enabling");
    await h.waitForState(UUID!, "Enabled");
    // An empty FilterCriteria or ScalingConfig removes it.
    await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }] }, ScalingConfig: { MaximumConcurrency: 3 } }));
    const cleared = await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, FilterCriteria: {}, ScalingConfig: {} }));
    assert.equal(cleared.FilterCriteria, undefined);
    assert.equal(cleared.ScalingConfig, undefined);
    await assertLambdaError(
      h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, MaximumBatchingWindowInSeconds: 0 })),
      invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"),
    );

    const deleted = await h.client.send(new lambda.DeleteEventSourceMappingCommand({ UUID }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    assert.equal(deleted.State, "Deleting");
    const gone = { name: "ResourceNotFoundException", status: 404, message: "The resource you requested does not exist." };
    await assertLambdaError(h.client.send(new lambda.GetEventSourceMappingCommand({ UUID })), gone);
    await assertLambdaError(h.client.send(new lambda.DeleteEventSourceMappingCommand({ UUID })), gone);
    await assertLambdaError(h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, BatchSize: 5 })), gone);
    await assertLambdaError(h.client.send(new lambda.GetEventSourceMappingCommand({ UUID: "not-a-uuid" })), gone);
  });

  test("a second mapping of the same queue and function is a conflict", async () => {
    const queue = await h.queue("twice");
    const first = await h.createMapping({ FunctionName: fnName, EventSourceArn: queue.arn });
    await assertLambdaError(h.createMapping({ FunctionName: `${h.arnPrefix}${fnName}`, EventSourceArn: queue.arn }), {
      name: "ResourceConflictException",
      status: 409,
      message: `An event source mapping with SQS arn (" ${queue.arn} ") and function (" ${fnName} ") already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    });
  });

  test("refuses what AWS refuses, with its errors", async () => {
    const fifo = await h.queue("refused", { FifoQueue: "true" });
    const create = (input: Partial<lambda.CreateEventSourceMappingCommandInput>) =>
      h.client.send(new lambda.CreateEventSourceMappingCommand({ FunctionName: fnName, EventSourceArn: source.arn, ...input }));
    const cases: [Partial<lambda.CreateEventSourceMappingCommandInput>, { name: string; status: number; message: string }][] = [
      [{ BatchSize: 0 }, validation("Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1")],
      [{ BatchSize: 10_001 }, validation("Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000")],
      [
        { MaximumBatchingWindowInSeconds: 301 },
        validation("Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300"),
      ],
      [
        { ScalingConfig: { MaximumConcurrency: 1 } },
        validation("Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2"),
      ],
      [
        { FunctionResponseTypes: [String("Everything")] as lambda.FunctionResponseType[] },
        validation(
          "Value '[Everything]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]",
        ),
      ],
      [{ BatchSize: 11 }, invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")],
      [{ EventSourceArn: fifo.arn, BatchSize: 11 }, invalid("Maximum batch size must be between 1 and 10 inclusive")],
      [{ EventSourceArn: fifo.arn, MaximumBatchingWindowInSeconds: 1 }, invalid("Batching window is not supported for FIFO queues.")],
      [{ FilterCriteria: { Filters: [{ Pattern: "not json" }] } }, invalid("Invalid filter pattern definition.")],
      [{ FilterCriteria: { Filters: [{ Pattern: '{"body":"x"}' }] } }, invalid("Invalid filter pattern definition.")],
      [{ StartingPosition: "LATEST" }, invalid("StartingPosition is not valid for SQS event sources.")],
      [{ MaximumRetryAttempts: 2 }, invalid("Unsupported MaximumRetryAttempts parameter for given event source mapping type.")],
      [{ FunctionName: uniqueName("missing") }, invalid("Function does not exist")],
      [{ FunctionName: `${fnName}:nope` }, invalid("Function does not exist")],
      [
        { EventSourceArn: `arn:aws:sqs:us-east-1:${h.team.accountId}:${uniqueName("missing")}` },
        invalid("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist."),
      ],
      [{ EventSourceArn: `arn:aws:s3:::bucket` }, invalid("Unrecognized event source.")],
    ];
    for (const [input, expected] of cases) await assertLambdaError(create(input), expected);

    const slow = await h.recordingFunction("slow", "", { Timeout: 60 });
    await assertLambdaError(
      h.client.send(new lambda.CreateEventSourceMappingCommand({ FunctionName: slow.name, EventSourceArn: source.arn })),
      invalid("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"),
    );
  });

  test("the console's tRPC procedures run the same operations, as the caller's role allows", async () => {
    const owner = trpcAs(h.team, { accountId: h.team.accountId });
    const viewerUser = await createTestUser("viewer");
    await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewerUser.userId, role: "viewer" } });
    const viewer = trpcAs(viewerUser, { accountId: h.team.accountId });
    const queue = await h.queue("trpc");
    const created = await owner.lambda.createEventSourceMapping({ FunctionName: fnName, EventSourceArn: queue.arn, BatchSize: 5 });
    assert.equal(created.State, "Creating");
    const listed = await viewer.lambda.listEventSourceMappings({ EventSourceArn: queue.arn });
    assert.deepEqual(
      listed.EventSourceMappings.map((m) => m.UUID),
      [created.UUID],
    );
    assert.equal((await viewer.lambda.getEventSourceMapping({ UUID: created.UUID })).BatchSize, 5);
    await assert.rejects(viewer.lambda.deleteEventSourceMapping({ UUID: created.UUID }), (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    assert.equal((await owner.lambda.updateEventSourceMapping({ UUID: created.UUID, Enabled: false })).State, "Disabling");
    assert.equal((await owner.lambda.deleteEventSourceMapping({ UUID: created.UUID })).State, "Deleting");
  });
});
