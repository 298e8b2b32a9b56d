// The unmodified AWS CLI (botocore, a different serializer and error parser than the JS SDK) pointed at the
// gateway with --endpoint-url: the commands people type first, what they print, and errors as the CLI shows them.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { md5, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `aws` from the PATH, or from pyenv's shims when the PATH lacks them (a non-login shell's may). */
const AWS_CLI =
  [...(process.env.PATH ?? "").split(path.delimiter), path.join(process.env.PYENV_ROOT ?? path.join(homedir(), ".pyenv"), "shims")]
    .map((dir) => path.join(dir, "aws"))
    .find((file) => existsSync(file)) ?? "aws";

/** Config and credential files that don't exist: nothing of the machine's own AWS setup reaches the calls. */
const NO_FILE = path.join(tmpdir(), `stratus-no-aws-config-${process.pid}`);

/** botocore, unlike the JS SDK, honours these, and calls to the gateway on 127.0.0.1 must not go through a proxy. */
const PROXY_VARIABLES = new Set(["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"]);

/** Runs `aws <args>` as the test team, against the gateway, with JSON output and no retries. */
function aws(...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_") || PROXY_VARIABLES.has(name)) delete env[name];
  Object.assign(env, {
    AWS_CONFIG_FILE: NO_FILE,
    AWS_SHARED_CREDENTIALS_FILE: NO_FILE,
    AWS_ACCESS_KEY_ID: h.team.accessKeyId,
    AWS_SECRET_ACCESS_KEY: h.team.secretAccessKey,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
    AWS_PAGER: "",
    // Arguments and output are UTF-8 whatever the inherited locale (a message body below is not ASCII).
    PYTHONUTF8: "1",
  });
  return new Promise((resolve, reject) => {
    execFile(AWS_CLI, ["--endpoint-url", h.gateway.url, "--output", "json", ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error?.code === "ENOENT") reject(new Error("The AWS CLI (`aws`) is not on the PATH: these tests drive it (see README, Quick start)."));
      else if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed and returns what it printed. */
async function awsOk(...args: string[]): Promise<string> {
  const result = await aws(...args);
  assert.equal(result.code, 0, `aws ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Runs a command that must succeed and print JSON, and parses it. */
async function awsJson<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const output = await awsOk(...args);
  assert.notEqual(output, "", `aws ${args.join(" ")} printed nothing`);
  return JSON.parse(output) as T;
}

/** Runs a command that must succeed and print nothing (the CLI's answer to an empty result). */
async function awsQuiet(...args: string[]): Promise<void> {
  assert.equal(await awsOk(...args), "", `aws ${args.join(" ")} printed something`);
}

interface CliMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
  MD5OfMessageAttributes: string;
  MessageAttributes: Record<string, { DataType: string; StringValue?: string }>;
}

describe("the AWS CLI", () => {
  it("creates a queue, sends, receives and deletes a message, and reads the queue's attributes", async () => {
    const name = uniqueName("cli");
    const created = await awsJson<{ QueueUrl: string }>("sqs", "create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=40", "--tags", "team=core");
    const url = `${h.gateway.url}/${h.team.accountId}/${name}`;
    assert.deepEqual(created, { QueueUrl: url });
    assert.deepEqual(await awsJson("sqs", "get-queue-url", "--queue-name", name), { QueueUrl: url });
    assert.deepEqual(await awsJson("sqs", "list-queues", "--queue-name-prefix", name), { QueueUrls: [url] });
    assert.deepEqual(await awsJson("sqs", "list-queue-tags", "--queue-url", url), { Tags: { team: "core" } });

    const body = '{"order": 7, "note": "ünïcode ✓"}';
    const sent = await awsJson<{ MessageId: string; MD5OfMessageBody: string; MD5OfMessageAttributes: string }>(
      "sqs",
      "send-message",
      "--queue-url",
      url,
      "--message-body",
      body,
      "--message-attributes",
      JSON.stringify({ source: { DataType: "String", StringValue: "cli" }, priority: { DataType: "Number", StringValue: "3" } }),
    );
    assert.equal(sent.MD5OfMessageBody, md5(body));
    assert.match(sent.MD5OfMessageAttributes, /^[0-9a-f]{32}$/);

    const received = await awsJson<{ Messages: CliMessage[] }>(
      "sqs",
      "receive-message",
      "--queue-url",
      url,
      "--attribute-names",
      "All",
      "--message-attribute-names",
      "All",
      "--wait-time-seconds",
      "2",
    );
    const [message] = received.Messages;
    assert.ok(message, "the CLI received no message");
    assert.equal(message.MessageId, sent.MessageId);
    assert.equal(message.Body, body);
    assert.equal(message.MD5OfBody, md5(body));
    assert.equal(message.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(message.MessageAttributes, {
      source: { DataType: "String", StringValue: "cli" },
      priority: { DataType: "Number", StringValue: "3" },
    });
    assert.equal(message.Attributes.ApproximateReceiveCount, "1");
    assert.equal(message.Attributes.SenderId, h.team.principal.userId);

    const inFlight = await awsJson<{ Attributes: Record<string, string> }>("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All");
    assert.equal(inFlight.Attributes.VisibilityTimeout, "40");
    assert.equal(inFlight.Attributes.ApproximateNumberOfMessagesNotVisible, "1");

    await awsQuiet("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.ReceiptHandle);
    const drained = await awsJson<{ Attributes: Record<string, string> }>(
      "sqs",
      "get-queue-attributes",
      "--queue-url",
      url,
      "--attribute-names",
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    );
    assert.deepEqual(drained, { Attributes: { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" } });
    await awsQuiet("sqs", "receive-message", "--queue-url", url);
    await awsQuiet("sqs", "delete-queue", "--queue-url", url);
  });

  it("configures a dead-letter queue with set-queue-attributes, and a poisoned message lands in it", async () => {
    const dlq = (await awsJson<{ QueueUrl: string }>("sqs", "create-queue", "--queue-name", uniqueName("cli-dlq"))).QueueUrl;
    const source = (await awsJson<{ QueueUrl: string }>("sqs", "create-queue", "--queue-name", uniqueName("cli-source"))).QueueUrl;
    const dlqArn = (await awsJson<{ Attributes: { QueueArn: string } }>("sqs", "get-queue-attributes", "--queue-url", dlq, "--attribute-names", "QueueArn"))
      .Attributes.QueueArn;
    // The CLI's own JSON form of a map whose value is itself JSON: the RedrivePolicy travels as a string.
    const redrivePolicy = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: "1" });
    await awsQuiet("sqs", "set-queue-attributes", "--queue-url", source, "--attributes", JSON.stringify({ RedrivePolicy: redrivePolicy }));
    const policy = await awsJson<{ Attributes: { RedrivePolicy: string } }>("sqs", "get-queue-attributes", "--queue-url", source, "--attribute-names", "RedrivePolicy");
    assert.deepEqual(JSON.parse(policy.Attributes.RedrivePolicy), { deadLetterTargetArn: dlqArn, maxReceiveCount: 1 });
    assert.deepEqual(await awsJson("sqs", "list-dead-letter-source-queues", "--queue-url", dlq), { queueUrls: [source] });

    await awsJson("sqs", "send-message", "--queue-url", source, "--message-body", "poison");
    const first = await awsJson<{ Messages: CliMessage[] }>("sqs", "receive-message", "--queue-url", source);
    const [message] = first.Messages;
    assert.equal(message?.Body, "poison");
    // Giving the message back at once makes it receivable again: the next receive dead-letters it.
    await awsQuiet("sqs", "change-message-visibility", "--queue-url", source, "--receipt-handle", message.ReceiptHandle, "--visibility-timeout", "0");
    await awsQuiet("sqs", "receive-message", "--queue-url", source);
    const dead = await awsJson<{ Messages: CliMessage[] }>("sqs", "receive-message", "--queue-url", dlq, "--attribute-names", "ApproximateReceiveCount");
    assert.deepEqual(
      dead.Messages.map((m) => [m.MessageId, m.Body, m.Attributes.ApproximateReceiveCount]),
      [[message.MessageId, "poison", "2"]],
    );
  });

  it("sends a batch and reports the entry that failed", async () => {
    const name = uniqueName("cli-batch");
    const created = await awsJson<{ QueueUrl: string }>("sqs", "create-queue", "--queue-name", name, "--attributes", "MaximumMessageSize=1024");
    const result = await awsJson<{ Successful: { Id: string }[]; Failed: unknown[] }>(
      "sqs",
      "send-message-batch",
      "--queue-url",
      created.QueueUrl,
      "--entries",
      JSON.stringify([
        { Id: "small", MessageBody: "fits" },
        { Id: "big", MessageBody: "x".repeat(1025) },
      ]),
    );
    assert.deepEqual(
      result.Successful.map((s) => s.Id),
      ["small"],
    );
    assert.deepEqual(result.Failed, [
      { Id: "big", SenderFault: true, Code: "InvalidParameterValue", Message: "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes." },
    ]);
  });

  it("prints AWS's error codes and messages as the CLI shows them, and fails the command", async () => {
    const missing = `${h.gateway.url}/${h.team.accountId}/${uniqueName("cli-missing")}`;
    const notThere = await aws("sqs", "receive-message", "--queue-url", missing);
    assert.notEqual(notThere.code, 0);
    assert.equal(notThere.stdout, "");
    assert.match(
      notThere.stderr,
      /An error occurred \(AWS\.SimpleQueueService\.NonExistentQueue\) when calling the ReceiveMessage operation: The specified queue does not exist\./,
    );

    const name = uniqueName("cli-purge");
    const { QueueUrl } = await awsJson<{ QueueUrl: string }>("sqs", "create-queue", "--queue-name", name);
    await awsQuiet("sqs", "purge-queue", "--queue-url", QueueUrl);
    const again = await aws("sqs", "purge-queue", "--queue-url", QueueUrl);
    assert.notEqual(again.code, 0);
    assert.match(
      again.stderr,
      new RegExp(`An error occurred \\(AWS\\.SimpleQueueService\\.PurgeQueueInProgress\\) when calling the PurgeQueue operation: Only one PurgeQueue operation on ${name} is allowed every 60 seconds\\.`),
    );

    const badTimeout = await aws("sqs", "create-queue", "--queue-name", uniqueName("cli-bad"), "--attributes", "VisibilityTimeout=43201");
    assert.notEqual(badTimeout.code, 0);
    assert.match(badTimeout.stderr, /An error occurred \(InvalidAttributeValue\) when calling the CreateQueue operation: Invalid value for the parameter VisibilityTimeout\./);
  });
});
