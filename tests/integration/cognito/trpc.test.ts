import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { createTestTeam, trpcAs } from "../../helpers/fixtures";

after(async () => {
  await prisma().$disconnect();
});

const awsCode = (e: unknown) => (e instanceof TRPCError ? (e.cause as { code?: string } | undefined)?.code : undefined);

describe("cognito over tRPC", () => {
  test("user pools, clients, users and identity pools through the same domain functions as the SDK", async () => {
    const team = await createTestTeam();
    const api = trpcAs(team, { accountId: team.accountId });
    const { UserPool } = await api.cognito.createUserPool({ PoolName: "console-pool", UsernameAttributes: ["email"] });
    const poolId = UserPool.Id;
    assert.deepEqual((await api.cognito.listUserPools({ MaxResults: 10 })).UserPools.map((p) => p.Id), [poolId]);
    const { UserPoolClient } = await api.cognito.createUserPoolClient({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
    assert.equal((await api.cognito.listUserPoolClients({ UserPoolId: poolId })).UserPoolClients[0]?.ClientId, UserPoolClient.ClientId);
    await api.cognito.adminCreateUser({ UserPoolId: poolId, Username: "pat@example.test", MessageAction: "SUPPRESS" });
    const users = await api.cognito.listUsers({ UserPoolId: poolId });
    assert.equal(users.Users[0]?.Attributes.find((a) => a.Name === "email")?.Value, "pat@example.test");
    await assert.rejects(api.cognito.describeUserPool({ UserPoolId: "us-east-1_missing00" }), (e: unknown) => awsCode(e) === "ResourceNotFoundException");

    const { IdentityPoolId } = await api.cognito.createIdentityPool({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true });
    assert.ok((await api.cognito.listIdentityPools({ MaxResults: 10 })).IdentityPools?.some((p) => p.IdentityPoolId === IdentityPoolId));

    // Another team sees none of it.
    const other = await createTestTeam();
    assert.deepEqual((await trpcAs(other, { accountId: other.accountId }).cognito.listUserPools({ MaxResults: 10 })).UserPools, []);
  });

  test("identity providers: create, describe, list, update and delete; app clients name them", async () => {
    const team = await createTestTeam();
    const api = trpcAs(team, { accountId: team.accountId });
    const { UserPool } = await api.cognito.createUserPool({ PoolName: "federating" });
    const UserPoolId = UserPool.Id;
    // Every endpoint given, so nothing is discovered over the network.
    const ProviderDetails = {
      client_id: "partner-client",
      client_secret: "partner-secret",
      authorize_scopes: "openid email",
      attributes_request_method: "GET",
      oidc_issuer: "https://idp.example.test",
      authorize_url: "https://idp.example.test/authorize",
      token_url: "https://idp.example.test/token",
      jwks_uri: "https://idp.example.test/jwks",
    };
    await api.cognito.createIdentityProvider({ UserPoolId, ProviderName: "Partner", ProviderType: "OIDC", ProviderDetails, AttributeMapping: { email: "email" } });
    assert.deepEqual((await api.cognito.listIdentityProviders({ UserPoolId })).Providers.map((p) => [p.ProviderName, p.ProviderType]), [["Partner", "OIDC"]]);
    const { IdentityProvider } = await api.cognito.describeIdentityProvider({ UserPoolId, ProviderName: "Partner" });
    assert.equal(IdentityProvider.ProviderDetails.client_secret, "partner-secret");
    assert.deepEqual(IdentityProvider.AttributeMapping, { username: "sub", email: "email" });

    const updated = await api.cognito.updateIdentityProvider({ UserPoolId, ProviderName: "Partner", AttributeMapping: { email: "mail", name: "name" } });
    assert.deepEqual(updated.IdentityProvider.AttributeMapping, { username: "sub", email: "mail", name: "name" });
    assert.equal(updated.IdentityProvider.ProviderDetails.token_url, "https://idp.example.test/token", "details left out stay");

    const { UserPoolClient } = await api.cognito.createUserPoolClient({ UserPoolId, ClientName: "web", SupportedIdentityProviders: ["COGNITO", "Partner"] });
    assert.deepEqual(UserPoolClient.SupportedIdentityProviders, ["COGNITO", "Partner"]);
    await assert.rejects(
      api.cognito.createUserPoolClient({ UserPoolId, ClientName: "bad", SupportedIdentityProviders: ["Nobody"] }),
      (e: unknown) => awsCode(e) === "InvalidParameterException",
    );

    await api.cognito.deleteIdentityProvider({ UserPoolId, ProviderName: "Partner" });
    assert.deepEqual((await api.cognito.listIdentityProviders({ UserPoolId })).Providers, []);
    await assert.rejects(api.cognito.describeIdentityProvider({ UserPoolId, ProviderName: "Partner" }), (e: unknown) => awsCode(e) === "ResourceNotFoundException");
  });

  test("viewers may read but not change", async () => {
    const viewer = await createTestTeam({ role: "viewer" });
    const api = trpcAs(viewer, { accountId: viewer.accountId });
    await api.cognito.listUserPools({ MaxResults: 10 });
    await assert.rejects(api.cognito.createUserPool({ PoolName: "nope" }), (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
  });
});
