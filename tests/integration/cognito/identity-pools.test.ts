/**
 * Cognito identity pools end to end: user pool sign-in, identity pool credentials for IAM roles (guest and
 * signed-in, role mappings), and STS AssumeRoleWithWebIdentity with identity pool and user pool tokens.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as ci from "@aws-sdk/client-cognito-identity";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateQueueCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { AssumeRoleWithWebIdentityCommand, type AssumeRoleWithWebIdentityCommandInput, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createLocalJWKSet, jwtVerify } from "jose";
import { prisma } from "../../../server/db/client";
import { signJwt } from "../../../server/services/cognito-idp/jwt";
import { privateKeyOf } from "../../../server/services/cognito-idp/keys";
import { issuerOf } from "../../../server/services/cognito-idp/tokens";
import type { Credentials } from "../gateway/helpers";
import { allowPolicy, clients, rejectsWith } from "../iam/harness";
import { noCredentials, startCognito, type CognitoHarness } from "./harness";

const PASSWORD = "Correct-horse-9";
const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

let h: CognitoHarness;
let admin: ReturnType<typeof clients>;
let identity: ci.CognitoIdentityClient;
/** End users have no AWS credentials: the SDK sends GetId, GetCredentialsForIdentity, GetOpenIdToken and AssumeRoleWithWebIdentity unsigned. */
let anonymous: ci.CognitoIdentityClient;
let anonymousSts: STSClient;
let userPool: { poolId: string; clientId: string; otherClientId: string; provider: string };

before(async () => {
  h = await startCognito();
  admin = clients(h.gateway.url, h.team);
  const config = { endpoint: h.gateway.url, region: "us-east-1", maxAttempts: 1 };
  identity = new ci.CognitoIdentityClient({ ...config, credentials: h.team });
  anonymous = new ci.CognitoIdentityClient({ ...config, credentials: noCredentials });
  anonymousSts = new STSClient({ ...config, credentials: noCredentials });
  const { poolId, clientId } = await h.pool();
  const other = await h.admin.send(new idp.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "other", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
  userPool = { poolId, clientId, otherClientId: other.UserPoolClient!.ClientId!, provider: `cognito-idp.us-east-1.amazonaws.com/${poolId}` };
});
after(async () => {
  identity.destroy();
  anonymous.destroy();
  anonymousSts.destroy();
  await h.close();
});

let users = 0;
/** A confirmed user of the user pool (in `group` when given), signed in with a password: its ID token. */
async function signedInUser(opts: { email?: string; group?: string; clientId?: string } = {}): Promise<{ username: string; idToken: string }> {
  const username = `user${++users}-${Date.now()}`;
  const { poolId } = userPool;
  const email = opts.email ?? `${username}@example.test`;
  await h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }] }));
  await h.admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  if (opts.group) await h.admin.send(new idp.AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: opts.group }));
  return { username, idToken: await signIn(username, opts.clientId) };
}

async function signIn(username: string, clientId = userPool.clientId): Promise<string> {
  const out = await h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
  return out.AuthenticationResult!.IdToken!;
}

/** AWS's documented trust policy for an identity pool's role: this pool's identities, signed in (`authenticated`) or guests. */
const identityPoolTrust = (identityPoolId: string, amr: "authenticated" | "unauthenticated") =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: COGNITO_IDENTITY },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId }, "ForAnyValue:StringLike": { [`${COGNITO_IDENTITY}:amr`]: amr } },
      },
    ],
  });

let roles = 0;
/** A role with this trust policy whose inline policy allows `actions`: its ARN. */
async function role(label: string, trust: string, actions: string | string[]): Promise<string> {
  const RoleName = `${label}-${++roles}`;
  const { Role } = await admin.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust }));
  await admin.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: "access", PolicyDocument: allowPolicy(actions) }));
  return Role!.Arn!;
}

interface TestPool {
  id: string;
  authenticated: string;
  unauthenticated: string;
}

/** An identity pool of the user pool's first app client, with an authenticated role (sqs:*) and a guest role (sqs:ListQueues). */
async function identityPool(opts: { guests?: boolean; serverSideTokenCheck?: boolean } = {}): Promise<TestPool> {
  const pool = await identity.send(
    new ci.CreateIdentityPoolCommand({
      IdentityPoolName: "app identities",
      AllowUnauthenticatedIdentities: opts.guests ?? true,
      CognitoIdentityProviders: [{ ProviderName: userPool.provider, ClientId: userPool.clientId, ServerSideTokenCheck: opts.serverSideTokenCheck ?? false }],
    }),
  );
  const id = pool.IdentityPoolId!;
  const authenticated = await role("signed-in", identityPoolTrust(id, "authenticated"), "sqs:*");
  const unauthenticated = await role("guest", identityPoolTrust(id, "unauthenticated"), "sqs:ListQueues");
  await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated, unauthenticated } }));
  return { id, authenticated, unauthenticated };
}

const sdkCredentials = (c: { AccessKeyId?: string; SecretKey?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: (c.SecretKey ?? c.SecretAccessKey)!,
  sessionToken: c.SessionToken!,
});

async function credentialsFor(identityId: string, logins?: Record<string, string>, customRoleArn?: string): Promise<Credentials> {
  const out = await anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins, CustomRoleArn: customRoleArn }));
  assert.equal(out.IdentityId, identityId);
  return sdkCredentials(out.Credentials!);
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
const callerArn = async (credentials: Credentials) => (await clients(h.gateway.url, credentials).sts.send(new GetCallerIdentityCommand({}))).Arn;
const roleName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
const sessionOf = (roleArn: string, session = "CognitoIdentityCredentials") => `arn:aws:sts::${h.team.accountId}:assumed-role/${roleName(roleArn)}/${session}`;

describe("identity pools", () => {
  test("CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, UpdateIdentityPool, roles and DeleteIdentityPool", async () => {
    const stratusName = issuerOf(userPool.poolId).replace(/^https?:\/\//, "");
    const created = await identity.send(
      new ci.CreateIdentityPoolCommand({
        IdentityPoolName: "managed",
        AllowUnauthenticatedIdentities: false,
        // The Stratus issuer names the user pool as well as AWS's provider name does.
        CognitoIdentityProviders: [{ ProviderName: stratusName, ClientId: userPool.clientId, ServerSideTokenCheck: true }],
        IdentityPoolTags: { team: "web" },
      }),
    );
    const id = created.IdentityPoolId!;
    assert.match(id, /^us-east-1:[0-9a-f-]{36}$/);
    assert.equal(created.AllowClassicFlow, false);
    const described = await identity.send(new ci.DescribeIdentityPoolCommand({ IdentityPoolId: id }));
    assert.deepEqual(described.CognitoIdentityProviders, [{ ProviderName: stratusName, ClientId: userPool.clientId, ServerSideTokenCheck: true }]);
    assert.deepEqual(described.IdentityPoolTags, { team: "web" });
    const listed = await identity.send(new ci.ListIdentityPoolsCommand({ MaxResults: 60 }));
    assert.ok(listed.IdentityPools?.some((p) => p.IdentityPoolId === id && p.IdentityPoolName === "managed"));

    const updated = await identity.send(new ci.UpdateIdentityPoolCommand({ IdentityPoolId: id, IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: true }));
    assert.equal(updated.IdentityPoolName, "renamed");
    assert.deepEqual(updated.CognitoIdentityProviders, [], "an update replaces every setting");
    assert.deepEqual(updated.IdentityPoolTags, { team: "web" }, "tags stay unless given");

    const roleArn = `arn:aws:iam::${h.team.accountId}:role/some-role`;
    const mapping = { Type: "Token" as const, AmbiguousRoleResolution: "AuthenticatedRole" as const };
    await rejectsWith(
      identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: roleArn }, RoleMappings: { [`${userPool.provider}:${userPool.clientId}`]: mapping } })),
      "InvalidParameterException",
      400,
      /not a user pool app client of this identity pool/,
    );
    await rejectsWith(identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: "arn:aws:s3:::bucket-name" } })), "InvalidParameterException", 400);
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: roleArn } }));
    const roles = await identity.send(new ci.GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    assert.equal(roles.IdentityPoolId, id);
    assert.deepEqual(roles.Roles, { authenticated: roleArn });
    assert.deepEqual(roles.RoleMappings, {});

    await identity.send(new ci.DeleteIdentityPoolCommand({ IdentityPoolId: id }));
    await rejectsWith(identity.send(new ci.DescribeIdentityPoolCommand({ IdentityPoolId: id })), "ResourceNotFoundException", 400);
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId: id })), "ResourceNotFoundException", 400);
  });

  test("a guest gets the unauthenticated role: it may list queues but not create one", async () => {
    const pool = await identityPool();
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }));
    assert.match(IdentityId!, /^us-east-1:[0-9a-f-]{36}$/);
    const out = await anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 3_500_000 && lifetime <= 3_600_000, `valid for an hour, not ${lifetime} ms`);
    const guest = clients(h.gateway.url, sdkCredentials(out.Credentials!));
    assert.equal(await callerArn(sdkCredentials(out.Credentials!)), sessionOf(pool.unauthenticated));
    await guest.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(guest.sqs.send(new CreateQueueCommand({ QueueName: "guest-queue" })), "AccessDenied", 403);
  });

  test("a signed-in user gets the authenticated role, and the same identity for the same logins", async () => {
    const pool = await identityPool();
    const { idToken } = await signedInUser();
    const logins = { [userPool.provider]: idToken };
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins, AccountId: h.team.accountId }));
    assert.equal((await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins }))).IdentityId, IdentityId);
    const stratusName = issuerOf(userPool.poolId).replace(/^https?:\/\//, "");
    assert.equal((await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: { [stratusName]: idToken } }))).IdentityId, IdentityId, "either name of the user pool");

    const credentials = await credentialsFor(IdentityId!, logins);
    assert.equal(await callerArn(credentials), sessionOf(pool.authenticated));
    await clients(h.gateway.url, credentials).sqs.send(new CreateQueueCommand({ QueueName: `signed-in-${Date.now()}` }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId })), "NotAuthorizedException", 400, /Logins don't match/);

    const listed = await identity.send(new ci.ListIdentitiesCommand({ IdentityPoolId: pool.id, MaxResults: 60 }));
    assert.deepEqual(listed.Identities?.map((i) => [i.IdentityId, i.Logins]), [[IdentityId, [userPool.provider]]]);
    const described = await identity.send(new ci.DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual(described.Logins, [userPool.provider]);
    assert.deepEqual((await identity.send(new ci.DeleteIdentitiesCommand({ IdentityIdsToDelete: [IdentityId!] }))).UnprocessedIdentityIds, []);
    await rejectsWith(identity.send(new ci.DescribeIdentityCommand({ IdentityId })), "ResourceNotFoundException", 400);
  });

  test("a guest who signs in keeps its identity id", async () => {
    const pool = await identityPool();
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }));
    const { idToken } = await signedInUser();
    const logins = { [userPool.provider]: idToken };
    assert.equal(await callerArn(await credentialsFor(IdentityId!, logins)), sessionOf(pool.authenticated));
    assert.equal((await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins }))).IdentityId, IdentityId);
    const other = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId: other.IdentityId, Logins: logins })), "ResourceConflictException", 400);
  });

  test("no guests where the pool disallows them; tokens of other app clients, other pools or forged ones are refused", async () => {
    const pool = await identityPool({ guests: false });
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id })), "NotAuthorizedException", 400, /^Unauthenticated access is not supported for this identity pool\.$/);
    const { username, idToken } = await signedInUser();
    const otherClientToken = await signIn(username, userPool.otherClientId);
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: { [userPool.provider]: otherClientToken } })), "NotAuthorizedException", 400, /Incorrect token audience/);
    await rejectsWith(
      anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_Elsewhere1": idToken } })),
      "NotAuthorizedException",
      400,
      /not from a supported provider/,
    );
    const forged = `${idToken.slice(0, idToken.lastIndexOf(".") + 1)}${Buffer.from("forged").toString("base64url")}`;
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: { [userPool.provider]: forged } })), "NotAuthorizedException", 400, /Invalid login token/);
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, AccountId: "000000000000" })), "ResourceNotFoundException", 400);
  });

  test("with ServerSideTokenCheck, a signed-out user's token is refused", async () => {
    const pool = await identityPool({ serverSideTokenCheck: true });
    const { username, idToken } = await signedInUser();
    const logins = { [userPool.provider]: idToken };
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins }));
    await h.admin.send(new idp.AdminUserGlobalSignOutCommand({ UserPoolId: userPool.poolId, Username: username }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })), "NotAuthorizedException", 400, /revoked/);
  });

  test("a role that does not trust the pool, or does not exist, is the pool's misconfiguration (in a permissive team a missing role is accepted)", async () => {
    const pool = await identityPool();
    const other = await identityPool();
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }));
    // The other pool's guest role names the other pool in its trust policy.
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: pool.id, Roles: { unauthenticated: other.unauthenticated } }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId })), "InvalidIdentityPoolConfigurationException", 400);
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: pool.id, Roles: { authenticated: pool.authenticated } }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId })), "InvalidIdentityPoolConfigurationException", 400, /Check assigned IAM roles/);

    const neverMade = `arn:aws:iam::${h.team.accountId}:role/never-made`;
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: pool.id, Roles: { unauthenticated: neverMade } }));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId })), "InvalidIdentityPoolConfigurationException", 400);
    await prisma().team.update({ where: { accountId: h.team.accountId }, data: { iamEnforcement: "permissive" } });
    try {
      assert.equal(await callerArn(await credentialsFor(IdentityId!)), sessionOf(neverMade));
    } finally {
      await prisma().team.update({ where: { accountId: h.team.accountId }, data: { iamEnforcement: "strict" } });
    }
  });
});

describe("web identity sessions", () => {
  test("carry the identity's condition keys into their requests", async () => {
    const pool = await identityPool();
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Federated: COGNITO_IDENTITY }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${COGNITO_IDENTITY}:aud`]: pool.id } } }],
    });
    const RoleName = `everyone-${++roles}`;
    const { Role } = await admin.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust }));
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sqs:ListQueues", Resource: "*" },
        { Effect: "Allow", Action: "sqs:CreateQueue", Resource: "*", Condition: { "ForAnyValue:StringEquals": { [`${COGNITO_IDENTITY}:amr`]: "authenticated" } } },
      ],
    };
    await admin.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: "by-sign-in", PolicyDocument: JSON.stringify(policy) }));
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: pool.id, Roles: { authenticated: Role!.Arn!, unauthenticated: Role!.Arn! } }));

    const guestId = (await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }))).IdentityId!;
    const guest = clients(h.gateway.url, await credentialsFor(guestId)).sqs;
    await guest.send(new ListQueuesCommand({}));
    await rejectsWith(guest.send(new CreateQueueCommand({ QueueName: `guest-${Date.now()}` })), "AccessDenied", 403);
    const { idToken } = await signedInUser();
    const logins = { [userPool.provider]: idToken };
    const userId = (await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins }))).IdentityId!;
    await clients(h.gateway.url, await credentialsFor(userId, logins)).sqs.send(new CreateQueueCommand({ QueueName: `member-${Date.now()}` }));
  });
});

describe("role mappings", () => {
  const mappingKey = () => `${userPool.provider}:${userPool.clientId}`;

  test("Token: the role of the user's group (cognito:preferred_role), or one of its roles by CustomRoleArn", async () => {
    const pool = await identityPool();
    const groupRole = await role("group", identityPoolTrust(pool.id, "authenticated"), "sqs:ListQueues");
    const GroupName = `readers-${Date.now()}`;
    await h.admin.send(new idp.CreateGroupCommand({ UserPoolId: userPool.poolId, GroupName, RoleArn: groupRole, Precedence: 1 }));
    const setMapping = (AmbiguousRoleResolution: "AuthenticatedRole" | "Deny") =>
      identity.send(
        new ci.SetIdentityPoolRolesCommand({
          IdentityPoolId: pool.id,
          Roles: { authenticated: pool.authenticated, unauthenticated: pool.unauthenticated },
          RoleMappings: { [mappingKey()]: { Type: "Token", AmbiguousRoleResolution } },
        }),
      );
    await setMapping("AuthenticatedRole");

    const member = await signedInUser({ group: GroupName });
    const memberLogins = { [userPool.provider]: member.idToken };
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: memberLogins }));
    assert.equal(await callerArn(await credentialsFor(IdentityId!, memberLogins)), sessionOf(groupRole));
    assert.equal(await callerArn(await credentialsFor(IdentityId!, memberLogins, groupRole)), sessionOf(groupRole));
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId, Logins: memberLogins, CustomRoleArn: pool.authenticated })), "NotAuthorizedException", 400);

    // Someone in no group has no role in their token: ambiguous, resolved as the pool says.
    const loner = await signedInUser();
    const lonerLogins = { [userPool.provider]: loner.idToken };
    const lonerId = (await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: lonerLogins }))).IdentityId!;
    assert.equal(await callerArn(await credentialsFor(lonerId, lonerLogins)), sessionOf(pool.authenticated));
    await setMapping("Deny");
    await rejectsWith(anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId: lonerId, Logins: lonerLogins })), "NotAuthorizedException", 400, /resolves no role/);
    assert.deepEqual((await identity.send(new ci.GetIdentityPoolRolesCommand({ IdentityPoolId: pool.id }))).RoleMappings, {
      [mappingKey()]: { Type: "Token", AmbiguousRoleResolution: "Deny" },
    });
  });

  test("Rules: the first rule the token's claims match", async () => {
    const pool = await identityPool();
    const adminRole = await role("admins", identityPoolTrust(pool.id, "authenticated"), "sqs:*");
    const rules = [
      { Claim: "email", MatchType: "StartsWith" as const, Value: "nobody", RoleARN: pool.unauthenticated },
      { Claim: "email", MatchType: "Contains" as const, Value: "@admins.example", RoleARN: adminRole },
    ];
    await identity.send(
      new ci.SetIdentityPoolRolesCommand({
        IdentityPoolId: pool.id,
        Roles: { authenticated: pool.authenticated },
        RoleMappings: { [mappingKey()]: { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: rules } } },
      }),
    );
    const adminUser = await signedInUser({ email: `boss-${Date.now()}@admins.example` });
    const adminLogins = { [userPool.provider]: adminUser.idToken };
    const adminId = (await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: adminLogins }))).IdentityId!;
    assert.equal(await callerArn(await credentialsFor(adminId, adminLogins)), sessionOf(adminRole));

    const plain = await signedInUser();
    const plainLogins = { [userPool.provider]: plain.idToken };
    const plainId = (await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: plainLogins }))).IdentityId!;
    assert.equal(await callerArn(await credentialsFor(plainId, plainLogins)), sessionOf(pool.authenticated));
  });
});

describe("AssumeRoleWithWebIdentity", () => {
  const assumeWeb = (input: Omit<AssumeRoleWithWebIdentityCommandInput, "RoleSessionName"> & { RoleSessionName?: string }) =>
    anonymousSts.send(new AssumeRoleWithWebIdentityCommand({ RoleSessionName: "web", ...input }));

  test("exchanges GetOpenIdToken's token, which the published keys verify", async () => {
    const pool = await identityPool();
    const { idToken } = await signedInUser();
    const logins = { [userPool.provider]: idToken };
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id, Logins: logins }));
    const { Token } = await anonymous.send(new ci.GetOpenIdTokenCommand({ IdentityId, Logins: logins }));

    const configuration = (await (await fetch(`${h.gateway.url}/cognito-identity/openid/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    const keys = await (await fetch(`${h.gateway.url}${new URL(configuration.jwks_uri).pathname}`)).json();
    const { payload } = await jwtVerify(Token!, createLocalJWKSet(keys as Parameters<typeof createLocalJWKSet>[0]), { issuer: configuration.issuer, audience: pool.id });
    assert.equal(payload.sub, IdentityId);
    assert.deepEqual(payload.amr, ["authenticated", userPool.provider, `${userPool.provider}:CognitoSignIn:${claimsOf(idToken).sub}`]);

    const out = await assumeWeb({ RoleArn: pool.authenticated, WebIdentityToken: Token, DurationSeconds: 900 });
    assert.equal(out.SubjectFromWebIdentityToken, IdentityId);
    assert.equal(out.Audience, pool.id);
    assert.equal(out.Provider, COGNITO_IDENTITY);
    assert.equal(out.AssumedRoleUser?.Arn, sessionOf(pool.authenticated, "web"));
    const credentials = sdkCredentials(out.Credentials!);
    assert.equal(await callerArn(credentials), sessionOf(pool.authenticated, "web"));
    await clients(h.gateway.url, credentials).sqs.send(new CreateQueueCommand({ QueueName: `web-${Date.now()}` }));

    // A guest's token is no signed-in identity's.
    const guest = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: pool.id }));
    const guestToken = (await anonymous.send(new ci.GetOpenIdTokenCommand({ IdentityId: guest.IdentityId }))).Token;
    await rejectsWith(assumeWeb({ RoleArn: pool.authenticated, WebIdentityToken: guestToken }), "AccessDenied", 403, /Not authorized to perform sts:AssumeRoleWithWebIdentity/);
    assert.ok((await assumeWeb({ RoleArn: pool.unauthenticated, WebIdentityToken: guestToken })).Credentials?.AccessKeyId);
  });

  test("exchanges a user pool ID token for a role that trusts the user pool as an OIDC provider", async () => {
    const { provider, clientId } = userPool;
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${h.team.accountId}:oidc-provider/${provider}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${provider}:aud`]: clientId } },
        },
      ],
    });
    const roleArn = await role("user-pool", trust, "sqs:ListQueues");
    const { username, idToken } = await signedInUser();
    const out = await assumeWeb({ RoleArn: roleArn, WebIdentityToken: idToken, RoleSessionName: username });
    assert.equal(out.Provider, provider);
    assert.equal(out.Audience, clientId);
    assert.equal(out.SubjectFromWebIdentityToken, claimsOf(idToken).sub);
    assert.equal(await callerArn(sdkCredentials(out.Credentials!)), sessionOf(roleArn, username));
    await rejectsWith(assumeWeb({ RoleArn: roleArn, WebIdentityToken: await signIn(username, userPool.otherClientId) }), "AccessDenied", 403);

    // Signing out revokes what the tokens prove.
    await h.admin.send(new idp.AdminUserGlobalSignOutCommand({ UserPoolId: userPool.poolId, Username: username }));
    await rejectsWith(assumeWeb({ RoleArn: roleArn, WebIdentityToken: idToken }), "IDPRejectedClaimException", 403);
  });

  test("forged tokens are InvalidIdentityToken, expired ones ExpiredTokenException", async () => {
    const pool = await identityPool();
    const { idToken } = await signedInUser();
    const forged = `${idToken.slice(0, idToken.lastIndexOf(".") + 1)}${Buffer.from("forged").toString("base64url")}`;
    await rejectsWith(assumeWeb({ RoleArn: pool.authenticated, WebIdentityToken: forged }), "InvalidIdentityTokenException", 400);
    await rejectsWith(assumeWeb({ RoleArn: pool.authenticated, WebIdentityToken: "not-a-token" }), "InvalidIdentityTokenException", 400);

    const stored = await prisma().cognitoUserPool.findUniqueOrThrow({ where: { id: userPool.poolId } });
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt({ ...claimsOf(idToken), iss: issuerOf(userPool.poolId), iat: now - 7200, exp: now - 3600 }, privateKeyOf(stored), stored.keyId);
    await rejectsWith(assumeWeb({ RoleArn: pool.authenticated, WebIdentityToken: expired }), "ExpiredTokenException", 400, /Token expired/);
  });
});
