import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { rejects, startCognito, type CognitoHarness } from "./harness";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

const PASSWORD = "Correct-horse-9";

/** Signs a user up and confirms them with the code from the outbox. */
async function signedUp(clientId: string, email: string, password = PASSWORD): Promise<string> {
  const out = await h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: email, Password: password, UserAttributes: [{ Name: "email", Value: email }] }));
  await h.anonymous.send(new idp.ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: await h.code(email) }));
  return out.UserSub!;
}

async function passwordSignIn(clientId: string, username: string, password = PASSWORD) {
  const out = await h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
  return out.AuthenticationResult!;
}

describe("user pools and app clients", () => {
  test("CreateUserPool with a custom attribute, DescribeUserPool, ListUserPools, clients with and without a secret", async () => {
    const { UserPool } = await h.admin.send(
      new idp.CreateUserPoolCommand({
        PoolName: "described",
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true }, { Name: "email", Required: true }],
      }),
    );
    assert.match(UserPool!.Id!, /^us-east-1_[0-9A-Za-z]{9}$/);
    assert.equal(UserPool!.Arn, `arn:aws:cognito-idp:us-east-1:${h.team.accountId}:userpool/${UserPool!.Id}`);
    const described = (await h.admin.send(new idp.DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!;
    assert.equal(described.Policies?.PasswordPolicy?.MinimumLength, 10);
    assert.equal(described.Policies?.PasswordPolicy?.RequireUppercase, true);
    assert.ok(described.SchemaAttributes?.some((a) => a.Name === "custom:tenant"));
    assert.equal(described.SchemaAttributes?.find((a) => a.Name === "email")?.Required, true);
    const listed = await h.admin.send(new idp.ListUserPoolsCommand({ MaxResults: 60 }));
    assert.ok(listed.UserPools?.some((p) => p.Id === UserPool!.Id && p.Name === "described"));

    const secretClient = await h.admin.send(new idp.CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: "server", GenerateSecret: true }));
    assert.match(secretClient.UserPoolClient!.ClientId!, /^[a-z0-9]{26}$/);
    assert.equal(secretClient.UserPoolClient!.ClientSecret!.length, 51);
    const got = await h.admin.send(new idp.DescribeUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientId: secretClient.UserPoolClient!.ClientId }));
    assert.equal(got.UserPoolClient?.AccessTokenValidity, 60);
    await rejects(h.admin.send(new idp.DescribeUserPoolCommand({ UserPoolId: "us-east-1_nothere00" })), "ResourceNotFoundException");
    await rejects(
      h.admin.send(new idp.CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: "bad", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] })),
      "InvalidParameterException",
    );
  });
});

describe("sign-up and sign-in", () => {
  test("sign up → code in the outbox → confirm → password sign-in; tokens verify against the pool's JWKS with standard verifiers", async () => {
    const { poolId, clientId } = await h.pool();
    const email = `ada-${Date.now()}@example.test`;
    const out = await h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: "ada", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: email }] }));
    assert.equal(out.UserConfirmed, false);
    assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.equal(out.CodeDeliveryDetails?.Destination, `a***@e***`);
    await rejects(passwordSignIn(clientId, "ada"), "UserNotConfirmedException");
    await rejects(h.anonymous.send(new idp.ConfirmSignUpCommand({ ClientId: clientId, Username: "ada", ConfirmationCode: "000000" })), "CodeMismatchException");
    await h.anonymous.send(new idp.ConfirmSignUpCommand({ ClientId: clientId, Username: "ada", ConfirmationCode: await h.code(email) }));

    const tokens = await passwordSignIn(clientId, "ADA");
    assert.equal(tokens.TokenType, "Bearer");
    assert.equal(tokens.ExpiresIn, 3600);
    const issuer = `http://localhost:4566/${poolId}`;
    const jwks = createRemoteJWKSet(new URL(`${h.gateway.url}/${poolId}/.well-known/jwks.json`));
    const id = await jwtVerify(tokens.IdToken!, jwks, { issuer, audience: clientId });
    assert.equal(id.payload.token_use, "id");
    assert.equal(id.payload["cognito:username"], "ada");
    assert.equal(id.payload.email, email);
    assert.equal(id.payload.email_verified, true);
    assert.equal(typeof id.payload.auth_time, "number");
    const verifier = JwtRsaVerifier.create({ issuer, audience: null, jwksUri: `${issuer}/.well-known/jwks.json` });
    // aws-jwt-verify fetches only over https: hand it the JWKS the gateway serves.
    verifier.cacheJwks((await (await fetch(`${h.gateway.url}/${poolId}/.well-known/jwks.json`)).json()) as Parameters<typeof verifier.cacheJwks>[0]);
    const access = await verifier.verify(tokens.AccessToken!);
    assert.equal(access.token_use, "access");
    assert.equal(access.client_id, clientId);
    assert.equal(access.username, "ada");
    assert.equal(access.scope, "aws.cognito.signin.user.admin");

    const config = (await (await fetch(`${h.gateway.url}/${poolId}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    assert.equal(config.issuer, issuer);
    assert.equal(config.jwks_uri, `${issuer}/.well-known/jwks.json`);

    const me = await h.anonymous.send(new idp.GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(me.Username, "ada");
    assert.equal(me.UserAttributes?.find((a) => a.Name === "sub")?.Value, id.payload.sub);
  });

  test("errors: wrong password and unknown users read the same, policy violations, taken usernames, unenabled flows", async () => {
    const { clientId } = await h.pool({}, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
    const email = `bob-${Date.now()}@example.test`;
    await rejects(
      h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: "bob", Password: "short", UserAttributes: [{ Name: "email", Value: email }] })),
      "InvalidPasswordException",
      /Password did not conform with policy: Password not long enough/,
    );
    await rejects(
      h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: "bob", Password: PASSWORD, UserAttributes: [{ Name: "nickname2", Value: "x" }] })),
      "InvalidParameterException",
      /Attribute does not exist in the schema/,
    );
    await signedUp(clientId, email);
    await rejects(h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD })), "UsernameExistsException");
    await rejects(passwordSignIn(clientId, email), "InvalidParameterException", /USER_PASSWORD_AUTH flow not enabled for this client/);

    const { clientId: open } = await h.pool();
    const user = `carol-${Date.now()}@example.test`;
    await signedUp(open, user);
    await rejects(passwordSignIn(open, user, "Wrong-password-1"), "NotAuthorizedException", /^Incorrect username or password\.$/);
    await rejects(passwordSignIn(open, "nobody@example.test"), "NotAuthorizedException", /^Incorrect username or password\.$/);
  });

  test("an address that keeps failing is refused for a while, whichever usernames it tries", async () => {
    const { clientId } = await h.pool();
    const email = `kim-${Date.now()}@example.test`;
    await signedUp(clientId, email);
    for (let i = 0; i < 20; i++) await rejects(passwordSignIn(clientId, `guess-${i}@example.test`), "NotAuthorizedException");
    await rejects(passwordSignIn(clientId, email), "TooManyRequestsException", /Too many failed attempts from this address/);
    // Another pool is not affected.
    const { clientId: other } = await h.pool();
    await signedUp(other, email);
    await passwordSignIn(other, email);
  });

  test("a client with a secret needs SECRET_HASH", async () => {
    const { clientId, clientSecret } = await h.pool({}, { GenerateSecret: true });
    const username = `dave-${Date.now()}`;
    const hash = createHmac("sha256", clientSecret!).update(username + clientId).digest("base64");
    await rejects(h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD })), "NotAuthorizedException", /Unable to verify secret hash/);
    await h.anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, SecretHash: hash }));
  });
});

describe("sessions", () => {
  test("refresh issues new tokens; GlobalSignOut revokes the access token and the refresh token", async () => {
    const { clientId } = await h.pool();
    const email = `erin-${Date.now()}@example.test`;
    await signedUp(clientId, email);
    const first = await passwordSignIn(clientId, email);
    const refreshed = await h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined, "a refresh returns no new refresh token");
    await h.anonymous.send(new idp.GlobalSignOutCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken }));
    await rejects(h.anonymous.send(new idp.GetUserCommand({ AccessToken: first.AccessToken })), "NotAuthorizedException", /Access Token has been revoked/);
    await rejects(
      h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } })),
      "NotAuthorizedException",
      /Refresh Token has been revoked/,
    );
    await rejects(h.anonymous.send(new idp.GetUserCommand({ AccessToken: "not.a.token" })), "NotAuthorizedException", /Invalid Access Token/);
  });

  test("RevokeToken ends one sign-in only", async () => {
    const { clientId } = await h.pool();
    const email = `fay-${Date.now()}@example.test`;
    await signedUp(clientId, email);
    const [one, two] = [await passwordSignIn(clientId, email), await passwordSignIn(clientId, email)];
    await h.anonymous.send(new idp.RevokeTokenCommand({ ClientId: clientId, Token: one.RefreshToken! }));
    await rejects(h.anonymous.send(new idp.GetUserCommand({ AccessToken: one.AccessToken })), "NotAuthorizedException", /revoked/);
    await h.anonymous.send(new idp.GetUserCommand({ AccessToken: two.AccessToken }));
  });
});

describe("admin flows", () => {
  test("AdminCreateUser with a temporary password → NEW_PASSWORD_REQUIRED → tokens; groups appear in tokens", async () => {
    const { poolId, clientId } = await h.pool();
    const email = `gus-${Date.now()}@example.test`;
    const created = await h.admin.send(
      new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: "gus", TemporaryPassword: "Temp-pass-123", UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }] }),
    );
    assert.equal(created.User?.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.match((await h.code(email).catch(() => "")) || "", /^$|\d{6}/);
    await h.admin.send(new idp.CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins", Precedence: 1, RoleArn: `arn:aws:iam::${h.team.accountId}:role/admins` }));
    await h.admin.send(new idp.CreateGroupCommand({ UserPoolId: poolId, GroupName: "readers", Precedence: 5 }));
    await h.admin.send(new idp.AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "gus", GroupName: "readers" }));
    await h.admin.send(new idp.AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "gus", GroupName: "admins" }));

    const challenge = await h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gus", PASSWORD: "Temp-pass-123" } }));
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.ok(challenge.Session);
    const answered = await h.anonymous.send(
      new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "gus", NEW_PASSWORD: PASSWORD } }),
    );
    const claims = JSON.parse(Buffer.from(answered.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    assert.deepEqual(claims["cognito:groups"], ["admins", "readers"]);
    assert.equal(claims["cognito:preferred_role"], `arn:aws:iam::${h.team.accountId}:role/admins`);
    const user = await h.admin.send(new idp.AdminGetUserCommand({ UserPoolId: poolId, Username: "gus" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    const groups = await h.admin.send(new idp.AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "gus" }));
    assert.deepEqual(groups.Groups?.map((g) => g.GroupName), ["admins", "readers"]);

    await h.admin.send(new idp.AdminDisableUserCommand({ UserPoolId: poolId, Username: "gus" }));
    await rejects(passwordSignIn(clientId, "gus"), "NotAuthorizedException", /User is disabled/);
    await h.admin.send(new idp.AdminEnableUserCommand({ UserPoolId: poolId, Username: "gus" }));
    const admin = await h.admin.send(new idp.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gus", PASSWORD: PASSWORD } }));
    assert.ok(admin.AuthenticationResult?.IdToken);
    await h.admin.send(new idp.AdminDeleteUserCommand({ UserPoolId: poolId, Username: "gus" }));
    await rejects(h.admin.send(new idp.AdminGetUserCommand({ UserPoolId: poolId, Username: "gus" })), "UserNotFoundException");
  });

  test("ListUsers filters and pages", async () => {
    const { poolId } = await h.pool();
    for (const name of ["amy", "anna", "bea"]) {
      await h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: `${name}@example.test` }] }));
    }
    const prefixed = await h.admin.send(new idp.ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "a"' }));
    assert.deepEqual(prefixed.Users?.map((u) => u.Username), ["amy", "anna"]);
    const exact = await h.admin.send(new idp.ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "bea@example.test"' }));
    assert.deepEqual(exact.Users?.map((u) => u.Username), ["bea"]);
    const page = await h.admin.send(new idp.ListUsersCommand({ UserPoolId: poolId, Limit: 2 }));
    const rest = await h.admin.send(new idp.ListUsersCommand({ UserPoolId: poolId, Limit: 2, PaginationToken: page.PaginationToken }));
    assert.deepEqual([...page.Users!, ...rest.Users!].map((u) => u.Username), ["amy", "anna", "bea"]);
    await rejects(h.admin.send(new idp.ListUsersCommand({ UserPoolId: poolId, Filter: "nonsense" })), "InvalidParameterException");
  });
});

describe("forgot password and attributes", () => {
  test("ForgotPassword → code → ConfirmForgotPassword → sign in with the new password; ChangePassword", async () => {
    const { clientId } = await h.pool();
    const email = `hal-${Date.now()}@example.test`;
    await signedUp(clientId, email);
    const sent = await h.anonymous.send(new idp.ForgotPasswordCommand({ ClientId: clientId, Username: email }));
    assert.equal(sent.CodeDeliveryDetails?.AttributeName, "email");
    await rejects(h.anonymous.send(new idp.ConfirmForgotPasswordCommand({ ClientId: clientId, Username: email, ConfirmationCode: "111111", Password: "New-password-2" })), "CodeMismatchException");
    await h.anonymous.send(new idp.ConfirmForgotPasswordCommand({ ClientId: clientId, Username: email, ConfirmationCode: await h.code(email), Password: "New-password-2" }));
    await rejects(passwordSignIn(clientId, email), "NotAuthorizedException");
    const tokens = await passwordSignIn(clientId, email, "New-password-2");
    await h.anonymous.send(new idp.ChangePasswordCommand({ AccessToken: tokens.AccessToken, PreviousPassword: "New-password-2", ProposedPassword: "Third-password-3" }));
    await passwordSignIn(clientId, email, "Third-password-3");
  });

  test("UpdateUserAttributes: a new email is unverified until its code is given", async () => {
    const { clientId } = await h.pool();
    const email = `ida-${Date.now()}@example.test`;
    await signedUp(clientId, email);
    const tokens = await passwordSignIn(clientId, email);
    const next = `ida-new-${Date.now()}@example.test`;
    const updated = await h.anonymous.send(new idp.UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: "email", Value: next }, { Name: "name", Value: "Ida" }] }));
    assert.equal(updated.CodeDeliveryDetailsList?.[0]?.AttributeName, "email");
    const attributes = async () => Object.fromEntries((await h.anonymous.send(new idp.GetUserCommand({ AccessToken: tokens.AccessToken }))).UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal((await attributes()).email_verified, "false");
    await h.anonymous.send(new idp.VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: "email", Code: await h.code(next) }));
    assert.deepEqual([(await attributes()).email_verified, (await attributes()).name], ["true", "Ida"]);
  });
});
