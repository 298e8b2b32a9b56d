import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetCallerIdentityCommand, STSClient, STSServiceException, type STSClientConfig } from "@aws-sdk/client-sts";
import { prisma } from "../../../server/db/client";
import { createCredentialResolver } from "../../../server/services/iam/credentials";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import {
  createSessionCredentials,
  presignedUrl,
  signedFetch,
  startGateway,
  type Credentials,
  type RunningGateway,
} from "./helpers";

let gateway: RunningGateway;
let team: TestTeam;

before(async () => {
  gateway = await startGateway();
  team = await createTestTeam();
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

async function deactivate(accessKeyId: string): Promise<void> {
  await prisma().accessKey.update({ where: { accessKeyId }, data: { status: "Inactive" } });
}

function sts(credentials: Credentials, config: Partial<STSClientConfig> = {}, url = gateway.url): STSClient {
  return new STSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1, ...config });
}

/** Asserts the SDK call fails with this error name and HTTP status. */
async function assertStsError(call: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof STSServiceException, `expected an STS service error, got ${String(error)}`);
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    assert.match(error.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
    return true;
  });
}

describe("GetCallerIdentity through @aws-sdk/client-sts (awsQuery)", () => {
  test("returns the key's account, user ARN and AIDA user id", async () => {
    const out = await sts(team).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, team.accountId);
    assert.equal(out.Arn, `arn:aws:iam::${team.accountId}:user/${team.email}`);
    assert.match(out.UserId ?? "", /^AIDA[A-Z2-7]{17}$/);
    assert.equal(out.UserId, team.principal.userId);
    assert.match(out.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
  });

  test("each team's key sees its own account", async () => {
    const other = await createTestTeam({ role: "viewer" });
    const [mine, theirs] = await Promise.all([sts(team).send(new GetCallerIdentityCommand({})), sts(other).send(new GetCallerIdentityCommand({}))]);
    assert.equal(mine.Account, team.accountId);
    assert.equal(theirs.Account, other.accountId);
    assert.notEqual(mine.Account, theirs.Account);
    assert.notEqual(mine.UserId, theirs.UserId);
  });

  test("a wrong secret is SignatureDoesNotMatch (403)", async () => {
    const call = sts({ accessKeyId: team.accessKeyId, secretAccessKey: `${team.secretAccessKey}x` }).send(new GetCallerIdentityCommand({}));
    await assertStsError(call, "SignatureDoesNotMatch", 403);
  });

  test("an unknown key is InvalidClientTokenId (403)", async () => {
    const call = sts({ accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: team.secretAccessKey }).send(new GetCallerIdentityCommand({}));
    await assertStsError(call, "InvalidClientTokenId", 403);
  });

  test("an inactive key is rejected like an unknown one", async () => {
    const inactive = await createTestTeam();
    await deactivate(inactive.accessKeyId);
    await assertStsError(sts(inactive).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  test("a long-term key presented with a session token is rejected", async () => {
    await assertStsError(sts({ ...team, sessionToken: "bogus" }).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  for (const minutes of [20, -20]) {
    test(`a clock ${minutes > 0 ? "ahead" : "behind"} by 20 minutes is RequestTimeTooSkewed, and the SDK re-syncs from Date`, async () => {
      const client = sts(team, { systemClockOffset: minutes * 60_000 });
      await assertStsError(client.send(new GetCallerIdentityCommand({})), "RequestTimeTooSkewed", 403);
      // The SDK took the server's time from the error's Date header, so its next call is on time.
      const out = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, team.accountId);
    });
  }

  test("deactivating a key takes effect once the credential cache expires", async () => {
    const fresh = await createTestTeam();
    const quick = await startGateway({ resolveCredential: createCredentialResolver({ cacheTtlMs: 100 }) });
    try {
      const out = await sts(fresh, {}, quick.url).send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, fresh.accountId);
      const key = await prisma().accessKey.findUniqueOrThrow({ where: { accessKeyId: fresh.accessKeyId } });
      assert.ok(key.lastUsedAt, "lastUsedAt is stamped on use");
      await deactivate(fresh.accessKeyId);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await assertStsError(sts(fresh, {}, quick.url).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
    } finally {
      await quick.close();
    }
  });
});

describe("temporary credentials (session_credentials)", () => {
  const inOneHour = () => new Date(Date.now() + 3600_000);

  test("work with the right session token and act as the stored principal", async () => {
    const arn = `arn:aws:sts::${team.accountId}:assumed-role/Deployer/ci`;
    const creds = await createSessionCredentials({ accountId: team.accountId, principalArn: arn, principalId: "AROAEXAMPLEROLEID:ci", expiresAt: inOneHour() });
    const out = await sts(creds).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([out.Account, out.Arn, out.UserId], [team.accountId, arn, "AROAEXAMPLEROLEID:ci"]);
  });

  test("derived from a team member's key, they keep acting as that member", async () => {
    const creds = await createSessionCredentials({
      accountId: team.accountId,
      principalArn: team.principal.arn,
      principalId: team.principal.userId,
      userId: team.userId,
      expiresAt: inOneHour(),
    });
    const out = await sts(creds).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, team.principal.arn);
  });

  test("fail with a wrong or missing session token", async () => {
    const creds = await createSessionCredentials({ accountId: team.accountId, principalArn: `arn:aws:sts::${team.accountId}:assumed-role/x/s`, principalId: "AROAX:s", expiresAt: inOneHour() });
    await assertStsError(sts({ ...creds, sessionToken: `${creds.sessionToken}x` }).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
    const { sessionToken: _omitted, ...withoutToken } = creds;
    await assertStsError(sts(withoutToken).send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  test("fail with ExpiredToken once expired", async () => {
    const creds = await createSessionCredentials({
      accountId: team.accountId,
      principalArn: `arn:aws:sts::${team.accountId}:assumed-role/x/s`,
      principalId: "AROAX:s",
      expiresAt: new Date(Date.now() - 1000),
    });
    await assertStsError(sts(creds).send(new GetCallerIdentityCommand({})), "ExpiredToken", 403);
  });
});

describe("raw requests (what `aws sts get-caller-identity` and presigners send)", () => {
  const action = { Action: "GetCallerIdentity", Version: "2011-06-15" };

  test("a form POST signed in the Authorization header returns the documented XML", async () => {
    const res = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: new URLSearchParams(action).toString(),
    });
    assert.equal(res.status, 200);
    const requestId = res.headers.get("x-amzn-requestid");
    assert.match(requestId ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(
      await res.text(),
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<UserId>${team.principal.userId}</UserId><Account>${team.accountId}</Account><Arn>${team.principal.arn}</Arn>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  });

  test("a presigned GET URL works; tampering with it or letting it expire does not", async () => {
    const url = await presignedUrl(gateway, team, "sts", action, { expiresIn: 300 });
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), new RegExp(`<Account>${team.accountId}</Account>`));

    const tampered = await fetch(url.replace("Version=2011-06-15", "Version=2011-06-16"));
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);

    const stale = await presignedUrl(gateway, team, "sts", action, { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    const expired = await fetch(stale);
    assert.equal(expired.status, 400);
    assert.match(await expired.text(), /<Code>RequestExpired<\/Code>/);
  });

  test("awsJson1_0 with X-Amz-Target gets the same identity as JSON", async () => {
    const res = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity" },
      body: "{}",
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.0");
    assert.deepEqual(await res.json(), { UserId: team.principal.userId, Account: team.accountId, Arn: team.principal.arn });
  });

  test("no credentials at all is MissingAuthenticationToken", async () => {
    const res = await fetch(`${gateway.url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(action) });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  });

  test("a malformed Authorization header is IncompleteSignature", async () => {
    const res = await fetch(`${gateway.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${team.accessKeyId}/20250101/us-east-1/sts/aws4_request, SignedHeaders=host`,
      },
      body: new URLSearchParams(action),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>IncompleteSignature<\/Code><Message>Authorization header requires &apos;Signature&apos; parameter.<\/Message>/);
  });

  test("a body that does not match x-amz-content-sha256 is rejected", async () => {
    const res = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-www-form-urlencoded", "x-amz-content-sha256": "0".repeat(64) },
      body: new URLSearchParams(action).toString(),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>XAmzContentSHA256Mismatch<\/Code>/);
  });

  test("UNSIGNED-PAYLOAD is accepted", async () => {
    const res = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-www-form-urlencoded", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      body: new URLSearchParams(action).toString(),
    });
    assert.equal(res.status, 200);
  });

  test("a signature scoped to another service is rejected", async () => {
    const res = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity" },
      body: "{}",
    });
    assert.equal(res.status, 200);
    const wrongScope = await signedFetch(gateway, team, "sqs", {
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity" },
      body: "{}",
    });
    assert.equal(wrongScope.status, 403);
    assert.equal(wrongScope.headers.get("x-amzn-errortype"), "SignatureDoesNotMatch");
  });
});
