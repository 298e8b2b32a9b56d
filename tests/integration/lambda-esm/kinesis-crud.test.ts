// Kinesis event source mappings' control plane through the SDK: AWS's configuration with the stream members, updates, consumers, and AWS's errors.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, uniqueName } from "../lambda/helpers";
import { type KinesisEsmHarness, type StreamFunction, startKinesisEsmHarness, type TestStream } from "./kinesis-harness";

let h: KinesisEsmHarness;
let fn: StreamFunction;
let source: TestStream;
before(async () => {
  h = await startKinesisEsmHarness();
  fn = await h.streamFunction("kinesis-crud");
  source = await h.stream("crud-source");
});
after(() => h.close());

const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });
const validation = (message: string) => ({ name: "ValidationException", status: 400, message: `1 validation error detected: ${message}` });

describe("Kinesis event source mappings", () => {
  test("Create answers AWS's configuration of a stream mapping, with its defaults, and the workers settle it Enabled", async () => {
    const stream = await h.stream("defaults");
    const created = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    assert.equal(created.$metadata.httpStatusCode, 202);
    const { $metadata: _metadata, LastModified, UUID, ...members } = created;
    assert.ok(LastModified instanceof Date && Math.abs(LastModified.getTime() - Date.now()) < 60_000);
    assert.deepEqual(members, {
      StartingPosition: "LATEST",
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      EventSourceArn: stream.arn,
      FunctionArn: fn.arn,
      LastProcessingResult: "No records processed",
      State: "Creating",
      StateTransitionReason: "User action",
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:${h.team.accountId}:event-source-mapping:${UUID}`,
    });
    const enabled = await h.waitForState(UUID!, "Enabled");
    assert.equal(enabled.StartingPosition, "LATEST");
    assert.equal(enabled.LastProcessingResult, "No records processed");
  });

  test("settings are echoed back and updated; an empty OnFailure removes the destination", async () => {
    const stream = await h.stream("settings");
    const dlq = await h.queue("settings-dlq");
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const pattern = JSON.stringify({ data: { kind: ["keep"] } });
    const created = await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "AT_TIMESTAMP",
      StartingPositionTimestamp: at,
      Enabled: false,
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 4,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: dlq.arn } },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      FilterCriteria: { Filters: [{ Pattern: pattern }] },
    });
    assert.equal(created.State, "Disabled");
    assert.equal(created.StartingPosition, "AT_TIMESTAMP");
    assert.equal(created.StartingPositionTimestamp?.getTime(), at.getTime());
    assert.deepEqual(
      [created.BatchSize, created.MaximumBatchingWindowInSeconds, created.ParallelizationFactor, created.MaximumRetryAttempts, created.MaximumRecordAgeInSeconds],
      [500, 5, 4, 3, 3600],
    );
    assert.equal(created.BisectBatchOnFunctionError, true);
    assert.deepEqual(created.DestinationConfig, { OnFailure: { Destination: dlq.arn } });
    assert.deepEqual(created.FunctionResponseTypes, ["ReportBatchItemFailures"]);
    assert.deepEqual(created.FilterCriteria, { Filters: [{ Pattern: pattern }] });

    const topic = `arn:aws:sns:us-east-1:${h.team.accountId}:${uniqueName("failures")}`;
    const updated = await h.client.send(
      new lambda.UpdateEventSourceMappingCommand({
        UUID: created.UUID,
        ParallelizationFactor: 2,
        MaximumRetryAttempts: -1,
        MaximumRecordAgeInSeconds: -1,
        BisectBatchOnFunctionError: false,
        DestinationConfig: { OnFailure: { Destination: topic } },
      }),
    );
    assert.equal(updated.State, "Updating");
    assert.deepEqual(
      [updated.ParallelizationFactor, updated.MaximumRetryAttempts, updated.MaximumRecordAgeInSeconds, updated.BisectBatchOnFunctionError, updated.BatchSize],
      [2, -1, -1, false, 500],
    );
    assert.deepEqual(updated.DestinationConfig, { OnFailure: { Destination: topic } });
    const cleared = await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID: created.UUID, DestinationConfig: { OnFailure: {} } }));
    assert.deepEqual(cleared.DestinationConfig, { OnFailure: {} });
    assert.equal(cleared.StartingPosition, "AT_TIMESTAMP");
  });

  test("a stream consumer's ARN maps its stream; mappings list by either ARN", async () => {
    const stream = await h.stream("consumed");
    const { Consumer } = await h.kinesis.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: stream.arn, ConsumerName: "lambda" }));
    const viaConsumer = await h.createMapping({ FunctionName: fn.name, EventSourceArn: Consumer!.ConsumerARN, StartingPosition: "TRIM_HORIZON" });
    assert.equal(viaConsumer.EventSourceArn, Consumer!.ConsumerARN);
    const direct = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON" });
    const listed = async (EventSourceArn: string) =>
      (await h.client.send(new lambda.ListEventSourceMappingsCommand({ EventSourceArn }))).EventSourceMappings?.map((m) => m.UUID);
    assert.deepEqual(await listed(Consumer!.ConsumerARN!), [viaConsumer.UUID]);
    assert.deepEqual(await listed(stream.arn), [direct.UUID]);

    await h.put(stream, [{ data: "via both" }]);
    const invocations = await h.invocations(fn, 2);
    assert.deepEqual(
      invocations.map((i) => i.event.Records[0]!.eventSourceARN),
      [stream.arn, stream.arn],
    );
  });

  test("a second mapping of the same stream and function is a conflict, in AWS's words for streams", async () => {
    const stream = await h.stream("twice");
    const first = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    await assertLambdaError(h.createMapping({ FunctionName: fn.arn, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON" }), {
      name: "ResourceConflictException",
      status: 409,
      message: `The event source arn (" ${stream.arn} ") and function (" ${fn.name} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    });
  });

  test("refuses what AWS refuses, with its errors", async () => {
    const create = (input: Partial<lambda.CreateEventSourceMappingCommandInput>) =>
      h.client.send(new lambda.CreateEventSourceMappingCommand({ FunctionName: fn.name, EventSourceArn: source.arn, StartingPosition: "LATEST", ...input }));
    const missing = `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${uniqueName("missing")}`;
    const cases: [Partial<lambda.CreateEventSourceMappingCommandInput>, { name: string; status: number; message: string }][] = [
      [{ StartingPosition: undefined }, invalid("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.")],
      [
        { StartingPosition: String("EARLIEST") as lambda.EventSourcePosition },
        validation("Value 'EARLIEST' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"),
      ],
      [{ StartingPosition: "AT_TIMESTAMP" }, invalid("StartingPositionTimestamp must be specified when StartingPosition is AT_TIMESTAMP.")],
      [{ BatchSize: 10_001 }, validation("Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000")],
      [{ ParallelizationFactor: 11 }, validation("Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10")],
      [{ MaximumRetryAttempts: -2 }, validation("Value '-2' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to -1")],
      [
        { MaximumRecordAgeInSeconds: 604_801 },
        validation("Value '604801' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 604800"),
      ],
      [{ MaximumRecordAgeInSeconds: 30 }, invalid("MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)")],
      [{ TumblingWindowInSeconds: 901 }, validation("Value '901' at 'tumblingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 900")],
      [{ TumblingWindowInSeconds: 60 }, invalid("Stratus does not implement tumbling windows: TumblingWindowInSeconds must be 0.")],
      [
        { DestinationConfig: { OnSuccess: { Destination: `arn:aws:sqs:us-east-1:${h.team.accountId}:done` } } },
        invalid("Unsupported DestinationConfig parameter for given event source mapping type."),
      ],
      [
        { DestinationConfig: { OnFailure: { Destination: `${h.arnPrefix}elsewhere` } } },
        invalid(`Stratus sends the on-failure records of stream event sources to Amazon SQS queues and Amazon SNS topics only: ${h.arnPrefix}elsewhere is neither.`),
      ],
      [{ ScalingConfig: { MaximumConcurrency: 5 } }, invalid("Unsupported ScalingConfig parameter for given event source mapping type.")],
      [{ FilterCriteria: { Filters: [{ Pattern: '{"data":"x"}' }] } }, invalid("Invalid filter pattern definition.")],
      [{ FunctionName: uniqueName("missing") }, invalid("Function does not exist")],
      [{ EventSourceArn: missing }, invalid(`Stream not found: ${missing}`)],
      [
        { EventSourceArn: `arn:aws:dynamodb:us-east-1:${h.team.accountId}:table/t/stream/2024-01-01T00:00:00.000` },
        invalid("Stratus polls Amazon SQS queues and Amazon Kinesis streams only: dynamodb event sources are not supported."),
      ],
    ];
    for (const [input, expected] of cases) await assertLambdaError(create(input), expected);
    // A stream mapping needs no batching window for a batch over 10, unlike a queue's.
    assert.equal((await h.createMapping({ FunctionName: fn.name, EventSourceArn: source.arn, StartingPosition: "LATEST", BatchSize: 500 })).BatchSize, 500);
  });
});
