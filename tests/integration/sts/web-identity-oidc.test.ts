/**
 * Web identity federation with an IAM OpenID Connect provider: STS AssumeRoleWithWebIdentity and identity
 * pools' OpenIdConnectProviderARNs. The external IdP is a user pool of this very gateway, used as a generic
 * one: its issuer (`{gateway}/{userPoolId}`) publishes its discovery document and keys, and its ID tokens
 * are RS256 JWTs for the app client (`aud`).
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import * as ci from "@aws-sdk/client-cognito-identity";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { AddClientIDToOpenIDConnectProviderCommand, CreateOpenIDConnectProviderCommand, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateQueueCommand, DeleteQueueCommand } from "@aws-sdk/client-sqs";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { generateKeyPair, SignJWT } from "jose";
import { prisma } from "../../../server/db/client";
import { createGatewayServer } from "../../../server/gateway/server";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import type { Credentials } from "../gateway/helpers";
import { allowPolicy, clients, rejectsWith } from "../iam/harness";
import { noCredentials } from "../cognito/harness";

const PASSWORD = "Correct-horse-9";
const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

/** A port nothing listens on (once this returns). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// User pool issuers are the public gateway URL: make it this test's gateway, before anything reads the environment.
const port = await freePort();
const gatewayUrl = `http://127.0.0.1:${port}`;
process.env.STRATUS_PUBLIC_GATEWAY_URL = gatewayUrl;

let server: Server;
let team: TestTeam;
let admin: ReturnType<typeof clients>;
let userPools: idp.CognitoIdentityProviderClient;
let identity: ci.CognitoIdentityClient;
/** End users have no AWS credentials: the SDK sends these calls unsigned. */
let anonymous: ci.CognitoIdentityClient;
let anonymousSts: STSClient;
/** The user pool as an external IdP, registered in IAM as an OpenID Connect provider for its first app client only. */
let idpPool: { poolId: string; clientId: string; otherClientId: string; issuer: string; name: string; providerArn: string };

async function appClient(poolId: string, name: string): Promise<string> {
  const { UserPoolClient } = await userPools.send(new idp.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name, ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
  return UserPoolClient!.ClientId!;
}

before(async () => {
  server = createGatewayServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  team = await createTestTeam();
  admin = clients(gatewayUrl, team);
  const config = { endpoint: gatewayUrl, region: "us-east-1", maxAttempts: 1 };
  userPools = new idp.CognitoIdentityProviderClient({ ...config, credentials: team });
  identity = new ci.CognitoIdentityClient({ ...config, credentials: team });
  anonymous = new ci.CognitoIdentityClient({ ...config, credentials: noCredentials });
  anonymousSts = new STSClient({ ...config, credentials: noCredentials });

  const { UserPool } = await userPools.send(new idp.CreateUserPoolCommand({ PoolName: `idp-${Date.now()}` }));
  const poolId = UserPool!.Id!;
  const [clientId, otherClientId] = [await appClient(poolId, "app"), await appClient(poolId, "other-app")];
  const issuer = `${gatewayUrl}/${poolId}`;
  const { OpenIDConnectProviderArn } = await admin.iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: [clientId] }));
  idpPool = { poolId, clientId, otherClientId, issuer, name: issuer.replace("http://", ""), providerArn: OpenIDConnectProviderArn! };
});
after(async () => {
  for (const client of [userPools, identity, anonymous, anonymousSts]) client.destroy();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
  await prisma().$disconnect();
});

let users = 0;
/** A new user of the IdP signed in through `clientId`: its ID token and subject. */
async function signedInUser(clientId = idpPool.clientId): Promise<{ idToken: string; sub: string }> {
  const Username = `user${++users}-${Date.now()}`;
  await userPools.send(new idp.AdminCreateUserCommand({ UserPoolId: idpPool.poolId, Username, MessageAction: "SUPPRESS" }));
  await userPools.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: idpPool.poolId, Username, Password: PASSWORD, Permanent: true }));
  const out = await userPools.send(
    new idp.AdminInitiateAuthCommand({ UserPoolId: idpPool.poolId, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: Username, PASSWORD } }),
  );
  const idToken = out.AuthenticationResult!.IdToken!;
  return { idToken, sub: String(claimsOf(idToken).sub) };
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

/** An RS256 ID token signed by a key of no provider's. */
async function foreignToken(claims: { iss: string; aud: string; sub?: string }): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ sub: "someone", ...claims }).setProtectedHeader({ alg: "RS256", kid: "foreign" }).setIssuedAt().setExpirationTime("10m").sign(privateKey);
}

let roles = 0;
/** A role with this trust policy whose inline policy allows `actions`: its ARN. */
async function role(label: string, trust: object, actions: string | string[]): Promise<string> {
  const RoleName = `${label}-${++roles}`;
  const { Role } = await admin.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await admin.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: "access", PolicyDocument: allowPolicy(actions) }));
  return Role!.Arn!;
}

/** AWS's documented trust policy for an OIDC provider's role, with these StringEquals conditions on its keys. */
const providerTrust = (conditions: Record<string, string>) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: idpPool.providerArn }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: conditions } }],
});

const sdkCredentials = (c: { AccessKeyId?: string; SecretKey?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: (c.SecretKey ?? c.SecretAccessKey)!,
  sessionToken: c.SessionToken!,
});
const callerArn = async (credentials: Credentials) => (await clients(gatewayUrl, credentials).sts.send(new GetCallerIdentityCommand({}))).Arn;
const sessionOf = (roleArn: string, session: string) => `arn:aws:sts::${team.accountId}:assumed-role/${roleArn.slice(roleArn.lastIndexOf("/") + 1)}/${session}`;
const assumeWeb = (RoleArn: string, WebIdentityToken: string, RoleSessionName = "web") =>
  anonymousSts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn, WebIdentityToken, RoleSessionName }));

describe("AssumeRoleWithWebIdentity with an IAM OpenID Connect provider", () => {
  test("the IdP is this gateway's user pool: its tokens name its issuer", async () => {
    const { idToken } = await signedInUser();
    assert.equal(claimsOf(idToken).iss, idpPool.issuer);
    assert.equal(claimsOf(idToken).aud, idpPool.clientId);
    assert.equal(idpPool.providerArn, `arn:aws:iam::${team.accountId}:oidc-provider/${idpPool.name}`);
  });

  test("a role trusting the provider's ARN for its audience and one subject: the session acts with the role's permissions", async () => {
    const user = await signedInUser();
    const roleArn = await role("oidc-user", providerTrust({ [`${idpPool.name}:aud`]: idpPool.clientId, [`${idpPool.name}:sub`]: user.sub }), ["sqs:CreateQueue", "sqs:GetQueueUrl"]);
    const out = await assumeWeb(roleArn, user.idToken, "oidc-session");
    assert.equal(out.Provider, idpPool.providerArn);
    assert.equal(out.Audience, idpPool.clientId);
    assert.equal(out.SubjectFromWebIdentityToken, user.sub);
    assert.equal(out.AssumedRoleUser?.Arn, sessionOf(roleArn, "oidc-session"));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);

    const credentials = sdkCredentials(out.Credentials!);
    assert.equal(await callerArn(credentials), sessionOf(roleArn, "oidc-session"));
    const sqs = clients(gatewayUrl, credentials).sqs;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `oidc-${Date.now()}` }));
    await rejectsWith(sqs.send(new DeleteQueueCommand({ QueueUrl })), "AccessDenied", 403);

    // Another user of the same app is not the subject the role trusts.
    const stranger = await signedInUser();
    await rejectsWith(assumeWeb(roleArn, stranger.idToken), "AccessDenied", 403, /Not authorized to perform sts:AssumeRoleWithWebIdentity/);
  });

  test("a token for a client ID the provider does not list is refused; once listed, the role's :aud condition still decides", async () => {
    const roleArn = await role("oidc-app", providerTrust({ [`${idpPool.name}:aud`]: idpPool.clientId }), "sqs:ListQueues");
    const { idToken } = await signedInUser(idpPool.otherClientId);
    await rejectsWith(assumeWeb(roleArn, idToken), "InvalidIdentityTokenException", 400, /^Incorrect token audience$/);

    await admin.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: idpPool.providerArn, ClientID: idpPool.otherClientId }));
    await rejectsWith(assumeWeb(roleArn, idToken), "AccessDenied", 403);
    const otherAppRole = await role("oidc-other-app", providerTrust({ [`${idpPool.name}:aud`]: idpPool.otherClientId }), "sqs:ListQueues");
    assert.equal((await assumeWeb(otherAppRole, idToken)).Audience, idpPool.otherClientId);
  });

  test("tokens of an issuer with no provider in the role's account, forged ones, and an IdP that cannot be reached", async () => {
    const roleArn = await role("oidc-strict", providerTrust({ [`${idpPool.name}:aud`]: idpPool.clientId }), "sqs:ListQueues");
    const unregistered = "https://idp.unregistered.example";
    await rejectsWith(
      assumeWeb(roleArn, await foreignToken({ iss: unregistered, aud: "app" })),
      "InvalidIdentityTokenException",
      400,
      new RegExp(`^No OpenIDConnect provider found in your account for ${unregistered}$`),
    );
    // Signed by a key the provider never published.
    await rejectsWith(assumeWeb(roleArn, await foreignToken({ iss: idpPool.issuer, aud: idpPool.clientId })), "InvalidIdentityTokenException", 400);

    const downUrl = `http://127.0.0.1:${await freePort()}/down`;
    await admin.iam.send(new CreateOpenIDConnectProviderCommand({ Url: downUrl, ClientIDList: ["app"] }));
    await rejectsWith(assumeWeb(roleArn, await foreignToken({ iss: downUrl, aud: "app" })), "IDPCommunicationErrorException", 400);
  });
});

describe("identity pools with an OpenID Connect provider", () => {
  /** AWS's documented trust policy for an identity pool's signed-in role. */
  const signedInTrust = (identityPoolId: string) => ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: COGNITO_IDENTITY },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId }, "ForAnyValue:StringLike": { [`${COGNITO_IDENTITY}:amr`]: "authenticated" } },
      },
    ],
  });

  test("OpenIdConnectProviderARNs: logins keyed by the provider's name get the authenticated role's credentials", async () => {
    const created = await identity.send(
      new ci.CreateIdentityPoolCommand({ IdentityPoolName: "oidc identities", AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: [idpPool.providerArn] }),
    );
    const poolId = created.IdentityPoolId!;
    assert.deepEqual(created.OpenIdConnectProviderARNs, [idpPool.providerArn]);
    assert.deepEqual((await identity.send(new ci.DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))).OpenIdConnectProviderARNs, [idpPool.providerArn]);
    const authenticated = await role("oidc-pool", signedInTrust(poolId), "sqs:CreateQueue");
    await identity.send(new ci.SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated } }));

    const user = await signedInUser();
    const logins = { [idpPool.name]: user.idToken };
    const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    assert.equal((await anonymous.send(new ci.GetIdCommand({ IdentityPoolId: poolId, Logins: logins }))).IdentityId, IdentityId, "the same identity for the same login");
    assert.deepEqual((await identity.send(new ci.DescribeIdentityCommand({ IdentityId }))).Logins, [idpPool.name]);

    const out = await anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const credentials = sdkCredentials(out.Credentials!);
    assert.equal(await callerArn(credentials), sessionOf(authenticated, "CognitoIdentityCredentials"));
    await clients(gatewayUrl, credentials).sqs.send(new CreateQueueCommand({ QueueName: `oidc-pool-${Date.now()}` }));

    const { Token } = await anonymous.send(new ci.GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    assert.deepEqual(claimsOf(Token!).amr, ["authenticated", idpPool.name, `${idpPool.name}:OAuth:${user.sub}`]);
  });

  test("a token for another client ID, a provider the pool does not list, and a provider ARN of another account are refused", async () => {
    const { IdentityPoolId } = await identity.send(
      new ci.CreateIdentityPoolCommand({ IdentityPoolName: "oidc strict", AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: [idpPool.providerArn] }),
    );
    const stranger = await foreignToken({ iss: idpPool.issuer, aud: idpPool.clientId });
    await rejectsWith(anonymous.send(new ci.GetIdCommand({ IdentityPoolId, Logins: { [idpPool.name]: stranger } })), "NotAuthorizedException", 400, /^Invalid login token\./);
    const unlisted = await identity.send(new ci.CreateIdentityPoolCommand({ IdentityPoolName: "no providers", AllowUnauthenticatedIdentities: false }));
    const { idToken } = await signedInUser();
    await rejectsWith(
      anonymous.send(new ci.GetIdCommand({ IdentityPoolId: unlisted.IdentityPoolId, Logins: { [idpPool.name]: idToken } })),
      "NotAuthorizedException",
      400,
      /^Token is not from a supported provider of this identity pool\.$/,
    );
    await rejectsWith(
      identity.send(
        new ci.CreateIdentityPoolCommand({ IdentityPoolName: "elsewhere", AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: [`arn:aws:iam::000000000001:oidc-provider/${idpPool.name}`] }),
      ),
      "InvalidParameterException",
      400,
    );

    // The provider lists one client ID; a second app's tokens are for another audience.
    const dedicated = `${gatewayUrl}/${(await userPools.send(new idp.CreateUserPoolCommand({ PoolName: `idp2-${Date.now()}` }))).UserPool!.Id!}`;
    const { OpenIDConnectProviderArn } = await admin.iam.send(new CreateOpenIDConnectProviderCommand({ Url: dedicated, ClientIDList: ["only-this-app"] }));
    const narrow = await identity.send(
      new ci.CreateIdentityPoolCommand({ IdentityPoolName: "narrow", AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: [OpenIDConnectProviderArn!] }),
    );
    const name = dedicated.replace("http://", "");
    await rejectsWith(
      anonymous.send(new ci.GetIdCommand({ IdentityPoolId: narrow.IdentityPoolId, Logins: { [name]: await foreignToken({ iss: dedicated, aud: "another-app" }) } })),
      "NotAuthorizedException",
      400,
      /Incorrect token audience/,
    );
  });

  test("a rules role mapping keyed by the provider's name picks the role by the token's claims", async () => {
    const { IdentityPoolId } = await identity.send(
      new ci.CreateIdentityPoolCommand({ IdentityPoolName: "oidc mapped", AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: [idpPool.providerArn] }),
    );
    const authenticated = await role("oidc-default", signedInTrust(IdentityPoolId!), "sqs:ListQueues");
    const mapped = await role("oidc-mapped", signedInTrust(IdentityPoolId!), "sqs:ListQueues");
    const user = await signedInUser();
    const rules = [{ Claim: "sub", MatchType: "Equals" as const, Value: user.sub, RoleARN: mapped }];
    await identity.send(
      new ci.SetIdentityPoolRolesCommand({
        IdentityPoolId,
        Roles: { authenticated },
        RoleMappings: { [idpPool.name]: { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: rules } } },
      }),
    );
    const credentialsOf = async (idToken: string) => {
      const logins = { [idpPool.name]: idToken };
      const { IdentityId } = await anonymous.send(new ci.GetIdCommand({ IdentityPoolId, Logins: logins }));
      return sdkCredentials((await anonymous.send(new ci.GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }))).Credentials!);
    };
    assert.equal(await callerArn(await credentialsOf(user.idToken)), sessionOf(mapped, "CognitoIdentityCredentials"));
    assert.equal(await callerArn(await credentialsOf((await signedInUser()).idToken)), sessionOf(authenticated, "CognitoIdentityCredentials"));
  });
});
