import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { uniqueName } from "../lambda/helpers";
import { type ApiInvokeHarness, expectGatewayResponse, invokeUrl, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
let cognito: idp.CognitoIdentityProviderClient;

before(async () => {
  h = await startApiInvokeHarness();
  cognito = new idp.CognitoIdentityProviderClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 });
});
after(async () => {
  cognito.destroy();
  await h.close();
});

/** A pool with one confirmed user in a group, and that user's tokens. */
async function signedInUser() {
  const { UserPool } = await cognito.send(new idp.CreateUserPoolCommand({ PoolName: uniqueName("pool") }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(new idp.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
  await cognito.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: "zoe", MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: "zoe@example.test" }] }));
  await cognito.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "zoe", Password: "Zoe-password-1", Permanent: true }));
  await cognito.send(new idp.CreateGroupCommand({ UserPoolId: poolId, GroupName: "editors" }));
  await cognito.send(new idp.AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "zoe", GroupName: "editors" }));
  const auth = await cognito.send(
    new idp.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: UserPoolClient!.ClientId!, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "zoe", PASSWORD: "Zoe-password-1" } }),
  );
  return { poolArn: UserPool!.Arn!, tokens: auth.AuthenticationResult! };
}

/** An API whose GET /me (ID token) and GET /scoped (access token with a scope) echo the caller's claims. */
async function apiFor(poolArn: string): Promise<string> {
  const { id, rootResourceId } = await h.apigw.send(new apigw.CreateRestApiCommand({ name: uniqueName("api") }));
  const authorizer = await h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: id, name: "users", type: "COGNITO_USER_POOLS", providerARNs: [poolArn], identitySource: "method.request.header.Authorization" }));
  for (const [path, scopes] of [["me", undefined], ["scoped", ["aws.cognito.signin.user.admin"]]] as const) {
    const resource = await h.apigw.send(new apigw.CreateResourceCommand({ restApiId: id, parentId: rootResourceId, pathPart: path }));
    const method = { restApiId: id, resourceId: resource.id, httpMethod: "GET" };
    await h.apigw.send(new apigw.PutMethodCommand({ ...method, authorizationType: "COGNITO_USER_POOLS", authorizerId: authorizer.id, authorizationScopes: scopes ? [...scopes] : undefined }));
    await h.apigw.send(new apigw.PutIntegrationCommand({ ...method, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
    await h.apigw.send(new apigw.PutMethodResponseCommand({ ...method, statusCode: "200" }));
    await h.apigw.send(
      new apigw.PutIntegrationResponseCommand({
        ...method,
        statusCode: "200",
        responseTemplates: { "application/json": `{"user":"$context.authorizer.claims['cognito:username']","email":"$context.authorizer.claims.email","groups":"$context.authorizer.claims['cognito:groups']"}` },
      }),
    );
  }
  await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: id, stageName: "prod" }));
  return id!;
}

describe("COGNITO_USER_POOLS authorizers", () => {
  test("an ID token of the authorizer's pool passes and its claims reach $context.authorizer.claims; anything else is 401", async () => {
    const { poolArn, tokens } = await signedInUser();
    const apiId = await apiFor(poolArn);
    const me = invokeUrl(h.gateway.url, apiId, "prod", "/me");

    const ok = await fetch(me, { headers: { Authorization: tokens.IdToken! } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { user: "zoe", email: "zoe@example.test", groups: "editors" });

    await expectGatewayResponse(await fetch(me), 401, "UnauthorizedException", "Unauthorized");
    await expectGatewayResponse(await fetch(me, { headers: { Authorization: "garbage" } }), 401, "UnauthorizedException", "Unauthorized");
    await expectGatewayResponse(await fetch(me, { headers: { Authorization: tokens.AccessToken! } }), 401, "UnauthorizedException", "Unauthorized");
    const tampered = tokens.IdToken!.replace(/\.[^.]+\./, (payload) => `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload.slice(1, -1), "base64url").toString()), email: "evil@example.test" })).toString("base64url")}.`);
    await expectGatewayResponse(await fetch(me, { headers: { Authorization: tampered } }), 401, "UnauthorizedException", "Unauthorized");

    // A valid token of another pool is not good here.
    const other = await signedInUser();
    await expectGatewayResponse(await fetch(me, { headers: { Authorization: other.tokens.IdToken! } }), 401, "UnauthorizedException", "Unauthorized");
  });

  test("with authorization scopes, an access token holding one of them is required", async () => {
    const { poolArn, tokens } = await signedInUser();
    const scoped = invokeUrl(h.gateway.url, await apiFor(poolArn), "prod", "/scoped");
    const ok = await fetch(scoped, { headers: { Authorization: `Bearer ${tokens.AccessToken!}` } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { user: string }).user, "");
    await expectGatewayResponse(await fetch(scoped, { headers: { Authorization: tokens.IdToken! } }), 401, "UnauthorizedException", "Unauthorized");
  });
});
