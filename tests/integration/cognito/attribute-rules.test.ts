/**
 * Cognito's rules for a pool's attribute schema and for deleting attributes: the standard attributes as
 * DescribeUserPool lists them, the Schema entries CreateUserPool refuses, the attributes a user may not
 * lose, and app clients when an identity provider they name is deleted.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { authorizeUrl, location, rejects, startCognito, type CognitoHarness } from "./harness";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

const PASSWORD = "Correct-horse-9";

const text = (Name: string, MinLength = "0", MaxLength = "2048") => ({ Name, AttributeDataType: "String", Mutable: true, Required: false, StringAttributeConstraints: { MinLength, MaxLength } });
const flag = (Name: string) => ({ Name, AttributeDataType: "Boolean", Mutable: true, Required: false });

/** A new pool's standard attributes as AWS's DescribeUserPool lists them (the AWS CLI's documented output), with `identities`. */
const AWS_STANDARD_ATTRIBUTES = [
  { ...text("sub", "1"), Mutable: false, Required: true },
  ...["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email"].map((n) => text(n)),
  flag("email_verified"),
  text("gender"),
  text("birthdate", "10", "10"),
  ...["zoneinfo", "locale", "phone_number"].map((n) => text(n)),
  flag("phone_number_verified"),
  text("address"),
  { Name: "updated_at", AttributeDataType: "Number", Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: "0" } },
  { Name: "identities", AttributeDataType: "String", Mutable: true, Required: false, StringAttributeConstraints: {} },
];

const schemaOf = async (UserPoolId: string) => (await h.admin.send(new idp.DescribeUserPoolCommand({ UserPoolId }))).UserPool!.SchemaAttributes!;

const attributesOf = async (UserPoolId: string, Username: string) =>
  Object.fromEntries((await h.admin.send(new idp.AdminGetUserCommand({ UserPoolId, Username }))).UserAttributes!.map((a) => [a.Name, a.Value]));

describe("a pool's standard attributes", () => {
  test("DescribeUserPool lists them with AWS's types and constraints; birthdate is exactly 10 characters long", async () => {
    const { poolId } = await h.pool();
    const listed = (await schemaOf(poolId)).map(({ DeveloperOnlyAttribute, ...rest }) => {
      assert.equal(DeveloperOnlyAttribute, false, rest.Name);
      return rest;
    });
    assert.deepEqual(listed, AWS_STANDARD_ATTRIBUTES);

    const create = (birthdate: string, Username: string) =>
      h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "birthdate", Value: birthdate }] }));
    await rejects(create("1990-1-1", "short"), "InvalidParameterException", "Attributes did not conform to the schema: birthdate: String must be no shorter than 10 characters");
    await rejects(create("1990-01-01T00", "long"), "InvalidParameterException", "Attributes did not conform to the schema: birthdate: String must be no longer than 10 characters");
    await create("1990-01-01", "dated");
    assert.equal((await attributesOf(poolId, "dated")).birthdate, "1990-01-01");
  });
});

describe("CreateUserPool's Schema", () => {
  const refused = async (Schema: idp.SchemaAttributeType[], message: string) => {
    const PoolName = `refused-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    await rejects(h.admin.send(new idp.CreateUserPoolCommand({ PoolName, Schema })), "InvalidParameterException", message);
    const { UserPools } = await h.admin.send(new idp.ListUserPoolsCommand({ MaxResults: 60 }));
    assert.ok(!UserPools?.some((p) => p.Name === PoolName), "no pool is created");
  };

  test("a standard attribute's data type cannot change nor become developer-only; sub and identities cannot be redefined", async () => {
    await refused([{ Name: "family_name", AttributeDataType: "Number" }], "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute family_name");
    await refused([{ Name: "email", AttributeDataType: "String", DeveloperOnlyAttribute: true }], "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email");
    await refused([{ Name: "sub", AttributeDataType: "String", Mutable: true }], "You can not change Mutable, Required or the constraints of standard schema attribute sub");
    await refused([{ Name: "sub", StringAttributeConstraints: { MinLength: "5", MaxLength: "2048" } }], "You can not change Mutable, Required or the constraints of standard schema attribute sub");
    await refused([{ Name: "identities", Required: true }], "You can not change Mutable, Required or the constraints of standard schema attribute identities");
    await refused([{ Name: "tenant" }], "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
    await refused([{ Name: "tenant", AttributeDataType: "String", Required: true }], "Required custom attributes are not supported currently.");
  });

  test("restating sub and identities as Cognito defines them is accepted; a standard attribute keeps what the entry leaves out", async () => {
    const { UserPool } = await h.admin.send(
      new idp.CreateUserPoolCommand({
        PoolName: `restated-${Date.now()}`,
        Schema: [
          { Name: "sub", AttributeDataType: "String", Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } },
          { Name: "identities", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: {} },
          { Name: "updated_at", Required: true },
          { Name: "tenant", AttributeDataType: "String", Mutable: false },
        ],
      }),
    );
    const schema = await schemaOf(UserPool!.Id!);
    assert.deepEqual(
      schema.filter((a) => a.Name !== "updated_at" && a.Name !== "custom:tenant"),
      AWS_STANDARD_ATTRIBUTES.filter((a) => a.Name !== "updated_at").map((a) => ({ ...a, DeveloperOnlyAttribute: false })),
    );
    assert.deepEqual(schema.find((a) => a.Name === "updated_at"), { ...AWS_STANDARD_ATTRIBUTES.find((a) => a.Name === "updated_at"), DeveloperOnlyAttribute: false, Required: true });
    assert.deepEqual(schema.find((a) => a.Name === "custom:tenant"), { Name: "custom:tenant", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: false, Required: false });

    await rejects(
      h.admin.send(new idp.AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: [{ Name: "plan" }] })),
      "InvalidParameterException",
      "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
    );
    await h.admin.send(new idp.AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: [{ Name: "plan", AttributeDataType: "Number" }] }));
    assert.equal((await schemaOf(UserPool!.Id!)).find((a) => a.Name === "custom:plan")?.AttributeDataType, "Number");
  });
});

describe("deleting a user's attributes", () => {
  /** A pool requiring email, with an immutable custom attribute, and a user holding both and more. */
  async function poolWithUser() {
    const { poolId, clientId } = await h.pool({
      Schema: [
        { Name: "email", Required: true },
        { Name: "tenant", AttributeDataType: "String", Mutable: false },
      ],
    });
    const email = `eve-${Date.now()}@example.test`;
    await h.admin.send(
      new idp.AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "eve",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "given_name", Value: "Eve" },
          { Name: "family_name", Value: "Example" },
          { Name: "custom:tenant", Value: "acme" },
        ],
      }),
    );
    return { poolId, clientId, email };
  }

  test("AdminDeleteUserAttributes refuses sub, identities, immutable and required attributes, deleting nothing; others go", async () => {
    const { poolId, email } = await poolWithUser();
    const remove = (UserAttributeNames: string[]) => h.admin.send(new idp.AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: "eve", UserAttributeNames }));
    await rejects(remove(["sub"]), "InvalidParameterException", "Cannot modify the non-mutable attribute sub");
    await rejects(remove(["identities"]), "InvalidParameterException", "Cannot modify the non-mutable attribute identities");
    await rejects(remove(["custom:tenant"]), "InvalidParameterException", "Cannot modify the non-mutable attribute custom:tenant");
    await rejects(remove(["email"]), "InvalidParameterException", "Invalid user attributes: email: Required attribute cannot be deleted.");
    await rejects(remove(["given_name", "sub"]), "InvalidParameterException", "Cannot modify the non-mutable attribute sub");
    assert.equal((await attributesOf(poolId, "eve")).given_name, "Eve", "a refused call deletes nothing");

    // A name the user holds no value for is no error.
    await remove(["given_name", "nickname"]);
    const after = await attributesOf(poolId, "eve");
    assert.equal(after.given_name, undefined);
    assert.equal(after.email, email);
    assert.equal(after["custom:tenant"], "acme");
    assert.ok(after.sub);
  });

  test("DeleteUserAttributes, with the user's access token, follows the same rules", async () => {
    const { poolId, clientId } = await poolWithUser();
    await h.admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "eve", Password: PASSWORD, Permanent: true }));
    const { AuthenticationResult } = await h.admin.send(
      new idp.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "eve", PASSWORD } }),
    );
    const AccessToken = AuthenticationResult!.AccessToken!;
    const remove = (UserAttributeNames: string[]) => h.anonymous.send(new idp.DeleteUserAttributesCommand({ AccessToken, UserAttributeNames }));
    await rejects(remove(["sub"]), "InvalidParameterException", "Cannot modify the non-mutable attribute sub");
    await rejects(remove(["email"]), "InvalidParameterException", "Invalid user attributes: email: Required attribute cannot be deleted.");
    await remove(["family_name"]);
    const { UserAttributes } = await h.anonymous.send(new idp.GetUserCommand({ AccessToken }));
    const names = UserAttributes!.map((a) => a.Name);
    assert.ok(!names.includes("family_name"));
    assert.ok(names.includes("given_name") && names.includes("email") && names.includes("sub"));
    await rejects(h.anonymous.send(new idp.DeleteUserAttributesCommand({ AccessToken: "not-a-token", UserAttributeNames: ["given_name"] })), "NotAuthorizedException", /./);
  });
});

describe("deleting an identity provider app clients name", () => {
  test("the clients lose its name; one left naming none offers no sign-in rather than the pool's own", async () => {
    const app = await h.oauthApp({ SupportedIdentityProviders: ["COGNITO"] });
    const UserPoolId = app.poolId;
    for (const ProviderName of ["Solo", "Other"]) {
      await h.admin.send(
        new idp.CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName,
          ProviderType: "OIDC",
          // Every endpoint given: nothing is discovered.
          ProviderDetails: {
            client_id: "stratus",
            client_secret: "shh",
            authorize_scopes: "openid email",
            attributes_request_method: "GET",
            oidc_issuer: `https://${ProviderName.toLowerCase()}.example.test`,
            authorize_url: `https://${ProviderName.toLowerCase()}.example.test/authorize`,
            token_url: `https://${ProviderName.toLowerCase()}.example.test/token`,
            jwks_uri: `https://${ProviderName.toLowerCase()}.example.test/jwks`,
          },
        }),
      );
    }
    const client = async (ClientName: string, SupportedIdentityProviders?: string[]) => {
      const { UserPoolClient } = await h.admin.send(
        new idp.CreateUserPoolClientCommand({
          UserPoolId,
          ClientName,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: ["https://app.example.test/callback"],
          SupportedIdentityProviders,
        }),
      );
      return UserPoolClient!.ClientId!;
    };
    const mixed = await client("mixed", ["COGNITO", "Solo", "Other"]);
    const only = await client("only", ["Solo"]);
    const unnamed = await client("unnamed");
    const loginPage = async (clientId: string) => {
      const browser = h.browser();
      const start = await browser.get(authorizeUrl({ poolId: UserPoolId, clientId }, {}));
      assert.equal(start.status, 302, await start.text());
      return (await browser.get(location(start))).text();
    };
    const before = await loginPage(only);
    assert.match(before, /Sign in with Solo/);
    assert.doesNotMatch(before, /type="password"/);

    await h.admin.send(new idp.DeleteIdentityProviderCommand({ UserPoolId, ProviderName: "Solo" }));
    const providersOf = async (ClientId: string) => (await h.admin.send(new idp.DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient!.SupportedIdentityProviders;
    assert.deepEqual(await providersOf(mixed), ["COGNITO", "Other"]);
    assert.deepEqual(await providersOf(only), []);
    assert.deepEqual(await providersOf(app.clientId), ["COGNITO"]);
    assert.equal(await providersOf(unnamed), undefined);

    const after = await loginPage(only);
    assert.doesNotMatch(after, /Sign in with Solo/);
    assert.doesNotMatch(after, /type="password"/, "the emptied client does not fall back to the pool's password sign-in");
    assert.match(await loginPage(unnamed), /type="password"/, "a client that never named providers still signs in with the pool's own");

    await rejects(h.admin.send(new idp.DeleteIdentityProviderCommand({ UserPoolId, ProviderName: "Solo" })), "ResourceNotFoundException", "Identity provider Solo does not exist.");
    await rejects(
      h.admin.send(new idp.UpdateUserPoolClientCommand({ UserPoolId, ClientId: only, SupportedIdentityProviders: ["Solo"] })),
      "InvalidParameterException",
      `The provider Solo does not exist for User Pool ${UserPoolId}`,
    );
  });
});
