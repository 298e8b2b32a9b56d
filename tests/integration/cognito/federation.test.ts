/**
 * A user pool federating with an external OpenID Connect provider, which is another Stratus user pool
 * in the same gateway: pool A is the identity provider (its user, its app client with a secret), pool B
 * signs A's users in. The browser is plain fetch with a cookie jar that keeps cookies by path, as the
 * two pools' hosted UIs each have their own.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { env } from "../../../server/env";
import { waitFor } from "../../helpers/wait";
import { nodeFunction } from "../apigateway/invoke-helpers";
import { startInvokeHarness, type InvokeHarness } from "../lambda-invoke/harness";
import { Browser, formOf, location, unescapeHtml, userPoolClients } from "./harness";

// Workers run too: pool B's Lambda triggers are real functions.
let h: InvokeHarness;
let admin: idp.CognitoIdentityProviderClient;
let anonymous: idp.CognitoIdentityProviderClient;

before(async () => {
  h = await startInvokeHarness();
  ({ admin, anonymous } = userPoolClients(h.gateway.url, h.team));
  // Pools publish their issuer (and hosted UI) at the public gateway URL: pool B must reach pool A there.
  env().STRATUS_PUBLIC_GATEWAY_URL = h.gateway.url;
});
after(async () => {
  admin.destroy();
  anonymous.destroy();
  await h.close();
});

const PASSWORD = "Correct-horse-9";
const CALLBACK = "https://app.example.test/callback";

interface Federation {
  /** The identity provider's pool, and its user's `sub`. */
  idpPoolId: string;
  idpUserSub: string;
  idpClientId: string;
  idpClientSecret: string;
  /** The federating pool and its app's client. */
  poolId: string;
  clientId: string;
}

const issuer = (poolId: string) => `${h.gateway.url}/${poolId}`;

const oidcDetails = (f: Pick<Federation, "idpPoolId" | "idpClientId" | "idpClientSecret">, extra: Record<string, string> = {}) => ({
  client_id: f.idpClientId,
  client_secret: f.idpClientSecret,
  authorize_scopes: "openid email profile",
  attributes_request_method: "GET",
  oidc_issuer: issuer(f.idpPoolId),
  ...extra,
});

/**
 * Pool A with user `ada` and a confidential client whose callback is pool B's idpresponse; pool B (with
 * these Lambda triggers) with provider `Partner` and an app client.
 */
async function federation(lambdaConfig: idp.LambdaConfigType = {}): Promise<Federation> {
  const { UserPool: a } = await admin.send(new idp.CreateUserPoolCommand({ PoolName: `idp-${Date.now()}` }));
  const { UserPool: b } = await admin.send(new idp.CreateUserPoolCommand({ PoolName: `app-${Date.now()}`, LambdaConfig: lambdaConfig }));
  const { UserPoolClient: idpClient } = await admin.send(
    new idp.CreateUserPoolClientCommand({
      UserPoolId: a!.Id,
      ClientName: "federation",
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
      CallbackURLs: [`${issuer(b!.Id!)}/oauth2/idpresponse`],
    }),
  );
  await admin.send(
    new idp.AdminCreateUserCommand({
      UserPoolId: a!.Id,
      Username: "ada",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "ada@partner.example.test" },
        { Name: "email_verified", Value: "true" },
        { Name: "given_name", Value: "Ada" },
      ],
    }),
  );
  await admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: a!.Id, Username: "ada", Password: PASSWORD, Permanent: true }));
  const idpUser = await admin.send(new idp.AdminGetUserCommand({ UserPoolId: a!.Id, Username: "ada" }));
  const f = { idpPoolId: a!.Id!, idpUserSub: idpUser.UserAttributes!.find((x) => x.Name === "sub")!.Value!, idpClientId: idpClient!.ClientId!, idpClientSecret: idpClient!.ClientSecret! };
  await admin.send(
    new idp.CreateIdentityProviderCommand({
      UserPoolId: b!.Id,
      ProviderName: "Partner",
      ProviderType: "OIDC",
      ProviderDetails: oidcDetails(f),
      AttributeMapping: { email: "email", given_name: "given_name" },
      IdpIdentifiers: ["partner.example.test"],
    }),
  );
  const { UserPoolClient: appClient } = await admin.send(
    new idp.CreateUserPoolClientCommand({
      UserPoolId: b!.Id,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code", "implicit"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ["COGNITO", "Partner"],
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return { ...f, poolId: b!.Id!, clientId: appClient!.ClientId! };
}

const authorizeUrl = (f: Federation, params: Record<string, string>) =>
  `/${f.poolId}/oauth2/authorize?${new URLSearchParams({ client_id: f.clientId, redirect_uri: CALLBACK, response_type: "code", scope: "openid email profile", state: "st-1", ...params })}`;

/** B's authorize → A's authorize; the answer is where A sends the browser next (its sign-in page, or B's idpresponse when A remembers the user). */
async function toIdentityProvider(browser: Browser, f: Federation, params: Record<string, string> = { identity_provider: "Partner" }, scope = "openid email profile"): Promise<Response> {
  const start = await browser.get(authorizeUrl(f, params));
  assert.equal(start.status, 302);
  const atIdp = new URL(location(start));
  assert.equal(`${atIdp.origin}${atIdp.pathname}`, `${issuer(f.idpPoolId)}/oauth2/authorize`);
  assert.equal(atIdp.searchParams.get("client_id"), f.idpClientId);
  assert.equal(atIdp.searchParams.get("redirect_uri"), `${issuer(f.poolId)}/oauth2/idpresponse`);
  assert.equal(atIdp.searchParams.get("response_type"), "code");
  assert.equal(atIdp.searchParams.get("scope"), scope);
  assert.ok(atIdp.searchParams.get("nonce"));
  return browser.get(atIdp.toString());
}

/** The whole browser flow to the app's callback: B → A's sign-in page (unless A remembers the user) → B's idpresponse → the app. */
async function federatedSignIn(browser: Browser, f: Federation): Promise<URL> {
  let atIdp = await toIdentityProvider(browser, f);
  if (location(atIdp).startsWith(`/${f.idpPoolId}/login?`)) atIdp = await browser.submit(await browser.get(location(atIdp)), { username: "ada", password: PASSWORD });
  assert.equal(atIdp.status, 302);
  assert.ok(location(atIdp).startsWith(`${issuer(f.poolId)}/oauth2/idpresponse?code=`), location(atIdp));
  const back = await browser.get(location(atIdp));
  assert.equal(back.status, 302, await back.clone().text());
  return new URL(location(back));
}

async function exchange(f: Federation, callback: URL): Promise<Record<string, unknown>> {
  assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
  assert.equal(callback.searchParams.get("state"), "st-1");
  const code = callback.searchParams.get("code");
  assert.ok(code, callback.toString());
  const res = await fetch(`${issuer(f.poolId)}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: f.clientId, code, redirect_uri: CALLBACK }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

describe("identity provider operations", () => {
  test("Create fills in the discovered endpoints; Describe, List, GetIdentityProviderByIdentifier, Update and Delete; app clients accept the provider's name", async () => {
    const f = await federation();
    const { IdentityProvider: described } = await admin.send(new idp.DescribeIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Partner" }));
    assert.equal(described?.ProviderType, "OIDC");
    assert.deepEqual(described?.ProviderDetails, {
      client_id: f.idpClientId,
      client_secret: f.idpClientSecret,
      authorize_scopes: "openid email profile",
      attributes_request_method: "GET",
      oidc_issuer: issuer(f.idpPoolId),
      authorize_url: `${issuer(f.idpPoolId)}/oauth2/authorize`,
      token_url: `${issuer(f.idpPoolId)}/oauth2/token`,
      jwks_uri: `${issuer(f.idpPoolId)}/.well-known/jwks.json`,
      attributes_url: `${issuer(f.idpPoolId)}/oauth2/userInfo`,
      attributes_url_add_attributes: "false",
    });
    assert.deepEqual(described?.AttributeMapping, { username: "sub", email: "email", given_name: "given_name" });
    assert.deepEqual(described?.IdpIdentifiers, ["partner.example.test"]);

    const byIdentifier = await admin.send(new idp.GetIdentityProviderByIdentifierCommand({ UserPoolId: f.poolId, IdpIdentifier: "partner.example.test" }));
    assert.equal(byIdentifier.IdentityProvider?.ProviderName, "Partner");
    await assert.rejects(admin.send(new idp.GetIdentityProviderByIdentifierCommand({ UserPoolId: f.poolId, IdpIdentifier: "nobody.example.test" })), { name: "ResourceNotFoundException" });

    await admin.send(
      new idp.CreateIdentityProviderCommand({
        UserPoolId: f.poolId,
        ProviderName: "Explicit",
        ProviderType: "OIDC",
        ProviderDetails: oidcDetails(f, { authorize_url: "https://idp.example.test/auth", token_url: "https://idp.example.test/token", jwks_uri: "https://idp.example.test/jwks" }),
      }),
    );
    const first = await admin.send(new idp.ListIdentityProvidersCommand({ UserPoolId: f.poolId, MaxResults: 1 }));
    const second = await admin.send(new idp.ListIdentityProvidersCommand({ UserPoolId: f.poolId, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual([...first.Providers!, ...second.Providers!].map((p) => [p.ProviderName, p.ProviderType]), [["Explicit", "OIDC"], ["Partner", "OIDC"]]);
    assert.equal(second.NextToken, undefined);
    const explicit = await admin.send(new idp.DescribeIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Explicit" }));
    assert.equal(explicit.IdentityProvider?.ProviderDetails?.authorize_url, "https://idp.example.test/auth");
    assert.equal(explicit.IdentityProvider?.ProviderDetails?.attributes_url, undefined, "nothing discovered when every endpoint is given");

    const updated = await admin.send(new idp.UpdateIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Explicit", AttributeMapping: { email: "mail" } }));
    assert.deepEqual(updated.IdentityProvider?.AttributeMapping, { username: "sub", email: "mail" });
    assert.equal(updated.IdentityProvider?.ProviderDetails?.token_url, "https://idp.example.test/token", "details left out stay");

    const client = await admin.send(
      new idp.CreateUserPoolClientCommand({ UserPoolId: f.poolId, ClientName: "both", SupportedIdentityProviders: ["COGNITO", "Partner", "Explicit"] }),
    );
    assert.deepEqual(client.UserPoolClient?.SupportedIdentityProviders, ["COGNITO", "Partner", "Explicit"]);
    await assert.rejects(
      admin.send(new idp.UpdateUserPoolClientCommand({ UserPoolId: f.poolId, ClientId: client.UserPoolClient!.ClientId, SupportedIdentityProviders: ["COGNITO", "Nope"] })),
      { name: "InvalidParameterException", message: `The provider Nope does not exist for User Pool ${f.poolId}` },
    );

    await admin.send(new idp.DeleteIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Explicit" }));
    await assert.rejects(admin.send(new idp.DescribeIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Explicit" })), { name: "ResourceNotFoundException" });
    await assert.rejects(admin.send(new idp.DeleteIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Explicit" })), { name: "ResourceNotFoundException" });
    await assert.rejects(
      admin.send(new idp.CreateUserPoolClientCommand({ UserPoolId: f.poolId, ClientName: "stale", SupportedIdentityProviders: ["Explicit"] })),
      { name: "InvalidParameterException", message: `The provider Explicit does not exist for User Pool ${f.poolId}` },
    );
  });

  test("refusals: a duplicate name, other provider types, bad details, an issuer without discovery, an unknown attribute, a taken identifier", async () => {
    const f = await federation();
    const create = (input: Partial<idp.CreateIdentityProviderCommandInput>) =>
      admin.send(new idp.CreateIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Other", ProviderType: "OIDC", ProviderDetails: oidcDetails(f), ...input }));

    await assert.rejects(create({ ProviderName: "Partner" }), { name: "DuplicateProviderException", message: `Partner already exists in user pool ${f.poolId}.` });
    await assert.rejects(create({ ProviderType: "SAML", ProviderDetails: { MetadataURL: "https://idp.example.test/metadata" } }), {
      name: "InvalidParameterException",
      message: /SAML are not supported by Stratus/,
    });
    await assert.rejects(create({ ProviderType: "Google" }), { name: "InvalidParameterException", message: /Google are not supported by Stratus/ });
    const { client_id: _omitted, ...withoutClientId } = oidcDetails(f);
    await assert.rejects(create({ ProviderDetails: withoutClientId }), { name: "InvalidParameterException", message: /client_id/ });
    await assert.rejects(create({ ProviderDetails: oidcDetails(f, { attributes_request_method: "PUT" }) }), { name: "InvalidParameterException", message: /attributes_request_method/ });
    await assert.rejects(create({ ProviderDetails: oidcDetails(f, { authorize_scopes: "email" }) }), { name: "InvalidParameterException", message: /openid/ });
    await assert.rejects(create({ ProviderDetails: oidcDetails(f, { oidc_issuer: `${h.gateway.url}/us-east-1_nothere00` }) }), {
      name: "InvalidParameterException",
      message: /Unable to discover the OpenID configuration/,
    });
    await assert.rejects(create({ AttributeMapping: { shoe_size: "shoe" } }), { name: "InvalidParameterException", message: /shoe_size/ });
    await assert.rejects(create({ IdpIdentifiers: ["partner.example.test"] }), { name: "InvalidParameterException", message: /Partner/ });
    await assert.rejects(create({ ProviderName: "COGNITO" }), { name: "InvalidParameterException" });
    await assert.rejects(create({ ProviderName: "_x" }), { message: /regular expression pattern/ }, "AWS's name pattern");
    await assert.rejects(admin.send(new idp.DescribeIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Other" })), { name: "ResourceNotFoundException" });
  });
});

describe("signing in through an OIDC identity provider", () => {
  test("B → A's sign-in page → B's idpresponse → the app: the federated user is created with the mapped attributes and identities; a second sign-in updates them", async () => {
    const f = await federation();
    const browser = new Browser(h.gateway.url);

    const login = await browser.get(authorizeUrl(f, {}));
    const page = await (await browser.get(location(login))).text();
    const button = /<a class="idp" href="([^"]*)">Sign in with Partner<\/a>/.exec(page);
    assert.ok(button, "the sign-in page offers the provider");
    assert.equal(new URL(unescapeHtml(button[1]!), h.gateway.url).searchParams.get("identity_provider"), "Partner");
    assert.match(page, /name="password"/, "and the password form, as the client supports COGNITO");

    const tokens = await exchange(f, await federatedSignIn(browser, f));
    const username = `Partner_${f.idpUserSub}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer(f.poolId)}/.well-known/jwks.json`));
    const { payload: id } = await jwtVerify(tokens.id_token as string, jwks, { issuer: issuer(f.poolId), audience: f.clientId });
    assert.equal(id["cognito:username"], username);
    assert.equal(id.email, "ada@partner.example.test");
    assert.equal(id.given_name, "Ada");
    const identities = id.identities as Record<string, unknown>[];
    assert.equal(identities.length, 1);
    assert.deepEqual({ ...identities[0], dateCreated: undefined }, { userId: f.idpUserSub, providerName: "Partner", providerType: "OIDC", issuer: null, primary: "true", dateCreated: undefined });
    assert.match(String(identities[0]!.dateCreated), /^\d{13}$/);
    assert.equal(decodeJwt(tokens.access_token as string).username, username);

    const user = await admin.send(new idp.AdminGetUserCommand({ UserPoolId: f.poolId, Username: username }));
    assert.equal(user.Username, username);
    assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
    const attributes = Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.sub, id.sub);
    assert.equal(attributes.email, "ada@partner.example.test");
    const stored = (JSON.parse(attributes.identities!) as Record<string, unknown>[])[0]!;
    assert.deepEqual({ ...stored, dateCreated: typeof stored.dateCreated }, { userId: f.idpUserSub, providerName: "Partner", providerType: "OIDC", issuer: null, primary: true, dateCreated: "number" });

    // The provider's email changes: the next sign-in (A remembers ada, so no sign-in page there) brings it over.
    await admin.send(new idp.AdminUpdateUserAttributesCommand({ UserPoolId: f.idpPoolId, Username: "ada", UserAttributes: [{ Name: "email", Value: "ada@new.example.test" }] }));
    const again = await exchange(f, await federatedSignIn(browser, f));
    const second = decodeJwt(again.id_token as string);
    assert.equal(second.email, "ada@new.example.test");
    assert.equal(second.sub, id.sub, "the same user");
    const { Users } = await admin.send(new idp.ListUsersCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(Users?.map((u) => [u.Username, u.UserStatus]), [[username, "EXTERNAL_PROVIDER"]]);

    // B remembers the federated user too: an authorization request without a provider goes straight back.
    const remembered = await browser.get(authorizeUrl(f, {}));
    assert.ok(location(remembered).startsWith(`${CALLBACK}?code=`), location(remembered));

    await assert.rejects(
      anonymous.send(new idp.InitiateAuthCommand({ ClientId: f.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } })),
      { name: "NotAuthorizedException" },
    );
  });

  test("idp_identifier names the provider too; the implicit flow gets tokens in the fragment", async () => {
    const f = await federation();
    const browser = new Browser(h.gateway.url);
    const atIdp = await toIdentityProvider(browser, f, { idp_identifier: "partner.example.test", response_type: "token" });
    const signedIn = await browser.submit(await browser.get(location(atIdp)), { username: "ada", password: PASSWORD });
    const back = await browser.get(location(signedIn));
    const url = new URL(location(back));
    assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.equal(fragment.get("state"), "st-1");
    assert.equal(decodeJwt(fragment.get("id_token")!)["cognito:username"], `Partner_${f.idpUserSub}`);
  });

  test("errors: the provider's error goes back to the app; an unknown provider; a state from another browser; a disabled federated user", async () => {
    const f = await federation();
    // A refuses the scope B asks for: A sends its error to B's idpresponse, and B on to the app.
    await admin.send(new idp.UpdateIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Partner", ProviderDetails: oidcDetails(f, { authorize_scopes: "openid phone" }) }));
    const browser = new Browser(h.gateway.url);
    const refused = await toIdentityProvider(browser, f, { identity_provider: "Partner" }, "openid phone");
    assert.ok(location(refused).startsWith(`${issuer(f.poolId)}/oauth2/idpresponse?`), location(refused));
    assert.equal(new URL(location(refused)).searchParams.get("error"), "invalid_scope");
    const back = new URL(location(await browser.get(location(refused))));
    assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
    assert.equal(back.searchParams.get("error"), "invalid_scope");
    assert.equal(back.searchParams.get("state"), "st-1");
    assert.equal(back.searchParams.get("code"), null);

    const unknown = new URL(location(await browser.get(authorizeUrl(f, { identity_provider: "Nobody" }))));
    assert.equal(`${unknown.origin}${unknown.pathname}`, CALLBACK);
    assert.equal(unknown.searchParams.get("error"), "invalid_request");
    assert.equal(unknown.searchParams.get("state"), "st-1");

    // The state is bound to the browser that started the sign-in: another browser's callback is refused.
    await admin.send(new idp.UpdateIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Partner", ProviderDetails: oidcDetails(f) }));
    const atIdp = await toIdentityProvider(browser, f);
    const toB = await browser.submit(await browser.get(location(atIdp)), { username: "ada", password: PASSWORD });
    const stranger = await new Browser(h.gateway.url).get(location(toB));
    assert.equal(stranger.status, 400);
    assert.equal(stranger.headers.get("location"), null);
    assert.match(await stranger.text(), /invalid or has expired/);

    // A disabled federated user is refused at their next sign-in.
    codeOf(await browser.get(location(toB)));
    await admin.send(new idp.AdminDisableUserCommand({ UserPoolId: f.poolId, Username: `Partner_${f.idpUserSub}` }));
    const disabled = await federatedSignIn(browser, f);
    assert.equal(disabled.searchParams.get("error"), "invalid_request");
    assert.equal(disabled.searchParams.get("error_description"), "User is disabled.");
  });

  test("a client that supports only the provider shows no password form and refuses a password posted anyway", async () => {
    const f = await federation();
    const { UserPoolClient } = await admin.send(
      new idp.CreateUserPoolClientCommand({
        UserPoolId: f.poolId,
        ClientName: "partner-only",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ["Partner"],
      }),
    );
    const partnerOnly = { ...f, clientId: UserPoolClient!.ClientId! };
    const browser = new Browser(h.gateway.url);
    const start = await browser.get(authorizeUrl(partnerOnly, { scope: "openid" }));
    const html = await (await browser.get(location(start))).text();
    assert.match(html, /Sign in with Partner/);
    assert.doesNotMatch(html, /<form/);

    // A form (and its CSRF token) from the pool's other client, posted for this one.
    const other = formOf(await (await browser.get(location(await browser.get(authorizeUrl(f, {}))))).text());
    const action = new URL(other.action, h.gateway.url);
    action.searchParams.set("client_id", partnerOnly.clientId);
    action.searchParams.set("scope", "openid");
    const refused = await browser.post(action.toString(), { ...other.hidden, username: "ada", password: PASSWORD });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /does not allow signing in with a username and password/);
  });
});

/** The events a trigger function logged (`TRIGGER {json}` lines), once there are `count` of them. */
async function triggerEvents(functionName: string, count: number): Promise<Record<string, string>[]> {
  return waitFor(`${count} trigger events of ${functionName}`, async () => {
    const found = await h.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: "TRIGGER" })).catch(() => ({ events: [] }));
    const events = (found.events ?? []).flatMap((e) => {
      const at = e.message?.indexOf("TRIGGER ") ?? -1;
      return at < 0 ? [] : [JSON.parse(e.message!.slice(at + 8)) as Record<string, string>];
    });
    return events.length >= count ? events : undefined;
  });
}

const attributesOf = (user: idp.AdminGetUserCommandOutput) => Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));

describe("Lambda triggers on a federated sign-in", () => {
  test("PreSignUp_ExternalProvider and PostConfirmation at the first sign-in, PostAuthentication at every one", async () => {
    const fn = await nodeFunction(
      h,
      `exports.handler = async (event) => {
        const a = event.request.userAttributes;
        console.log("TRIGGER " + JSON.stringify({ source: event.triggerSource, userName: event.userName, clientId: event.callerContext.clientId, email: a.email, status: a["cognito:user_status"] }));
        if (event.triggerSource === "PreSignUp_ExternalProvider") event.response.autoVerifyEmail = true;
        return event;
      };`,
    );
    const f = await federation({ PreSignUp: fn.arn, PostConfirmation: fn.arn, PostAuthentication: fn.arn });
    const browser = new Browser(h.gateway.url);
    await exchange(f, await federatedSignIn(browser, f));
    await exchange(f, await federatedSignIn(browser, f));
    const username = `Partner_${f.idpUserSub}`;
    const user = await admin.send(new idp.AdminGetUserCommand({ UserPoolId: f.poolId, Username: username }));
    assert.equal(attributesOf(user).email_verified, "true", "PreSignUp's autoVerifyEmail applies to the new federated user");

    const events = await triggerEvents(fn.name, 4);
    const count = (source: string) => events.filter((e) => e.source === source).length;
    assert.deepEqual(
      [count("PreSignUp_ExternalProvider"), count("PostConfirmation_ConfirmSignUp"), count("PostAuthentication_Authentication")],
      [1, 1, 2],
      JSON.stringify(events),
    );
    for (const event of events) {
      assert.equal(event.userName, username);
      assert.equal(event.clientId, f.clientId);
      assert.equal(event.email, "ada@partner.example.test", "the mapped attributes");
    }
    assert.equal(events.find((e) => e.source === "PostConfirmation_ConfirmSignUp")?.status, "EXTERNAL_PROVIDER");
  });

  test("a PreSignUp error refuses the first sign-in, back to the app, creating no user", async () => {
    const fn = await nodeFunction(h, `exports.handler = async (event) => { throw new Error("Partner users must be invited"); };`);
    const f = await federation({ PreSignUp: fn.arn });
    const refused = await federatedSignIn(new Browser(h.gateway.url), f);
    assert.equal(`${refused.origin}${refused.pathname}`, CALLBACK);
    assert.equal(refused.searchParams.get("error"), "invalid_request");
    assert.equal(refused.searchParams.get("error_description"), "PreSignUp failed with error Partner users must be invited.");
    assert.equal(refused.searchParams.get("state"), "st-1");
    assert.equal(refused.searchParams.get("code"), null);
    const { Users } = await admin.send(new idp.ListUsersCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(Users, []);
    const { Groups } = await admin.send(new idp.ListGroupsCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(Groups, []);
  });
});

describe("federated users' group, links and attributes", () => {
  test("the first federated sign-in creates the provider's group and puts the user in it: cognito:groups names it", async () => {
    const f = await federation();
    const group = `${f.poolId}_Partner`;
    const tokens = await exchange(f, await federatedSignIn(new Browser(h.gateway.url), f));
    assert.deepEqual(decodeJwt(tokens.id_token as string)["cognito:groups"], [group]);
    assert.deepEqual(decodeJwt(tokens.access_token as string)["cognito:groups"], [group]);
    const { Groups } = await admin.send(new idp.ListGroupsCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(Groups?.map((g) => [g.GroupName, g.Description]), [[group, "Autogenerated group for users who sign in using Partner"]]);
    const { Users } = await admin.send(new idp.ListUsersInGroupCommand({ UserPoolId: f.poolId, GroupName: group }));
    assert.deepEqual(Users?.map((u) => u.Username), [`Partner_${f.idpUserSub}`]);
  });

  test("AdminLinkProviderForUser: the provider's user signs in as the linked native user; AdminDisableProviderForUser unlinks", async () => {
    const f = await federation();
    await admin.send(
      new idp.AdminCreateUserCommand({ UserPoolId: f.poolId, Username: "grace", MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: "grace@app.example.test" }] }),
    );
    await admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: f.poolId, Username: "grace", Password: PASSWORD, Permanent: true }));
    await admin.send(new idp.AdminCreateUserCommand({ UserPoolId: f.poolId, Username: "henry", MessageAction: "SUPPRESS" }));
    const source = { ProviderName: "Partner", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: f.idpUserSub };
    const link = (DestinationUser: idp.ProviderUserIdentifierType, SourceUser: idp.ProviderUserIdentifierType = source) =>
      admin.send(new idp.AdminLinkProviderForUserCommand({ UserPoolId: f.poolId, DestinationUser, SourceUser }));

    await link({ ProviderName: "Cognito", ProviderAttributeValue: "grace" });
    const linked = JSON.parse(attributesOf(await admin.send(new idp.AdminGetUserCommand({ UserPoolId: f.poolId, Username: "grace" }))).identities!) as Record<string, unknown>[];
    assert.deepEqual(linked.map((i) => ({ ...i, dateCreated: typeof i.dateCreated })), [
      { userId: f.idpUserSub, providerName: "Partner", providerType: "OIDC", issuer: null, primary: false, dateCreated: "number" },
    ]);
    await link({ ProviderName: "Cognito", ProviderAttributeValue: "grace" });

    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "henry" }), { name: "AliasExistsException" });
    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "nobody" }), { name: "UserNotFoundException" });
    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "henry" }, { ProviderName: "Cognito", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "grace" }), {
      name: "InvalidParameterException",
      message: /Cognito users with username\/password may not be passed in as a SourceUser/,
    });
    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "henry" }, { ...source, ProviderName: "Nobody" }), { name: "InvalidParameterException" });
    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "henry" }, { ...source, ProviderAttributeName: "email" }), { name: "InvalidParameterException" });

    // ada signs in at Partner and arrives as grace: no federated user, and not in the provider's group.
    const browser = new Browser(h.gateway.url);
    const tokens = await exchange(f, await federatedSignIn(browser, f));
    const id = decodeJwt(tokens.id_token as string);
    assert.equal(id["cognito:username"], "grace");
    assert.equal(id.email, "ada@partner.example.test", "the mapping applies to the linked user");
    assert.deepEqual((id.identities as Record<string, unknown>[]).map((i) => [i.providerName, i.userId, i.primary]), [["Partner", f.idpUserSub, "false"]]);
    assert.equal(id["cognito:groups"], undefined);
    const { Users } = await admin.send(new idp.ListUsersCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(Users?.map((u) => u.Username).sort(), ["grace", "henry"]);

    // Unlinked, the identity's next sign-in makes a federated user of its own, which can no longer be linked.
    await admin.send(new idp.AdminDisableProviderForUserCommand({ UserPoolId: f.poolId, User: source }));
    assert.equal(attributesOf(await admin.send(new idp.AdminGetUserCommand({ UserPoolId: f.poolId, Username: "grace" }))).identities, undefined);
    const own = await exchange(f, await federatedSignIn(browser, f));
    const username = `Partner_${f.idpUserSub}`;
    assert.equal(decodeJwt(own.id_token as string)["cognito:username"], username);
    await assert.rejects(link({ ProviderName: "Cognito", ProviderAttributeValue: "grace" }), {
      name: "InvalidParameterException",
      message: "Merging is not currently supported, provide a SourceUser that has not been used to sign in",
    });

    // Disabling the provider for a federated user disables them; for a native user (Cognito), their password sign-in.
    await admin.send(new idp.AdminDisableProviderForUserCommand({ UserPoolId: f.poolId, User: source }));
    assert.equal((await admin.send(new idp.AdminGetUserCommand({ UserPoolId: f.poolId, Username: username }))).Enabled, false);
    const signIn = () => anonymous.send(new idp.InitiateAuthCommand({ ClientId: f.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "grace", PASSWORD } }));
    assert.ok((await signIn()).AuthenticationResult?.IdToken);
    await admin.send(new idp.AdminDisableProviderForUserCommand({ UserPoolId: f.poolId, User: { ProviderName: "Cognito", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "grace" } }));
    await assert.rejects(signIn(), { name: "NotAuthorizedException" });
    await assert.rejects(
      admin.send(new idp.AdminDisableProviderForUserCommand({ UserPoolId: f.poolId, User: { ...source, ProviderAttributeValue: "never-signed-in" } })),
      { name: "UserNotFoundException" },
    );
  });

  test("identities is in the pool's schema and written only by Cognito; a federated user's password cannot be set", async () => {
    const f = await federation();
    const { UserPool } = await admin.send(new idp.DescribeUserPoolCommand({ UserPoolId: f.poolId }));
    assert.deepEqual(UserPool?.SchemaAttributes?.find((a) => a.Name === "identities"), {
      Name: "identities",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: {},
    });
    await exchange(f, await federatedSignIn(new Browser(h.gateway.url), f));
    const username = `Partner_${f.idpUserSub}`;
    await assert.rejects(admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: f.poolId, Username: username, Password: PASSWORD, Permanent: true })), {
      name: "InvalidParameterException",
      message: /external identity provider/,
    });
    await assert.rejects(admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: f.poolId, Username: username, Password: PASSWORD })), { name: "InvalidParameterException" });
    await assert.rejects(
      admin.send(new idp.AdminUpdateUserAttributesCommand({ UserPoolId: f.poolId, Username: username, UserAttributes: [{ Name: "identities", Value: "[]" }] })),
      { name: "InvalidParameterException" },
    );
    await assert.rejects(admin.send(new idp.UpdateIdentityProviderCommand({ UserPoolId: f.poolId, ProviderName: "Partner", AttributeMapping: { identities: "sub" } })), {
      name: "InvalidParameterException",
    });
  });
});

describe("the provider's key set", () => {
  test("a jwks_uri given is used rather than discovery's; a key set that cannot be fetched is told apart from a token it refuses", async () => {
    const f = await federation();
    const { UserPool: other } = await admin.send(new idp.CreateUserPoolCommand({ PoolName: `other-${Date.now()}` }));
    const pinned = (jwks_uri: string) =>
      admin.send(
        new idp.UpdateIdentityProviderCommand({
          UserPoolId: f.poolId,
          ProviderName: "Partner",
          // Every endpoint given: nothing is discovered, then or at sign-in.
          ProviderDetails: oidcDetails(f, { authorize_url: `${issuer(f.idpPoolId)}/oauth2/authorize`, token_url: `${issuer(f.idpPoolId)}/oauth2/token`, jwks_uri }),
        }),
      );
    const browser = new Browser(h.gateway.url);

    await pinned(`${issuer(other!.Id!)}/.well-known/jwks.json`);
    const wrongKeys = await federatedSignIn(browser, f);
    assert.equal(wrongKeys.searchParams.get("error"), "invalid_request");
    assert.match(wrongKeys.searchParams.get("error_description") ?? "", /no applicable key/);

    await pinned("http://127.0.0.1:9/jwks.json");
    const unreachable = await federatedSignIn(browser, f);
    assert.equal(unreachable.searchParams.get("error"), "temporarily_unavailable");
    assert.match(unreachable.searchParams.get("error_description") ?? "", /Could not fetch the key set at http:\/\/127\.0\.0\.1:9\/jwks\.json/);

    await pinned(`${issuer(f.idpPoolId)}/.well-known/jwks.json`);
    const tokens = await exchange(f, await federatedSignIn(browser, f));
    assert.equal(decodeJwt(tokens.id_token as string)["cognito:username"], `Partner_${f.idpUserSub}`);
  });
});

function codeOf(res: Response): string {
  assert.equal(res.status, 302);
  const url = new URL(location(res));
  assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
  return url.searchParams.get("code")!;
}
