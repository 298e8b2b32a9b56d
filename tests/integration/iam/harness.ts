/** IAM/STS test harness: a gateway, SDK clients for any credentials, and AWS-error assertions. */
import assert from "node:assert/strict";
import { IAMClient } from "@aws-sdk/client-iam";
import { SQSClient } from "@aws-sdk/client-sqs";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { assumeRolePolicy } from "../../../server/services/iam/trust-policies";
import type { Credentials } from "../gateway/helpers";

export const trustAccount = (accountId: string) => JSON.stringify(assumeRolePolicy({ AWS: `arn:aws:iam::${accountId}:root` }));

export const allowPolicy = (action: string | string[], resource: string | string[] = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

export function clients(url: string, credentials: Credentials) {
  const config = { endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 };
  return { iam: new IAMClient(config), sts: new STSClient(config), sqs: new SQSClient(config) };
}

/** AssumeRole as `caller`, returning SDK credentials for the session. */
export async function assume(url: string, caller: Credentials, roleArn: string, extra: { Policy?: string } = {}): Promise<Credentials> {
  const out = await clients(url, caller).sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test-session", ...extra }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Asserts an SDK call fails with this error name and HTTP status (and a message matching `message`). */
export async function rejectsWith(call: Promise<unknown>, name: string, status: number, message?: string | RegExp): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (typeof message === "string") assert.equal(e.message, message);
    else if (message) assert.match(e.message ?? "", message);
    return true;
  });
}
