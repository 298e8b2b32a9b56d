import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { createServiceRole } from "../../helpers/fixtures";
import { createFunction, uniqueName, zipOf } from "../lambda/helpers";
import { startInvokeHarness, type InvokeHarness } from "../lambda-invoke/harness";
import { createQueue } from "../sqs/helpers";

let h: InvokeHarness;

before(async () => {
  h = await startInvokeHarness();
});
after(async () => {
  await h.close();
});

/** Sends one message with the SDK inside the function, as its execution role, and reports how that went. */
const SENDER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async () => {
  try {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'from the function' }));
    return { sent: true };
  } catch (e) {
    return { sent: false, name: e.name, message: e.message };
  }
};`;

async function runAs(role: string, queueUrl: string): Promise<{ sent: boolean; name?: string; message?: string }> {
  const name = uniqueName("sender");
  await createFunction({ client: h.client, role }, name, { Code: { ZipFile: zipOf({ "index.js": SENDER }) }, Environment: { Variables: { QUEUE_URL: queueUrl } } });
  const out = await h.client.send(new InvokeCommand({ FunctionName: name }));
  assert.equal(out.FunctionError, undefined);
  return JSON.parse(Buffer.from(out.Payload!).toString());
}

describe("a function acts with its execution role's permissions", () => {
  test("a role without sqs:SendMessage gets AccessDenied inside the function; with it, the send goes through", async () => {
    const queueUrl = await createQueue(h.sqs, uniqueName("target"));
    const logsOnly = await createServiceRole(h.team, uniqueName("logs-only"), { policyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] });
    const denied = await runAs(logsOnly, queueUrl);
    assert.equal(denied.sent, false);
    assert.equal(denied.name, "AccessDenied");
    assert.match(denied.message ?? "", /assumed-role\/logs-only-[0-9a-f]+\/sender-[0-9a-f]+ is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:\d{12}:target-/);

    const sender = await createServiceRole(h.team, uniqueName("sender-role"), { policyArns: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"] });
    assert.deepEqual(await runAs(sender, queueUrl), { sent: true });
  });
});
