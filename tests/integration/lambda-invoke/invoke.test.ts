import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import * as lambda from "@aws-sdk/client-lambda";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import { assertLambdaError, uniqueName, zipOf } from "../lambda/helpers";
import { waitFor } from "../../helpers/wait";
import { type InvokeHarness, startInvokeHarness } from "./harness";

let h: InvokeHarness;
before(async () => {
  h = await startInvokeHarness();
});
after(async () => {
  await h.close();
});

const text = (payload: Uint8Array | undefined) => Buffer.from(payload ?? []).toString("utf8");
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function createNode(name: string, source: string, overrides: Partial<lambda.CreateFunctionCommandInput> = {}) {
  await h.client.send(
    new lambda.CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: h.role,
      Code: { ZipFile: zipOf({ "index.js": source }) },
      ...overrides,
    }),
  );
}

async function invoke(input: Omit<lambda.InvokeCommandInput, "FunctionName"> & { FunctionName: string }) {
  return h.client.send(new lambda.InvokeCommand(input));
}

/** Receives from a queue until a message arrives (long polls, so no sleeping). */
async function receiveOne(queueUrl: string) {
  for (let i = 0; i < 10; i++) {
    const { Messages } = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MessageAttributeNames: ["All"], MaxNumberOfMessages: 1 }),
    );
    if (Messages?.[0]) return Messages[0];
  }
  throw new Error(`nothing arrived in ${queueUrl}`);
}

async function queue(label: string) {
  const { QueueUrl } = await h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName(label) }));
  const { Attributes } = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

describe("synchronous invoke", () => {
  test("runs the handler with the event and answers its result, executed version and log tail", async () => {
    const name = uniqueName("echo");
    await createNode(name, "exports.handler = async (event, context) => { console.log('hello from', context.functionName); return { got: event, fn: context.functionName, arn: context.invokedFunctionArn }; };\n");
    const out = await invoke({ FunctionName: name, Payload: json({ a: 1 }), LogType: "Tail" });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, "$LATEST");
    assert.deepEqual(JSON.parse(text(out.Payload)), { got: { a: 1 }, fn: name, arn: `${h.arnPrefix}${name}` });
    const tail = Buffer.from(out.LogResult!, "base64").toString("utf8");
    assert.match(tail, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    assert.match(tail, new RegExp(`INFO\\thello from ${name}`));
    assert.match(tail, /END RequestId: [0-9a-f-]{36}/);
    assert.match(tail, /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
  });

  test("reuses a warm context: module state and the temp directory survive between invocations", async () => {
    const name = uniqueName("warm");
    await createNode(
      name,
      "const fs = require('fs'); const path = require('path'); const os = require('os'); let count = 0;\n" +
        "exports.handler = async () => { count++; const f = path.join(os.tmpdir(), 'seen'); const before = fs.existsSync(f); fs.writeFileSync(f, 'x'); return { count, before }; };\n",
    );
    const first = JSON.parse(text((await invoke({ FunctionName: name })).Payload));
    const second = await invoke({ FunctionName: name, LogType: "Tail" });
    assert.deepEqual(first, { count: 1, before: false });
    assert.deepEqual(JSON.parse(text(second.Payload)), { count: 2, before: true });
    assert.doesNotMatch(Buffer.from(second.LogResult!, "base64").toString("utf8"), /Init Duration/);
  });

  test("a thrown error is an Unhandled function error with Lambda's error document", async () => {
    const name = uniqueName("throws");
    await createNode(name, "exports.handler = async () => { throw new TypeError('bad input'); };\n");
    const out = await invoke({ FunctionName: name });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, "Unhandled");
    const body = JSON.parse(text(out.Payload));
    assert.equal(body.errorType, "TypeError");
    assert.equal(body.errorMessage, "bad input");
    assert.ok(Array.isArray(body.trace) || Array.isArray(body.stackTrace));
  });

  test("a function past its timeout is killed, reported as timed out, and cold-starts next time", async () => {
    const name = uniqueName("slow");
    await createNode(name, "exports.handler = async (e) => { if (e.sleep) await new Promise((r) => setTimeout(r, 5000)); return 'done'; };\n", { Timeout: 1 });
    const out = await invoke({ FunctionName: name, Payload: json({ sleep: true }) });
    assert.equal(out.FunctionError, "Unhandled");
    assert.match(text(out.Payload), /Task timed out after 1\.00 seconds/);
    const next = await invoke({ FunctionName: name, Payload: json({}), LogType: "Tail" });
    assert.equal(text(next.Payload), '"done"');
    assert.match(Buffer.from(next.LogResult!, "base64").toString("utf8"), /Init Duration/);
  });

  test("a function over its memory size is killed with Runtime.OutOfMemory, reported at its limit, and cold-starts next time", async () => {
    const name = uniqueName("hungry");
    await createNode(
      name,
      "exports.handler = async (e) => { if (!e.grow) return 'fine'; const kept = [];\n" +
        "  for (;;) { kept.push(Buffer.alloc(8 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 5)); } };\n",
      { MemorySize: 128, Timeout: 30 },
    );
    const out = await invoke({ FunctionName: name, Payload: json({ grow: true }), LogType: "Tail" });
    assert.equal(out.FunctionError, "Unhandled");
    const error = JSON.parse(text(out.Payload));
    assert.equal(error.errorType, "Runtime.OutOfMemory");
    assert.match(error.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed$/);
    assert.match(Buffer.from(out.LogResult!, "base64").toString("utf8"), /\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t.*Error Type: Runtime\.OutOfMemory/);
    const next = await invoke({ FunctionName: name, Payload: json({}), LogType: "Tail" });
    assert.equal(text(next.Payload), '"fine"');
    assert.match(Buffer.from(next.LogResult!, "base64").toString("utf8"), /Init Duration/);
  });

  test("code inside the function has Lambda's environment and its role's credentials for Stratus", async () => {
    const name = uniqueName("whoami");
    await createNode(
      name,
      "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');\n" +
        "exports.handler = async () => { const id = await new STSClient({}).send(new GetCallerIdentityCommand({}));\n" +
        "  const e = process.env; return { arn: id.Arn, account: id.Account, fn: e.AWS_LAMBDA_FUNCTION_NAME, mem: e.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, region: e.AWS_REGION, mine: e.GREETING, db: e.DATABASE_URL ?? null }; };\n",
      { Environment: { Variables: { GREETING: "hi" } }, MemorySize: 256 },
    );
    const out = await invoke({ FunctionName: name });
    assert.equal(out.FunctionError, undefined, text(out.Payload));
    assert.deepEqual(JSON.parse(text(out.Payload)), {
      arn: `arn:aws:sts::${h.team.accountId}:assumed-role/lambda-exec/${name}`,
      account: h.team.accountId,
      fn: name,
      mem: "256",
      region: "us-east-1",
      mine: "hi",
      db: null,
    });
  });

  test("Python handlers run with their context", async () => {
    const name = uniqueName("py");
    await h.client.send(
      new lambda.CreateFunctionCommand({
        FunctionName: name,
        Runtime: "python3.12",
        Handler: "app.lambda_handler",
        Role: h.role,
        Code: { ZipFile: zipOf({ "app.py": "def lambda_handler(event, context):\n    print('py says hi')\n    return {'n': event['n'] * 2, 'fn': context.function_name}\n" }) },
      }),
    );
    const out = await invoke({ FunctionName: name, Payload: json({ n: 21 }), LogType: "Tail" });
    assert.deepEqual(JSON.parse(text(out.Payload)), { n: 42, fn: name });
    assert.match(Buffer.from(out.LogResult!, "base64").toString("utf8"), /py says hi/);
  });

  test("every invocation's log lines land in /aws/lambda/<name> and it is recorded", async () => {
    const name = uniqueName("logged");
    await createNode(name, "exports.handler = async (e) => { console.log('marker', e.m); return 1; };\n");
    await invoke({ FunctionName: name, Payload: json({ m: "abc123" }) });
    // As on CloudWatch, the lines are written just after the response.
    const events = await waitFor("the invocation's REPORT line", async () => {
      const found = await h.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}` })).catch((error: Error) => {
        if (error.name === "ResourceNotFoundException") return undefined;
        throw error;
      });
      return found?.events?.some((e) => e.message?.startsWith("REPORT RequestId:")) ? found.events : undefined;
    });
    const messages = events.map((e) => e.message ?? "");
    assert.ok(messages.some((m) => m.startsWith("START RequestId:")));
    assert.ok(messages.some((m) => m.includes("marker abc123")));
    assert.ok(messages.some((m) => m.startsWith("REPORT RequestId:")));
    assert.match(events[0]!.logStreamName!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const { rows } = await pgPool().query("SELECT invocation_type, function_error FROM lambda_invocations WHERE account_id = $1 AND function_name = $2", [
      h.team.accountId,
      name,
    ]);
    assert.deepEqual(rows, [{ invocation_type: "RequestResponse", function_error: null }]);
  });

  test("DryRun checks the function without running it; unknown functions are 404", async () => {
    const name = uniqueName("dry");
    await createNode(name, "exports.handler = async () => 1;\n");
    const out = await invoke({ FunctionName: name, InvocationType: "DryRun" });
    assert.equal(out.StatusCode, 204);
    await assertLambdaError(invoke({ FunctionName: uniqueName("missing") }), {
      name: "ResourceNotFoundException",
      status: 404,
      message: /^Function not found: arn:aws:lambda:us-east-1:\d{12}:function:missing-/,
    });
  });
});

describe("versions and aliases", () => {
  test("a qualified invoke runs that version; an alias splits traffic by its weights", async () => {
    const name = uniqueName("aliased");
    await createNode(name, "exports.handler = async () => 'one';\n");
    const v1 = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: name }));
    await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf({ "index.js": "exports.handler = async () => 'two';\n" }) }));
    const v2 = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: name }));
    assert.equal(text((await invoke({ FunctionName: name, Qualifier: v1.Version })).Payload), '"one"');
    assert.equal(text((await invoke({ FunctionName: name })).Payload), '"two"');
    await h.client.send(
      new lambda.CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: v1.Version, RoutingConfig: { AdditionalVersionWeights: { [v2.Version!]: 0.5 } } }),
    );
    const versions: Record<string, number> = {};
    for (let i = 0; i < 60; i++) {
      const out = await invoke({ FunctionName: `${name}:live` });
      assert.equal(text(out.Payload), out.ExecutedVersion === v1.Version ? '"one"' : '"two"');
      versions[out.ExecutedVersion!] = (versions[out.ExecutedVersion!] ?? 0) + 1;
    }
    // 60 fair coin flips land within 15..45 with probability > 99.99%.
    assert.ok(versions[v1.Version!]! >= 15 && versions[v2.Version!]! >= 15, JSON.stringify(versions));
  });
});

/** The provisioned concurrency config once the workers have acted on it (they look every 2 s). */
function settledProvisioning(FunctionName: string, Qualifier: string) {
  return waitFor(`provisioned concurrency of ${FunctionName}:${Qualifier} to settle`, async () => {
    const config = await h.client.send(new lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName, Qualifier }));
    return config.Status === "IN_PROGRESS" ? undefined : config;
  });
}

describe("provisioned concurrency", () => {
  test("keeps initialised contexts for a version, reports READY, and serves invocations without a cold start", async () => {
    const name = uniqueName("provisioned");
    await createNode(name, "exports.handler = async () => process.env.AWS_LAMBDA_INITIALIZATION_TYPE;\n");
    const { Version } = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: name }));
    const put = await h.client.send(new lambda.PutProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: Version, ProvisionedConcurrentExecutions: 2 }));
    assert.equal(put.Status, "IN_PROGRESS");
    const config = await settledProvisioning(name, Version!);
    assert.equal(config.Status, "READY");
    assert.equal(config.AllocatedProvisionedConcurrentExecutions, 2);
    assert.equal(config.AvailableProvisionedConcurrentExecutions, 2);

    const out = await invoke({ FunctionName: name, Qualifier: Version, LogType: "Tail" });
    assert.equal(text(out.Payload), '"provisioned-concurrency"');
    const tail = Buffer.from(out.LogResult!, "base64").toString("utf8");
    assert.match(tail, /REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t.*\tMax Memory Used: \d+ MB\t\n/);
    assert.doesNotMatch(tail, /Init Duration/);
    // $LATEST has no provisioned contexts: it starts on demand.
    assert.equal(text((await invoke({ FunctionName: name })).Payload), '"on-demand"');
    await h.client.send(new lambda.DeleteProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: Version }));
  });

  test("a function whose init fails is reported FAILED with the reason", async () => {
    const name = uniqueName("provisioned-bad");
    await createNode(name, "throw new Error('cannot start');\n");
    const { Version } = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: name }));
    await h.client.send(new lambda.PutProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: Version, ProvisionedConcurrentExecutions: 1 }));
    const config = await settledProvisioning(name, Version!);
    assert.equal(config.Status, "FAILED");
    assert.match(config.StatusReason ?? "", /cannot start/);
    assert.equal(config.AllocatedProvisionedConcurrentExecutions, 0);
  });
});

describe("concurrency", () => {
  test("reserved concurrency 0 throttles every invocation", async () => {
    const name = uniqueName("off");
    await createNode(name, "exports.handler = async () => 1;\n");
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    await assert.rejects(invoke({ FunctionName: name }), (e: unknown) => {
      assert.ok(e instanceof lambda.TooManyRequestsException);
      assert.equal(e.$metadata.httpStatusCode, 429);
      assert.equal(e.Reason, "ReservedFunctionConcurrentInvocationLimitExceeded");
      return true;
    });
  });

  test("reserved concurrency 1 lets one run at a time and throttles the overlap", async () => {
    const name = uniqueName("one");
    await createNode(name, "exports.handler = async () => { await new Promise((r) => setTimeout(r, 1500)); return 'ok'; };\n", { Timeout: 10 });
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 1 }));
    const results = await Promise.allSettled([invoke({ FunctionName: name }), invoke({ FunctionName: name })]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const throttled = results.filter((r) => r.status === "rejected" && r.reason instanceof lambda.TooManyRequestsException);
    assert.equal(fulfilled.length, 1);
    assert.equal(throttled.length, 1);
  });
});

describe("asynchronous invoke", () => {
  test("answers 202 at once and reports the result to the on-success destination", async () => {
    const name = uniqueName("async-ok");
    const destination = await queue("on-success");
    await createNode(name, "exports.handler = async (e) => ({ doubled: e.n * 2 });\n");
    await h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, DestinationConfig: { OnSuccess: { Destination: destination.arn } } }));
    const out = await invoke({ FunctionName: name, InvocationType: "Event", Payload: json({ n: 4 }) });
    assert.equal(out.StatusCode, 202);
    const record = JSON.parse((await receiveOne(destination.url)).Body!);
    assert.equal(record.version, "1.0");
    assert.equal(record.requestContext.condition, "Success");
    assert.equal(record.requestContext.functionArn, `${h.arnPrefix}${name}:$LATEST`);
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.deepEqual(record.requestPayload, { n: 4 });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: "$LATEST" });
    assert.deepEqual(record.responsePayload, { doubled: 8 });
  });

  test("a failing event is retried, then goes to the dead-letter queue and the on-failure destination", async () => {
    const name = uniqueName("async-fail");
    const dlq = await queue("dlq");
    const onFailure = await queue("on-failure");
    await createNode(name, "exports.handler = async () => { throw new Error('always fails'); };\n", { DeadLetterConfig: { TargetArn: dlq.arn } });
    await h.client.send(
      new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: onFailure.arn } } }),
    );
    await invoke({ FunctionName: name, InvocationType: "Event", Payload: json({ order: 7 }) });
    const dead = await receiveOne(dlq.url);
    assert.deepEqual(JSON.parse(dead.Body!), { order: 7 });
    assert.equal(dead.MessageAttributes?.ErrorMessage?.StringValue, "always fails");
    assert.equal(dead.MessageAttributes?.ErrorCode?.StringValue, "200");
    assert.match(dead.MessageAttributes?.RequestID?.StringValue ?? "", /^[0-9a-f-]{36}$/);
    const record = JSON.parse((await receiveOne(onFailure.url)).Body!);
    assert.equal(record.requestContext.condition, "RetriesExhausted");
    assert.equal(record.requestContext.approximateInvokeCount, 2);
    assert.equal(record.responseContext.functionError, "Unhandled");
    assert.equal(record.responsePayload.errorMessage, "always fails");
    const { rows } = await pgPool().query("SELECT count(*)::int AS n FROM lambda_invocations WHERE account_id = $1 AND function_name = $2 AND invocation_type = 'Event'", [
      h.team.accountId,
      name,
    ]);
    assert.equal(rows[0].n, 2);
  });

  test("an SNS topic serves as dead-letter target and on-failure destination", async () => {
    const sns = new SNSClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 });
    try {
      // Each topic delivers raw to a queue the test reads.
      const topicTo = async (label: string) => {
        const target = await queue(label);
        const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName(label) }));
        await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: target.arn, Attributes: { RawMessageDelivery: "true" } }));
        return { topicArn: TopicArn!, queue: target };
      };
      const dlq = await topicTo("dlq-topic");
      const onFailure = await topicTo("on-failure-topic");
      const name = uniqueName("async-fail-sns");
      await createNode(name, "exports.handler = async () => { throw new Error('fails again'); };\n", { DeadLetterConfig: { TargetArn: dlq.topicArn } });
      await h.client.send(
        new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: onFailure.topicArn } } }),
      );
      await invoke({ FunctionName: name, InvocationType: "Event", Payload: json({ order: 9 }) });
      const dead = await receiveOne(dlq.queue.url);
      assert.deepEqual(JSON.parse(dead.Body!), { order: 9 });
      assert.equal(dead.MessageAttributes?.ErrorMessage?.StringValue, "fails again");
      const record = JSON.parse((await receiveOne(onFailure.queue.url)).Body!);
      assert.equal(record.requestContext.condition, "RetriesExhausted");
      assert.equal(record.responsePayload.errorMessage, "fails again");
    } finally {
      sns.destroy();
    }
  });
});
