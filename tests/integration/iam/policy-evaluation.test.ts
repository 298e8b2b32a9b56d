// The IAM policy language: parsing with IAM's MalformedPolicyDocument messages, and evaluation (Deny
// precedence, wildcards, Not* elements, principals, every condition operator family, policy variables,
// cross-account rules, trust policies), plus the resource-policy adapter SQS and Lambda use.
import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { AwsError } from "../../../server/errors";
import {
  type AuthorizationRequest,
  type Decision,
  type PolicyDocument,
  type PolicyKind,
  type RequestContext,
  type RequestPrincipal,
  evaluatePolicies,
  evaluatePolicy,
  evaluateTrustPolicy,
  parsePolicyDocument,
} from "../../../server/services/iam/policy";
import { evaluateResourcePolicy } from "../../../server/services/iam/resource-policy";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";

const alice: RequestPrincipal = { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userId: "AIDAALICEEXAMPLE" };
const bob: RequestPrincipal = { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT, userId: "AIDABOBEXAMPLE" };
const carol: RequestPrincipal = { arn: `arn:aws:iam::${OTHER}:user/carol`, accountId: OTHER, userId: "AIDACAROLEXAMPLE" };
const workerSession: RequestPrincipal = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Worker/job-1`,
  accountId: ACCOUNT,
  userId: "AROAWORKEREXAMPLE:job-1",
};
const lambdaService: RequestPrincipal = { arn: "lambda.amazonaws.com", accountId: ACCOUNT };
const cognito: RequestPrincipal = { arn: "cognito-identity.amazonaws.com", accountId: ACCOUNT };

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;

type Statement = Record<string, unknown>;

const doc = (kind: PolicyKind, statements: Statement | Statement[], version: string | undefined = "2012-10-17"): PolicyDocument =>
  parsePolicyDocument(JSON.stringify({ ...(version && { Version: version }), Statement: statements }), kind);
const identity = (statements: Statement | Statement[]) => doc("identity", statements);
const resourcePolicy = (statements: Statement | Statement[], version?: string) => doc("resource", statements, version);

const request = (overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  principal: alice,
  action: "sqs:SendMessage",
  resource: QUEUE,
  context: {},
  ...overrides,
});

/** The decision of one identity policy made of `statement`. */
const decideIdentity = (statement: Statement, overrides: Partial<AuthorizationRequest> = {}): Decision =>
  evaluatePolicies({ identity: [{ source: "test", document: identity(statement) }] }, request(overrides)).decision;

const allowAll = { Effect: "Allow", Action: "*", Resource: "*" };

describe("decisions", () => {
  it("deny by default, allow when a statement allows, and an explicit Deny anywhere wins", () => {
    assert.deepEqual(evaluatePolicies({ identity: [] }, request()), { decision: "ImplicitDeny", matched: [] });

    const admin = { source: "arn:aws:iam::aws:policy/AdministratorAccess", document: identity({ Sid: "All", ...allowAll }) };
    assert.deepEqual(evaluatePolicies({ identity: [admin] }, request()), {
      decision: "Allow",
      matched: [{ source: admin.source, sid: "All", effect: "Allow" }],
    });

    const noSend = { source: "user/alice inline NoSend", document: identity({ Effect: "Deny", Action: "sqs:SendMessage", Resource: QUEUE }) };
    assert.deepEqual(evaluatePolicies({ identity: [admin, noSend] }, request()), {
      decision: "ExplicitDeny",
      matched: [{ source: noSend.source, effect: "Deny" }],
    });
    assert.equal(evaluatePolicies({ identity: [admin, noSend] }, request({ action: "sqs:ReceiveMessage" })).decision, "Allow");

    const resourceDeny = { source: "queue policy", document: resourcePolicy({ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE }) };
    assert.equal(evaluatePolicies({ identity: [admin], resource: resourceDeny }, request()).decision, "ExplicitDeny");
  });

  it("needs the permissions boundary to allow too, and honours its Deny", () => {
    const admin = { source: "admin", document: identity(allowAll) };
    const sqsOnly = { source: "boundary", document: identity({ Sid: "Sqs", Effect: "Allow", Action: "sqs:*", Resource: "*" }) };
    assert.deepEqual(evaluatePolicies({ identity: [admin], boundary: sqsOnly }, request()), {
      decision: "Allow",
      matched: [
        { source: "admin", effect: "Allow" },
        { source: "boundary", sid: "Sqs", effect: "Allow" },
      ],
    });
    assert.equal(evaluatePolicies({ identity: [admin], boundary: sqsOnly }, request({ action: "sns:Publish" })).decision, "ImplicitDeny");
    assert.equal(evaluatePolicies({ identity: [], boundary: sqsOnly }, request()).decision, "ImplicitDeny", "a boundary grants nothing by itself");
    const denying = { source: "boundary", document: identity([allowAll, { Effect: "Deny", Action: "sqs:SendMessage", Resource: "*" }]) };
    assert.equal(evaluatePolicies({ identity: [admin], boundary: denying }, request()).decision, "ExplicitDeny");
  });
});

describe("actions", () => {
  const cases: [pattern: string | string[], action: string, allowed: boolean][] = [
    ["sqs:SendMessage", "sqs:SendMessage", true],
    ["sqs:SendMessage", "SQS:sendmessage", true],
    ["SQS:SENDMESSAGE", "sqs:SendMessage", true],
    ["sqs:Send*", "sqs:SendMessageBatch", true],
    ["sqs:*Message", "sqs:ReceiveMessage", true],
    ["sqs:*Message", "sqs:DeleteQueue", false],
    ["sqs:?endMessage", "sqs:SendMessage", true],
    ["sqs:?endMessage", "sqs:SpendMessage", false],
    ["sqs:*", "sns:Publish", false],
    ["*", "kinesis:PutRecord", true],
    [["sns:Publish", "sqs:Get*"], "sqs:GetQueueUrl", true],
    [["sns:Publish", "sqs:Get*"], "sqs:SendMessage", false],
  ];
  for (const [pattern, action, allowed] of cases) {
    it(`${JSON.stringify(pattern)} ${allowed ? "covers" : "does not cover"} ${action}`, () => {
      assert.equal(decideIdentity({ Effect: "Allow", Action: pattern, Resource: "*" }, { action }), allowed ? "Allow" : "ImplicitDeny");
    });
  }

  it("NotAction covers every action but the listed ones", () => {
    const statement = { Effect: "Allow", NotAction: ["iam:*", "sts:AssumeRole"], Resource: "*" };
    assert.equal(decideIdentity(statement, { action: "sqs:SendMessage" }), "Allow");
    assert.equal(decideIdentity(statement, { action: "iam:CreateUser" }), "ImplicitDeny");
    assert.equal(decideIdentity(statement, { action: "STS:assumerole" }), "ImplicitDeny");
    assert.equal(decideIdentity(statement, { action: "sts:GetCallerIdentity" }), "Allow");
  });
});

describe("resources", () => {
  const cases: [pattern: string, resource: string, allowed: boolean][] = [
    [QUEUE, QUEUE, true],
    [QUEUE, QUEUE.toUpperCase(), false],
    [`arn:aws:sqs:us-east-1:${ACCOUNT}:Orders`, QUEUE, false],
    [`arn:aws:sqs:*:${ACCOUNT}:*`, QUEUE, true],
    [`arn:aws:sqs:us-*:${ACCOUNT}:orders`, QUEUE, true],
    [`arn:aws:sqs:us-east-1:*:orders-?`, `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-1`, true],
    [`arn:aws:sqs:us-east-1:*:orders-?`, `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-10`, false],
    // A wildcard inside one of the first five segments never swallows a colon.
    [`arn:aws:sqs:*:orders`, QUEUE, false],
    [`arn:aws:sqs:us-east-1:${ACCOUNT}:*`, QUEUE, true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c.txt", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false],
    ["*", QUEUE, true],
    ["*", "*", true],
    [QUEUE, "*", false],
  ];
  for (const [pattern, resource, allowed] of cases) {
    it(`${pattern} ${allowed ? "covers" : "does not cover"} ${resource}`, () => {
      assert.equal(decideIdentity({ Effect: "Allow", Action: "*", Resource: pattern }, { resource }), allowed ? "Allow" : "ImplicitDeny");
    });
  }

  it("NotResource covers every resource but the listed ones", () => {
    const statement = { Effect: "Allow", Action: "sqs:*", NotResource: [`arn:aws:sqs:*:${ACCOUNT}:secret-*`] };
    assert.equal(decideIdentity(statement), "Allow");
    assert.equal(decideIdentity(statement, { resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:secret-payroll` }), "ImplicitDeny");
  });
});

describe("principals in resource-based policies", () => {
  const decide = (principal: unknown, caller: RequestPrincipal): Decision =>
    evaluatePolicy(
      { source: "queue policy", document: resourcePolicy({ Effect: "Allow", Principal: principal, Action: "sqs:*", Resource: "*" }) },
      request({ principal: caller }),
    ).decision;

  const cases: [name: string, principal: unknown, caller: RequestPrincipal, allowed: boolean][] = [
    ['"*" is everyone', "*", carol, true],
    ['{AWS: "*"} is everyone', { AWS: "*" }, carol, true],
    ["an account id is any principal of the account", { AWS: ACCOUNT }, bob, true],
    ["an account id is not another account", { AWS: ACCOUNT }, carol, false],
    ["the account root ARN is any principal of the account", { AWS: `arn:aws:iam::${ACCOUNT}:root` }, workerSession, true],
    ["a user ARN is that user", { AWS: alice.arn }, alice, true],
    ["a user ARN is not another user", { AWS: alice.arn }, bob, false],
    ["a role ARN covers the role's sessions", { AWS: `arn:aws:iam::${ACCOUNT}:role/Worker` }, workerSession, true],
    ["a role ARN with a path covers the role's sessions", { AWS: `arn:aws:iam::${ACCOUNT}:role/jobs/Worker` }, workerSession, true],
    ["a role ARN does not cover another role's sessions", { AWS: `arn:aws:iam::${ACCOUNT}:role/Builder` }, workerSession, false],
    ["a role ARN of another account does not cover the session", { AWS: `arn:aws:iam::${OTHER}:role/Worker` }, workerSession, false],
    ["a session ARN is that session", { AWS: workerSession.arn }, workerSession, true],
    ["one of a list", { AWS: [bob.arn, carol.arn] }, carol, true],
    ["a service is the caller represented by that name", { Service: "lambda.amazonaws.com" }, lambdaService, true],
    ["a service is not another service", { Service: "sns.amazonaws.com" }, lambdaService, false],
    ["a service is not a user", { Service: "lambda.amazonaws.com" }, alice, false],
    ["an account does not cover a service", { AWS: ACCOUNT }, lambdaService, false],
    ["a federated provider is the web identity caller", { Federated: "cognito-identity.amazonaws.com" }, cognito, true],
    ["a federated provider is not an account principal", { Federated: "cognito-identity.amazonaws.com" }, alice, false],
  ];
  for (const [name, principal, caller, allowed] of cases) {
    it(name, () => assert.equal(decide(principal, caller), allowed ? "Allow" : "ImplicitDeny"));
  }

  it("NotPrincipal in a Deny spares only callers all of whose identities are listed (account, self, role)", () => {
    const denyAllBut = (notPrincipal: string[]) =>
      ({
        source: "bucket policy",
        document: resourcePolicy([
          { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
          { Effect: "Deny", NotPrincipal: { AWS: notPrincipal }, Action: "*", Resource: "*" },
        ]),
      }) as const;
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const decide = (notPrincipal: string[], caller: RequestPrincipal) => evaluatePolicy(denyAllBut(notPrincipal), request({ principal: caller })).decision;

    assert.equal(decide([alice.arn, root], alice), "Allow");
    assert.equal(decide([alice.arn, root], bob), "ExplicitDeny");
    assert.equal(decide([alice.arn], alice), "ExplicitDeny", "without the account, the user is denied too");
    assert.equal(decide([alice.arn, root], carol), "ExplicitDeny");
    const role = `arn:aws:iam::${ACCOUNT}:role/Worker`;
    assert.equal(decide([role, workerSession.arn, root], workerSession), "Allow");
    assert.equal(decide([role, root], workerSession), "ExplicitDeny", "the session itself must be listed");
    assert.equal(decide([workerSession.arn, root], workerSession), "ExplicitDeny", "and its role");
  });
});

describe("conditions", () => {
  const decide = (condition: Record<string, unknown>, context: RequestContext, principal: RequestPrincipal = alice): Decision =>
    decideIdentity({ Effect: "Allow", Action: "*", Resource: "*", Condition: condition }, { context, principal });

  const cases: [name: string, condition: Record<string, unknown>, context: RequestContext, holds: boolean][] = [
    // Strings
    ["StringEquals matches exactly", { StringEquals: { "aws:RequestedRegion": "us-east-1" } }, { "aws:RequestedRegion": "us-east-1" }, true],
    ["StringEquals is case-sensitive in values", { StringEquals: { "aws:RequestedRegion": "US-EAST-1" } }, { "aws:RequestedRegion": "us-east-1" }, false],
    ["condition keys are case-insensitive", { StringEquals: { "AWS:SourceAccount": ACCOUNT } }, { "aws:sourceaccount": ACCOUNT }, true],
    ["several values are ORed", { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } }, { "aws:RequestedRegion": "us-east-1" }, true],
    ["StringNotEquals NORs its values (none)", { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } }, { "aws:RequestedRegion": "us-east-1" }, false],
    ["StringNotEquals NORs its values (other)", { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } }, { "aws:RequestedRegion": "ap-south-1" }, true],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:RequestedRegion": "US-East-1" } }, { "aws:RequestedRegion": "us-east-1" }, true],
    ["StringNotEqualsIgnoreCase", { StringNotEqualsIgnoreCase: { "aws:RequestedRegion": "US-East-1" } }, { "aws:RequestedRegion": "us-east-1" }, false],
    ["StringLike takes wildcards", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/alice/docs" }, true],
    ["StringLike is case-sensitive", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "Home/alice" }, false],
    ["StringLike ?", { StringLike: { "s3:prefix": "v?" } }, { "s3:prefix": "v2" }, true],
    ["StringNotLike", { StringNotLike: { "s3:prefix": ["home/*", "tmp/*"] } }, { "s3:prefix": "etc/passwd" }, true],
    ["StringNotLike (listed)", { StringNotLike: { "s3:prefix": ["home/*", "tmp/*"] } }, { "s3:prefix": "tmp/x" }, false],
    ["keys the request omits are derived: aws:username", { StringEquals: { "aws:username": "alice" } }, {}, true],
    ["aws:PrincipalArn", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` } }, {}, true],
    ["aws:PrincipalAccount", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }, {}, true],
    ["aws:userid", { StringEquals: { "aws:userid": "AIDAALICEEXAMPLE" } }, {}, true],
    ["aws:PrincipalType", { StringEquals: { "aws:PrincipalType": "User" } }, {}, true],
    ["the context wins over derived keys", { StringEquals: { "aws:username": "alice" } }, { "aws:username": "mallory" }, false],
    // Missing keys
    ["a missing key fails a positive operator", { StringEquals: { "aws:SourceVpc": "vpc-1" } }, {}, false],
    ["a missing key satisfies a negated operator", { StringNotEquals: { "aws:SourceVpc": "vpc-1" } }, {}, true],
    ["…IfExists holds when the key is missing", { StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" } }, {}, true],
    ["…IfExists still tests a present key", { StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" } }, { "aws:SourceVpc": "vpc-2" }, false],
    ["NumericLessThanIfExists", { NumericLessThanIfExists: { "s3:max-keys": "10" } }, { "s3:max-keys": 20 }, false],
    // Numbers
    ["NumericEquals", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, true],
    ["NumericEquals reads numeric text", { NumericEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "10.0" }, true],
    ["NumericNotEquals", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, false],
    ["NumericLessThan", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": 9 }, true],
    ["NumericLessThan (equal)", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, false],
    ["NumericLessThanEquals", { NumericLessThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, true],
    ["NumericGreaterThan", { NumericGreaterThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, true],
    ["NumericGreaterThanEquals", { NumericGreaterThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 9 }, false],
    ["a non-number never compares", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "many" }, false],
    // Dates
    ["DateGreaterThan", { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2024-05-01T12:00:00Z" }, true],
    ["DateLessThan", { DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2024-05-01T12:00:00Z" }, false],
    ["DateEquals across time zones", { DateEquals: { "aws:CurrentTime": "2020-01-01T01:00:00+01:00" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true],
    ["DateEquals between ISO 8601 and epoch seconds", { DateEquals: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "1577836800" }, true],
    ["DateNotEquals", { DateNotEquals: { "aws:CurrentTime": "2020-01-01" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, false],
    ["DateLessThanEquals with epoch in the policy", { DateLessThanEquals: { "aws:EpochTime": "1700000000" } }, { "aws:EpochTime": 1700000000 }, true],
    ["DateGreaterThanEquals", { DateGreaterThanEquals: { "aws:EpochTime": "1700000000" } }, { "aws:EpochTime": 1600000000 }, false],
    ["aws:CurrentTime defaults to now", { DateGreaterThan: { "aws:CurrentTime": "2000-01-01T00:00:00Z" } }, {}, true],
    ["aws:EpochTime defaults to now", { DateLessThan: { "aws:EpochTime": "946684800" } }, {}, false],
    // Booleans, binary
    ["Bool true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": true }, true],
    ["Bool false vs true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": false }, false],
    ["Bool with a JSON boolean and text in the request", { Bool: { "aws:MultiFactorAuthPresent": false } }, { "aws:MultiFactorAuthPresent": "FALSE" }, true],
    ["BinaryEquals", { BinaryEquals: { "custom:blob": "QmluYXJ5VmFsdWU=" } }, { "custom:blob": "QmluYXJ5VmFsdWU=" }, true],
    ["BinaryEquals (different)", { BinaryEquals: { "custom:blob": "QmluYXJ5VmFsdWU=" } }, { "custom:blob": "b3RoZXI=" }, false],
    // IP addresses
    ["IpAddress IPv4 CIDR", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "203.0.113.7" }, true],
    ["IpAddress IPv4 CIDR (outside)", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "203.0.114.7" }, false],
    ["IpAddress odd prefix", { IpAddress: { "aws:SourceIp": "10.0.0.0/9" } }, { "aws:SourceIp": "10.127.255.255" }, true],
    ["IpAddress odd prefix (outside)", { IpAddress: { "aws:SourceIp": "10.0.0.0/9" } }, { "aws:SourceIp": "10.128.0.0" }, false],
    ["IpAddress bare address", { IpAddress: { "aws:SourceIp": "198.51.100.1" } }, { "aws:SourceIp": "198.51.100.1" }, true],
    ["IpAddress /0", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "192.0.2.1" }, true],
    ["IpAddress IPv4-mapped IPv6 request", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "::ffff:203.0.113.7" }, true],
    ["IpAddress IPv6 CIDR", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:db8:1:2::5" }, true],
    ["IpAddress IPv6 CIDR (outside)", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:db9::1" }, false],
    ["IpAddress IPv6 /57", { IpAddress: { "aws:SourceIp": "2001:db8:0:ff80::/57" } }, { "aws:SourceIp": "2001:db8:0:ffff::1" }, true],
    ["IpAddress IPv6 /57 (outside)", { IpAddress: { "aws:SourceIp": "2001:db8:0:ff80::/57" } }, { "aws:SourceIp": "2001:db8:0:ff7f::1" }, false],
    ["IpAddress families do not mix", { IpAddress: { "aws:SourceIp": "::/0" } }, { "aws:SourceIp": "192.0.2.1" }, false],
    ["IpAddress one of several", { IpAddress: { "aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"] } }, { "aws:SourceIp": "2001:db8::1" }, true],
    ["NotIpAddress", { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"] } }, { "aws:SourceIp": "198.51.100.9" }, true],
    ["NotIpAddress (inside)", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { "aws:SourceIp": "192.0.2.9" }, false],
    ["IpAddress with a request value that is no address", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "localhost" }, false],
    ["IpAddress block with host bits set covers its network", { IpAddress: { "aws:SourceIp": "203.0.113.77/24" } }, { "aws:SourceIp": "203.0.113.7" }, true],
    ["IpAddress IPv4-mapped IPv6 request in hex", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "::ffff:cb00:7107" }, true],
    ["IpAddress IPv6 request with a zone", { IpAddress: { "aws:SourceIp": "fe80::/10" } }, { "aws:SourceIp": "fe80::1%eth0" }, true],
    ["IpAddress IPv6 with an embedded IPv4 tail", { IpAddress: { "aws:SourceIp": "64:ff9b::c000:200/120" } }, { "aws:SourceIp": "64:ff9b::192.0.2.1" }, true],
    ["IpAddress prefix wider than the family matches nothing", { IpAddress: { "aws:SourceIp": "10.0.0.0/33" } }, { "aws:SourceIp": "10.0.0.1" }, false],
    // ARNs
    ["ArnEquals", { ArnEquals: { "aws:SourceArn": QUEUE } }, { "aws:SourceArn": QUEUE }, true],
    ["ArnLike per segment", { ArnLike: { "aws:SourceArn": `arn:aws:sqs:*:${ACCOUNT}:ord*` } }, { "aws:SourceArn": QUEUE }, true],
    ["ArnLike does not cross segments", { ArnLike: { "aws:SourceArn": "arn:aws:sqs:*:orders" } }, { "aws:SourceArn": QUEUE }, false],
    ["ArnLike on a value that is no ARN", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } }, { "aws:SourceArn": "uploads" }, false],
    ["ArnNotEquals", { ArnNotEquals: { "aws:SourceArn": QUEUE } }, { "aws:SourceArn": `${QUEUE}-dlq` }, true],
    ["ArnNotLike", { ArnNotLike: { "aws:SourceArn": "arn:aws:sqs:*" } }, { "aws:SourceArn": QUEUE }, false],
    // Null
    ["Null true: the key is absent", { Null: { "aws:TokenIssueTime": "true" } }, {}, true],
    ["Null true: the key is present", { Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, false],
    ["Null false: the key is present", { Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, true],
    ["Null false: the key is absent", { Null: { "aws:TokenIssueTime": "false" } }, {}, false],
    // Multivalued keys and set operators
    ["ForAllValues: every request value is listed", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } }, { "aws:TagKeys": ["env"] }, true],
    ["ForAllValues: one is not", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } }, { "aws:TagKeys": ["env", "cost"] }, false],
    ["ForAllValues holds for a missing key", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, {}, true],
    ["ForAllValues holds for an empty set", { "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": [] }, true],
    ["ForAnyValue: one request value is listed", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } }, { "aws:TagKeys": ["cost", "env"] }, true],
    ["ForAnyValue: none is", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }, { "aws:TagKeys": ["cost"] }, false],
    ["ForAnyValue fails for a missing key", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } }, {}, false],
    ["ForAllValues:StringNotLike, all outside", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key2:audit"] }, true],
    ["ForAllValues:StringNotLike, one inside", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key1:hr", "key2:x"] }, false],
    ["ForAnyValue:StringNotEquals", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["a", "c"] }, true],
    ["ForAnyValue:StringNotEquals (all listed)", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["a", "b"] }, false],
    ["ForAnyValue:StringLike on Cognito amr", { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }, { "cognito-identity.amazonaws.com:amr": ["authenticated", "cognito-idp.us-east-1.amazonaws.com/pool"] }, true],
    ["without a set operator any request value may match", { StringEquals: { "aws:TagKeys": "env" } }, { "aws:TagKeys": ["cost", "env"] }, true],
    ["…and a negated operator fails when any does", { StringNotEquals: { "aws:TagKeys": "env" } }, { "aws:TagKeys": ["cost", "env"] }, false],
    ["ForAnyValue:…IfExists with a missing key", { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "env" } }, {}, true],
    // Combinations
    ["keys in one operator are ANDed", { StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:SourceVpc": "vpc-1" } }, { "aws:RequestedRegion": "us-east-1" }, false],
    ["keys in one operator are ANDed (both)", { StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:SourceVpc": "vpc-1" } }, { "aws:RequestedRegion": "us-east-1", "aws:SourceVpc": "vpc-1" }, true],
    ["operators are ANDed", { Bool: { "aws:SecureTransport": "true" }, IpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { "aws:SecureTransport": true, "aws:SourceIp": "198.51.100.1" }, false],
  ];
  for (const [name, condition, context, holds] of cases) {
    it(name, () => assert.equal(decide(condition, context), holds ? "Allow" : "ImplicitDeny"));
  }

  it("a conditioned Deny only denies when its condition holds", () => {
    const policy = identity([allowAll, { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }]);
    const decide = (context: RequestContext) => evaluatePolicies({ identity: [{ source: "p", document: policy }] }, request({ context })).decision;
    assert.equal(decide({ "aws:SecureTransport": false }), "ExplicitDeny");
    assert.equal(decide({ "aws:SecureTransport": true }), "Allow");
  });
});

describe("policy variables", () => {
  const homes = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home/${aws:username}/*" };

  it("substitute the caller's values in Resource", () => {
    const get = (principal: RequestPrincipal, resource: string) => decideIdentity(homes, { principal, action: "s3:GetObject", resource });
    assert.equal(get(alice, "arn:aws:s3:::bucket/home/alice/notes.txt"), "Allow");
    assert.equal(get(alice, "arn:aws:s3:::bucket/home/bob/notes.txt"), "ImplicitDeny");
    assert.equal(get(bob, "arn:aws:s3:::bucket/home/bob/notes.txt"), "Allow");
    assert.equal(get(workerSession, "arn:aws:s3:::bucket/home/Worker/x"), "ImplicitDeny", "a role session has no user name");
  });

  it("take aws:userid, aws:PrincipalAccount and any context key, with defaults", () => {
    const statement = (resource: string) => ({ Effect: "Allow", Action: "*", Resource: resource });
    assert.equal(decideIdentity(statement("arn:aws:s3:::b/${aws:userid}/*"), { resource: "arn:aws:s3:::b/AIDAALICEEXAMPLE/x" }), "Allow");
    assert.equal(decideIdentity(statement("arn:aws:sqs:*:${aws:PrincipalAccount}:*"), {}), "Allow");
    const byTeam = statement("arn:aws:s3:::b/${aws:PrincipalTag/team}/*");
    assert.equal(decideIdentity(byTeam, { resource: "arn:aws:s3:::b/red/x", context: { "aws:PrincipalTag/team": "red" } }), "Allow");
    assert.equal(decideIdentity(byTeam, { resource: "arn:aws:s3:::b/red/x", context: {} }), "ImplicitDeny", "an unresolved variable matches nothing");
    const withDefault = statement("arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*");
    assert.equal(decideIdentity(withDefault, { resource: "arn:aws:s3:::b/shared/x", context: {} }), "Allow");
  });

  it("insert values literally, and ${*} ${?} ${$} stand for the characters", () => {
    const byTeam = { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team}" };
    assert.equal(decideIdentity(byTeam, { resource: "arn:aws:s3:::b/x", context: { "aws:PrincipalTag/team": "*" } }), "ImplicitDeny");
    assert.equal(decideIdentity(byTeam, { resource: "arn:aws:s3:::b/*", context: { "aws:PrincipalTag/team": "*" } }), "Allow");
    const literal = { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/${*}${?}${$}" };
    assert.equal(decideIdentity(literal, { resource: "arn:aws:s3:::b/*?$" }), "Allow");
    assert.equal(decideIdentity(literal, { resource: "arn:aws:s3:::b/xy$" }), "ImplicitDeny");
  });

  it("apply in condition values", () => {
    const statement = { Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { StringLike: { "s3:prefix": "home/${aws:username}/*" } } };
    assert.equal(decideIdentity(statement, { action: "s3:ListBucket", context: { "s3:prefix": "home/alice/docs" } }), "Allow");
    assert.equal(decideIdentity(statement, { action: "s3:ListBucket", context: { "s3:prefix": "home/bob/docs" } }), "ImplicitDeny");
    const equals = { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "custom:owner": "${aws:username}" } } };
    assert.equal(decideIdentity(equals, { context: { "custom:owner": "alice" } }), "Allow");
  });

  it("are plain text in version 2008-10-17", () => {
    const legacy = resourcePolicy({ Effect: "Allow", Principal: "*", Action: "*", Resource: "arn:aws:s3:::b/${aws:username}" }, "2008-10-17");
    const decide = (resource: string) => evaluatePolicy({ source: "legacy", document: legacy }, request({ resource })).decision;
    assert.equal(decide("arn:aws:s3:::b/alice"), "ImplicitDeny");
    assert.equal(decide("arn:aws:s3:::b/${aws:username}"), "Allow");
  });
});

describe("cross-account access", () => {
  const identityAllow = { source: "carol inline", document: identity({ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE }) };
  const queuePolicy = {
    source: "queue policy",
    document: resourcePolicy({ Sid: "Partner", Effect: "Allow", Principal: { AWS: OTHER }, Action: "sqs:SendMessage", Resource: QUEUE }),
  };
  const crossRequest = request({ principal: carol, resourceAccountId: ACCOUNT });

  it("needs both the caller's identity policy and the resource policy", () => {
    assert.equal(evaluatePolicies({ identity: [identityAllow] }, crossRequest).decision, "ImplicitDeny", "identity only");
    assert.equal(evaluatePolicies({ identity: [], resource: queuePolicy }, crossRequest).decision, "ImplicitDeny", "resource only");
    assert.deepEqual(evaluatePolicies({ identity: [identityAllow], resource: queuePolicy }, crossRequest), {
      decision: "Allow",
      matched: [
        { source: "carol inline", effect: "Allow" },
        { source: "queue policy", sid: "Partner", effect: "Allow" },
      ],
    });
  });

  it("within one account, either suffices", () => {
    const ownQueuePolicy = { source: "queue policy", document: resourcePolicy({ Effect: "Allow", Principal: { AWS: bob.arn }, Action: "sqs:*", Resource: QUEUE }) };
    assert.equal(evaluatePolicies({ identity: [], resource: ownQueuePolicy }, request({ principal: bob })).decision, "Allow", "resource only");
    assert.equal(evaluatePolicies({ identity: [], resource: ownQueuePolicy }, request({ principal: bob, resourceAccountId: ACCOUNT })).decision, "Allow");
    assert.equal(evaluatePolicies({ identity: [], resource: ownQueuePolicy }, request({ principal: alice })).decision, "ImplicitDeny", "another user");
    const own = { source: "alice inline", document: identity({ Effect: "Allow", Action: "sqs:*", Resource: QUEUE }) };
    assert.equal(evaluatePolicies({ identity: [own] }, request()).decision, "Allow", "identity only");
  });
});

describe("trust policies", () => {
  const trust = (statements: Statement | Statement[]) => doc("trust", statements);

  it("let the named service assume the role", () => {
    const policy = trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
    assert.deepEqual(evaluateTrustPolicy(policy, { principal: lambdaService, action: "sts:AssumeRole", context: {} }), {
      allowed: true,
      matched: [{ source: "trust policy", effect: "Allow" }],
    });
    assert.equal(evaluateTrustPolicy(policy, { principal: { arn: "ec2.amazonaws.com", accountId: ACCOUNT }, action: "sts:AssumeRole", context: {} }).allowed, false);
    assert.equal(evaluateTrustPolicy(policy, { principal: alice, action: "sts:AssumeRole", context: {} }).allowed, false);
  });

  it("let a Cognito identity pool's authenticated identities assume the role with web identity", () => {
    const policy = trust({
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:pool-1" },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      },
    });
    const assume = (context: RequestContext, action: "sts:AssumeRoleWithWebIdentity" | "sts:AssumeRole" = "sts:AssumeRoleWithWebIdentity") =>
      evaluateTrustPolicy(policy, { principal: cognito, action, context }).allowed;
    const authenticated = { "cognito-identity.amazonaws.com:aud": "us-east-1:pool-1", "cognito-identity.amazonaws.com:amr": ["authenticated", "graph.facebook.com"] };
    assert.equal(assume(authenticated), true);
    assert.equal(assume({ ...authenticated, "cognito-identity.amazonaws.com:amr": ["unauthenticated"] }), false);
    assert.equal(assume({ ...authenticated, "cognito-identity.amazonaws.com:aud": "us-east-1:pool-2" }), false);
    assert.equal(assume(authenticated, "sts:AssumeRole"), false);
  });

  it("let another account's principals in, unless a Deny says otherwise", () => {
    const policy = trust([
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ["sts:AssumeRole", "sts:TagSession"] },
      { Sid: "NoCarol", Effect: "Deny", Principal: { AWS: carol.arn }, Action: "sts:*" },
    ]);
    const dave = { arn: `arn:aws:iam::${OTHER}:user/dave`, accountId: OTHER };
    assert.equal(evaluateTrustPolicy(policy, { principal: dave, action: "sts:TagSession", context: {} }).allowed, true);
    assert.deepEqual(evaluateTrustPolicy(policy, { principal: carol, action: "sts:AssumeRole", context: {} }), {
      allowed: false,
      matched: [{ source: "trust policy", sid: "NoCarol", effect: "Deny" }],
    });
    assert.equal(evaluateTrustPolicy(policy, { principal: alice, action: "sts:AssumeRole", context: {} }).allowed, false);
  });
});

describe("parsing", () => {
  const parse = (kind: PolicyKind, document: unknown) => parsePolicyDocument(typeof document === "string" ? document : JSON.stringify(document), kind);
  const v = "2012-10-17";
  const ok = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
  const okWithPrincipal = { ...ok, Principal: "*" };
  const trustOk = { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };

  const cases: [name: string, kind: PolicyKind, document: unknown, message: string][] = [
    ["not JSON", "identity", "{ not json", "Syntax errors in policy."],
    ["not an object", "identity", "[]", "Syntax errors in policy."],
    ["an unknown top-level element", "identity", { Version: v, Statement: ok, Extra: 1 }, "Syntax errors in policy."],
    ["an unknown Version", "identity", { Version: "2012-10-18", Statement: ok }, "Syntax errors in policy."],
    ["no Statement", "identity", { Version: v }, "Syntax errors in policy."],
    ["an empty Statement list", "identity", { Version: v, Statement: [] }, "Syntax errors in policy."],
    ["a Statement that is no object", "identity", { Version: v, Statement: ["s3:*"] }, "Syntax errors in policy."],
    ["an unknown statement element", "identity", { Version: v, Statement: { ...ok, Actions: "s3:*" } }, "Syntax errors in policy."],
    ["Action and NotAction", "identity", { Version: v, Statement: { ...ok, NotAction: "s3:PutObject" } }, "Syntax errors in policy."],
    ["Resource and NotResource", "identity", { Version: v, Statement: { ...ok, NotResource: "*" } }, "Syntax errors in policy."],
    ["an unknown Effect", "identity", { Version: v, Statement: { ...ok, Effect: "Permit" } }, "Syntax errors in policy."],
    ["no Effect", "identity", { Version: v, Statement: { Action: "s3:*", Resource: "*" } }, "Syntax errors in policy."],
    ["an Action that is no string", "identity", { Version: v, Statement: { ...ok, Action: [1] } }, "Syntax errors in policy."],
    ["an unknown condition operator", "identity", { Version: v, Statement: { ...ok, Condition: { StringEqualz: { "aws:username": "a" } } } }, "Syntax errors in policy."],
    ["a condition key where the operator goes", "identity", { Version: v, Statement: { ...ok, Condition: { "aws:username": "a" } } }, "Syntax errors in policy."],
    ["an inherited property name as operator", "identity", { Version: v, Statement: { ...ok, Condition: { constructor: { "aws:username": "a" } } } }, "Syntax errors in policy."],
    ["NullIfExists", "identity", { Version: v, Statement: { ...ok, Condition: { NullIfExists: { "aws:username": "true" } } } }, "Syntax errors in policy."],
    ["a condition value that is an object", "identity", { Version: v, Statement: { ...ok, Condition: { StringEquals: { "aws:username": { a: 1 } } } } }, "Syntax errors in policy."],
    ["a Principal in an identity policy", "identity", { Version: v, Statement: okWithPrincipal }, "Policy document should not specify a principal."],
    ["a NotPrincipal in an identity policy", "identity", { Version: v, Statement: { ...ok, NotPrincipal: { AWS: ACCOUNT } } }, "Policy document should not specify a principal."],
    ["no Version in an identity policy", "identity", { Statement: ok }, "Policy document must be version 2012-10-17 or greater."],
    ["version 2008-10-17 in an identity policy", "identity", { Version: "2008-10-17", Statement: ok }, "Policy document must be version 2012-10-17 or greater."],
    ["an Effect in the wrong case", "identity", { Version: v, Statement: { ...ok, Effect: "allow" } }, "The policy failed legacy parsing"],
    ["a date that is none", "identity", { Version: v, Statement: { ...ok, Condition: { DateLessThan: { "aws:CurrentTime": "yesterday" } } } }, "The policy failed legacy parsing"],
    ["a short ARN with empty segments", "identity", { Version: v, Statement: { ...ok, Resource: "arn:aws:s3::bucket" } }, "The policy failed legacy parsing"],
    ["duplicate statement ids", "identity", { Version: v, Statement: [{ Sid: "A", ...ok }, { Sid: "A", ...ok }] }, "Statement IDs (SID) in a single policy must be unique."],
    ["a statement id that is not alphanumeric", "identity", { Version: v, Statement: { Sid: "my sid", ...ok } }, "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"],
    ["no Action", "identity", { Version: v, Statement: { Effect: "Allow", Resource: "*" } }, "Policy statement must contain actions."],
    ["an empty Action list", "identity", { Version: v, Statement: { ...ok, Action: [] } }, "Policy statement must contain actions."],
    ["no Resource", "identity", { Version: v, Statement: { Effect: "Allow", Action: "s3:*" } }, "Policy statement must contain resources."],
    ["no Resource in a resource-based policy", "resource", { Version: v, Statement: { Effect: "Allow", Principal: "*", Action: "s3:*" } }, "Policy statement must contain resources."],
    ["no Principal in a resource-based policy", "resource", { Version: v, Statement: ok }, "Missing required field Principal"],
    ["no Principal in a trust policy", "trust", { Version: v, Statement: { Effect: "Allow", Action: "sts:AssumeRole" } }, "Missing required field Principal"],
    ["a Resource in a trust policy", "trust", { Version: v, Statement: { ...trustOk, Resource: "*" } }, "Has prohibited field Resource"],
    ["a NotResource in a trust policy", "trust", { Version: v, Statement: { ...trustOk, NotResource: "*" } }, "Has prohibited field NotResource"],
    ["a trust policy granting other actions", "trust", { Version: v, Statement: { ...trustOk, Action: ["sts:AssumeRole", "s3:GetObject"] } }, "AssumeRole policy may only specify STS AssumeRole actions."],
    ["a Resource that is no ARN", "identity", { Version: v, Statement: { ...ok, Resource: "my-bucket" } }, 'Resource my-bucket must be in ARN format or "*".'],
    ["a wildcard service in a Resource", "identity", { Version: v, Statement: { ...ok, Resource: "arn:aws:*:us-east-1:111122223333:x" } }, "Resource vendor must be fully qualified and cannot contain regexes."],
    ["an action without a vendor", "identity", { Version: v, Statement: { ...ok, Action: "GetObject" } }, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
    ["an action with two colons", "identity", { Version: v, Statement: { ...ok, Action: "s3:Get:Object" } }, "Actions/Condition can contain only one colon."],
    ["an action with a bad vendor", "identity", { Version: v, Statement: { ...ok, Action: "s_3:GetObject" } }, "Vendor s_3 is not valid"],
    ["a condition key without a vendor", "identity", { Version: v, Statement: { ...ok, Condition: { IpAddress: { SourceIp: "10.0.0.0/8" } } } }, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
    ["a malformed account in an AWS principal", "resource", { Version: v, Statement: { ...ok, Principal: { AWS: "arn:aws:iam::1234:user/x" } } }, 'Invalid principal in policy: "AWS":"arn:aws:iam::1234:user/x"'],
    ["a wildcard in an AWS principal ARN", "resource", { Version: v, Statement: { ...ok, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/*` } } }, `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:role/*"`],
    ["a bare ARN as Principal", "resource", { Version: v, Statement: { ...ok, Principal: `arn:aws:iam::${ACCOUNT}:root` } }, `Invalid principal in policy: "arn:aws:iam::${ACCOUNT}:root"`],
    ["an unknown principal type", "trust", { Version: v, Statement: { ...trustOk, Principal: { Alien: "x" } } }, 'Invalid principal in policy: "Alien"'],
    ["an inherited property name as principal type", "trust", { Version: v, Statement: { ...trustOk, Principal: { constructor: "x" } } }, 'Invalid principal in policy: "constructor"'],
    ["a service that is no service name", "trust", { Version: v, Statement: { ...trustOk, Principal: { Service: "lambda" } } }, 'Invalid principal in policy: "Service":"lambda"'],
    ["an empty Principal", "trust", { Version: v, Statement: { ...trustOk, Principal: {} } }, "Invalid principal in policy: {}"],
  ];
  for (const [name, kind, document, message] of cases) {
    it(`refuses ${name}: ${message}`, () => {
      assert.throws(
        () => parse(kind, document),
        (e: unknown) => {
          assert.ok(e instanceof AwsError);
          assert.deepEqual({ code: e.code, status: e.status, fault: e.fault, message: e.message }, { code: "MalformedPolicyDocument", status: 400, fault: "Sender", message });
          return true;
        },
      );
    });
  }

  it("accepts the grammar's variants", () => {
    const single = parse("identity", { Version: v, Id: "policy-1", Statement: { Sid: "One", ...ok } });
    assert.equal(single.id, "policy-1");
    assert.equal(single.version, "2012-10-17");
    assert.deepEqual(
      single.statements.map((s) => [s.sid, s.effect]),
      [["One", "Allow"]],
    );
    const resource = parse("resource", {
      Statement: [
        { Effect: "Allow", Principal: { AWS: [ACCOUNT, `arn:aws:iam::${OTHER}:root`], Service: ["sns.amazonaws.com"] }, Action: ["SQS:SendMessage"], Resource: [QUEUE] },
        { Effect: "Deny", NotPrincipal: { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, NotAction: "sqs:*", NotResource: QUEUE },
        { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sqs:*", Resource: "*" },
      ],
    });
    assert.equal(resource.version, "2008-10-17", "a document without Version is 2008-10-17");
    assert.equal(resource.statements.length, 3);
    // Condition values may be JSON numbers and booleans; the same statement id may repeat in a service's own policy.
    parse("resource", {
      Version: v,
      Statement: [
        { Sid: "a-b", ...okWithPrincipal, Condition: { NumericLessThan: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true } } },
        { Sid: "a-b", ...okWithPrincipal },
      ],
    });
    parse("trust", { Version: "2008-10-17", Statement: { ...trustOk, Action: ["sts:AssumeRole", "sts:TagSession"] } });
  });
});

describe("compiled documents", () => {
  it("evaluate without parsing JSON again", () => {
    const document = identity([
      { Effect: "Allow", Action: ["sqs:Send*", "sqs:Receive*"], Resource: "arn:aws:sqs:*:${aws:PrincipalAccount}:*" },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
    ]);
    const parse = mock.method(JSON, "parse");
    try {
      for (let i = 0; i < 1_000; i++) {
        const decision = evaluatePolicies({ identity: [{ source: "p", document }] }, request({ context: { "aws:SourceIp": `10.0.${i % 256}.1` } })).decision;
        assert.equal(decision, "Allow");
      }
      assert.equal(parse.mock.callCount(), 0);
    } finally {
      parse.mock.restore();
    }
  });
});

describe("evaluateResourcePolicy", () => {
  const policyText = (statement: Statement) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
  const base = { accountId: OTHER, principalArn: carol.arn, action: "sqs:SendMessage", resourceArn: QUEUE };

  it("answers allow, deny or none", () => {
    const allow = policyText({ Effect: "Allow", Principal: { AWS: OTHER }, Action: "SQS:SendMessage", Resource: QUEUE });
    assert.equal(evaluateResourcePolicy(allow, base), "allow");
    assert.equal(evaluateResourcePolicy(allow, { ...base, action: "sqs:ReceiveMessage" }), "none");
    assert.equal(evaluateResourcePolicy(policyText({ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: QUEUE }), base), "deny");
    assert.equal(evaluateResourcePolicy(null, base), "none");
    assert.equal(evaluateResourcePolicy("", base), "none");
  });

  it("grants nothing for a malformed stored policy", () => {
    assert.equal(evaluateResourcePolicy("{ not json", base), "none");
    assert.equal(evaluateResourcePolicy(policyText({ Effect: "Allow", Action: "sqs:*", Resource: QUEUE }), base), "none", "no Principal");
  });

  it("evaluates conditions against the request's context", () => {
    const fromTopic = policyText({
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: QUEUE,
      Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:orders` } },
    });
    const sns = { ...base, accountId: ACCOUNT, principalArn: "sns.amazonaws.com" };
    assert.equal(evaluateResourcePolicy(fromTopic, { ...sns, context: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:orders` } }), "allow");
    assert.equal(evaluateResourcePolicy(fromTopic, { ...sns, context: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:other` } }), "none");
    assert.equal(evaluateResourcePolicy(fromTopic, sns), "none", "without the key the condition fails");
  });

  it("parses each distinct policy text once", () => {
    const text = policyText({ Sid: `s${Date.now()}`, Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: QUEUE });
    const parse = mock.method(JSON, "parse");
    try {
      for (let i = 0; i < 100; i++) assert.equal(evaluateResourcePolicy(text, base), "allow");
      assert.equal(parse.mock.callCount(), 1);
    } finally {
      parse.mock.restore();
    }
  });
});
