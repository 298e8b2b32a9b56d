/** The hosted UI and OAuth 2.0 endpoints, driven as a browser and an app would: plain fetch, no redirects followed. */
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { authorizeUrl, CALLBACK, codeOf, formOf, hostedSignIn, location, type OAuthApp, SIGNED_OUT, startCognito, type CognitoHarness, unescapeHtml } from "./harness";

// The console's address: the one origin the hosted pages let frame them (its sign-in page preview).
process.env.NEXTAUTH_URL = "http://console.example.test:3000/stratus/";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

const PASSWORD = "Correct-horse-9";
const API = "https://api.example.test";

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function confirmedUser(app: OAuthApp, username: string, email: string): Promise<void> {
  const SecretHash = app.clientSecret ? createHmac("sha256", app.clientSecret).update(username + app.clientId).digest("base64") : undefined;
  await h.anonymous.send(new idp.SignUpCommand({ ClientId: app.clientId, SecretHash, Username: username, Password: PASSWORD, UserAttributes: [{ Name: "email", Value: email }] }));
  await h.anonymous.send(new idp.ConfirmSignUpCommand({ ClientId: app.clientId, SecretHash, Username: username, ConfirmationCode: await h.code(email) }));
}

describe("resource servers", () => {
  test("Create, Describe, List, Update and Delete ResourceServer, with Cognito's errors", async () => {
    const { poolId } = await h.oauthApp();
    const created = await h.admin.send(
      new idp.CreateResourceServerCommand({ UserPoolId: poolId, Identifier: API, Name: "orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read orders" }] }),
    );
    assert.deepEqual(created.ResourceServer, { UserPoolId: poolId, Identifier: API, Name: "orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read orders" }] });
    await assert.rejects(h.admin.send(new idp.CreateResourceServerCommand({ UserPoolId: poolId, Identifier: API, Name: "again" })), { name: "InvalidParameterException" });
    await h.admin.send(new idp.CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "billing", Name: "billing" }));
    const described = await h.admin.send(new idp.DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: API }));
    assert.equal(described.ResourceServer?.Name, "orders");
    const firstPage = await h.admin.send(new idp.ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    assert.equal(firstPage.ResourceServers?.length, 1);
    const secondPage = await h.admin.send(new idp.ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: firstPage.NextToken }));
    assert.deepEqual([...firstPage.ResourceServers!, ...secondPage.ResourceServers!].map((s) => s.Identifier).sort(), ["billing", API].sort());
    assert.equal(secondPage.NextToken, undefined);
    const updated = await h.admin.send(
      new idp.UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: API, Name: "orders v2", Scopes: [{ ScopeName: "write", ScopeDescription: "Write orders" }] }),
    );
    assert.deepEqual(updated.ResourceServer?.Scopes, [{ ScopeName: "write", ScopeDescription: "Write orders" }]);
    await assert.rejects(
      h.admin.send(new idp.UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: API, Name: "dup", Scopes: [{ ScopeName: "a", ScopeDescription: "a" }, { ScopeName: "a", ScopeDescription: "b" }] })),
      { name: "InvalidParameterException" },
    );
    await h.admin.send(new idp.DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: API }));
    await assert.rejects(h.admin.send(new idp.DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: API })), { name: "ResourceNotFoundException" });
    await assert.rejects(h.admin.send(new idp.DescribeResourceServerCommand({ UserPoolId: "us-east-1_nothere00", Identifier: API })), { name: "ResourceNotFoundException" });
  });
});

describe("authorization code flow", () => {
  test("authorize → sign-in page → code → token exchange with PKCE → tokens verify against the JWKS → userInfo; a code works once", async () => {
    const app = await h.oauthApp({ GenerateSecret: true });
    const email = `ada-${Date.now()}@example.test`;
    await confirmedUser(app, "ada", email);

    const config = (await (await fetch(`${h.gateway.url}/${app.poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const issuer = `http://localhost:4566/${app.poolId}`;
    assert.equal(config.authorization_endpoint, `${issuer}/oauth2/authorize`);
    assert.equal(config.token_endpoint, `${issuer}/oauth2/token`);
    assert.equal(config.userinfo_endpoint, `${issuer}/oauth2/userInfo`);
    assert.deepEqual(config.response_types_supported, ["code", "token"]);

    const browser = h.browser();
    const { verifier, challenge } = pkce();
    const back = await hostedSignIn(browser, app, { scope: "openid email profile", nonce: "n-0S6", code_challenge: challenge, code_challenge_method: "S256" }, "ada", PASSWORD);
    const code = codeOf(back);
    assert.ok(browser.has("cognito"), "the hosted UI remembers the sign-in");
    assert.match(back.headers.getSetCookie().find((c) => c.startsWith("cognito="))!, new RegExp(`Path=/${app.poolId}; HttpOnly; SameSite=Lax`));

    const exchange = { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier };
    const { status, body } = await h.tokenRequest(app, exchange, `${app.clientId}:${app.clientSecret}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 3600);
    assert.equal(typeof body.refresh_token, "string");

    const jwks = createRemoteJWKSet(new URL(`${h.gateway.url}/${app.poolId}/.well-known/jwks.json`));
    const id = await jwtVerify(body.id_token as string, jwks, { issuer, audience: app.clientId });
    assert.equal(id.payload.nonce, "n-0S6");
    assert.equal(id.payload.email, email);
    assert.equal(id.payload["cognito:username"], "ada");
    const access = await jwtVerify(body.access_token as string, jwks, { issuer });
    assert.equal(access.payload.scope, "openid email profile");
    assert.equal(access.payload.token_use, "access");

    const info = await fetch(`${h.gateway.url}/${app.poolId}/oauth2/userInfo`, { headers: { authorization: `Bearer ${body.access_token as string}` } });
    assert.equal(info.status, 200);
    assert.deepEqual(await info.json(), { sub: id.payload.sub, email, email_verified: "true", username: "ada" });
    const bad = await fetch(`${h.gateway.url}/${app.poolId}/oauth2/userInfo`, { headers: { authorization: "Bearer not-a-token" } });
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get("www-authenticate") ?? "", /^Bearer error="invalid_token"/);

    const reused = await h.tokenRequest(app, exchange, `${app.clientId}:${app.clientSecret}`);
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, "invalid_grant");

    // The refresh token keeps the granted scopes; no new refresh token comes back.
    const refreshed = await h.tokenRequest(app, { grant_type: "refresh_token", refresh_token: body.refresh_token as string, client_id: app.clientId, client_secret: app.clientSecret! });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.refresh_token, undefined);
    assert.equal(decodeJwt(refreshed.body.access_token as string).scope, "openid email profile");
    assert.equal(typeof refreshed.body.id_token, "string");
    const wrongSecret = await h.tokenRequest(app, { grant_type: "refresh_token", refresh_token: body.refresh_token as string }, `${app.clientId}:wrong`);
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, "invalid_client");
  });

  test("the session cookie skips the sign-in page; a wrong PKCE verifier or redirect_uri fails; logout ends the session", async () => {
    const app = await h.oauthApp();
    await confirmedUser(app, "bo", `bo-${Date.now()}@example.test`);
    const browser = h.browser();
    codeOf(await hostedSignIn(browser, app, { scope: "openid" }, "bo", PASSWORD));

    const { verifier, challenge } = pkce();
    const again = await browser.get(authorizeUrl(app, { scope: "openid", code_challenge: challenge, code_challenge_method: "S256" }));
    const code = codeOf(again);
    const wrong = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code, redirect_uri: CALLBACK, code_verifier: `${verifier}x` });
    assert.deepEqual([wrong.status, wrong.body.error], [400, "invalid_grant"]);

    const other = codeOf(await browser.get(authorizeUrl(app, { scope: "openid" })));
    const otherRedirect = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code: other, redirect_uri: "https://app.example.test/other" });
    assert.equal(otherRedirect.body.error, "invalid_grant");

    const withoutOpenid = codeOf(await browser.get(authorizeUrl(app, { scope: "email" })));
    const exchanged = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code: withoutOpenid, redirect_uri: CALLBACK });
    assert.equal(exchanged.status, 200);
    assert.equal(exchanged.body.id_token, undefined, "no ID token without openid");
    const info = await fetch(`${h.gateway.url}/${app.poolId}/oauth2/userInfo`, { method: "POST", headers: { authorization: `Bearer ${exchanged.body.access_token as string}` } });
    assert.equal(info.status, 403);

    const refusedLogout = await browser.get(`/${app.poolId}/logout?client_id=${app.clientId}&logout_uri=${encodeURIComponent("https://evil.example.test/")}`);
    assert.equal(refusedLogout.status, 400);
    assert.equal(refusedLogout.headers.get("location"), null);
    const out = await browser.get(`/${app.poolId}/logout?client_id=${app.clientId}&logout_uri=${encodeURIComponent(SIGNED_OUT)}`);
    assert.equal(out.status, 302);
    assert.equal(location(out), SIGNED_OUT);
    assert.ok(!browser.has("cognito"));
    const afterLogout = await browser.get(authorizeUrl(app, { scope: "openid" }));
    assert.ok(location(afterLogout).startsWith(`/${app.poolId}/login?`));
  });

  test("refusals: an unregistered redirect_uri is an error page (never a redirect), others go back to the app; CSRF; wrong passwords; escaping; framing by the console only", async () => {
    const app = await h.oauthApp({ AllowedOAuthFlows: ["code"] });
    await confirmedUser(app, "cy", `cy-${Date.now()}@example.test`);
    const browser = h.browser();

    const mismatch = await browser.get(authorizeUrl(app, { redirect_uri: "https://evil.example.test/steal" }));
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.headers.get("location"), null);
    assert.match(await mismatch.text(), /redirect_mismatch/);
    const unknownClient = await browser.get(authorizeUrl({ ...app, clientId: "nosuchclient" }, {}));
    assert.equal(unknownClient.status, 400);

    const implicit = await browser.get(authorizeUrl(app, { response_type: "token" }));
    assert.equal(new URL(location(implicit)).hash, "#error=unauthorized_client&error_description=The+client+is+not+allowed+the+implicit+flow&state=st-1");
    const scope = new URL(location(await browser.get(authorizeUrl(app, { scope: "openid phone" }))));
    assert.equal(scope.searchParams.get("error"), "invalid_scope");
    assert.equal(scope.searchParams.get("state"), "st-1");

    const page = await browser.get(`/${app.poolId}/login?${new URLSearchParams({ client_id: app.clientId, redirect_uri: CALLBACK, response_type: "code", username: '"><script>alert(1)</script>' })}`);
    const html = await page.text();
    assert.ok(!html.includes("<script>"), "what the URL says is escaped");
    assert.match(html, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.equal(page.headers.get("content-security-policy"), "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors http://console.example.test:3000; base-uri 'none'");
    assert.equal(page.headers.get("x-frame-options"), "DENY", "browsers without frame-ancestors refuse every frame");

    const forged = await browser.post(formOf(html).action, { username: "cy", password: PASSWORD });
    assert.equal(forged.status, 403, "no CSRF token, no sign-in");
    assert.equal(forged.headers.get("location"), null);
    const stranger = h.browser();
    const crossSite = await stranger.post(formOf(html).action, { ...formOf(html).hidden, username: "cy", password: PASSWORD });
    assert.equal(crossSite.status, 403, "a token is good only with its own cookie");

    const wrong = await browser.submit(html, { username: "cy", password: "Wrong-pass-1" });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /Incorrect username or password\./);
    const unknown = await browser.submit(html, { username: "nobody", password: PASSWORD });
    assert.match(await unknown.text(), /Incorrect username or password\./);
  });

  test("an address that keeps failing on the sign-in page is refused for a while", async () => {
    const app = await h.oauthApp();
    await confirmedUser(app, "ed", `ed-${Date.now()}@example.test`);
    const browser = h.browser();
    const start = await browser.get(authorizeUrl(app, {}));
    let html = await (await browser.get(location(start))).text();
    for (let i = 0; i < 20; i++) {
      const failed = await browser.submit(html, { username: `guess-${i}`, password: "Wrong-pass-1" });
      html = await failed.text();
      assert.match(html, /Incorrect username or password\./);
    }
    const refused = await browser.submit(html, { username: "ed", password: PASSWORD });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /Too many failed attempts from this address/);
  });
});

describe("implicit flow", () => {
  test("response_type=token: tokens in the fragment, the ID token only with openid", async () => {
    const app = await h.oauthApp();
    await confirmedUser(app, "di", `di-${Date.now()}@example.test`);
    const back = await hostedSignIn(h.browser(), app, { response_type: "token", scope: "openid email", nonce: "nn" }, "di", PASSWORD);
    assert.equal(back.status, 302);
    const url = new URL(location(back));
    assert.equal(url.search, "");
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.deepEqual([...fragment.keys()], ["id_token", "access_token", "expires_in", "token_type", "state"]);
    assert.equal(fragment.get("token_type"), "Bearer");
    assert.equal(fragment.get("state"), "st-1");
    const id = decodeJwt(fragment.get("id_token")!);
    assert.equal(id.nonce, "nn");
    assert.equal(id["cognito:username"], "di");
    assert.equal(decodeJwt(fragment.get("access_token")!).scope, "openid email");
  });
});

describe("hosted UI pages", () => {
  test("sign-up → a wrong code, then the code from the outbox → signed in and back at the app", async () => {
    const app = await h.oauthApp({}, { UsernameAttributes: ["email"] });
    const email = `eve-${Date.now()}@example.test`;
    const browser = h.browser();
    const start = await browser.get(authorizeUrl(app, { scope: "openid" }));
    const login = await (await browser.get(location(start))).text();
    const signUpLink = /href="([^"]*\/signup\?[^"]*)"/.exec(login)?.[1];
    assert.ok(signUpLink);
    const signUpPage = await (await browser.get(unescapeHtml(signUpLink))).text();
    assert.match(signUpPage, /name="email" type="email"/);
    assert.doesNotMatch(signUpPage, /name="username"/, "the pool signs users up by email");

    const weak = await browser.submit(signUpPage, { email, password: "short" });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /Password did not conform with policy: Password not long enough/);

    const confirm = await browser.submit(signUpPage, { email, password: PASSWORD });
    assert.equal(confirm.status, 200);
    const confirmPage = await confirm.text();
    assert.match(confirmPage, /We have sent a code to e\*\*\*@e\*\*\*/);
    const sent = await h.code(email);
    const mistaken = await browser.submit(confirmPage, { code: sent === "000000" ? "111111" : "000000" });
    const mistakenPage = await mistaken.text();
    assert.match(mistakenPage, /Invalid verification code provided, please try again\./);

    const done = await browser.submit(mistakenPage, { code: sent });
    const code = codeOf(done);
    const { body } = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code, redirect_uri: CALLBACK });
    assert.equal(decodeJwt(body.id_token as string).email, email);
    const user = await h.admin.send(new idp.AdminGetUserCommand({ UserPoolId: app.poolId, Username: email }));
    assert.equal(user.UserStatus, "CONFIRMED");
  });

  test("a temporary password leads to the new-password page; forgot password resets it", async () => {
    const app = await h.oauthApp();
    const email = `fay-${Date.now()}@example.test`;
    await h.admin.send(
      new idp.AdminCreateUserCommand({
        UserPoolId: app.poolId,
        Username: "fay",
        TemporaryPassword: "Temp-pass-123",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }],
      }),
    );
    const browser = h.browser();
    const challenged = await hostedSignIn(browser, app, { scope: "openid" }, "fay", "Temp-pass-123");
    assert.equal(challenged.status, 200);
    const newPasswordPage = await challenged.text();
    assert.match(newPasswordPage, /Change password/);
    codeOf(await browser.submit(newPasswordPage, { password: PASSWORD }));

    const fresh = h.browser();
    const start = await fresh.get(authorizeUrl(app, { scope: "openid" }));
    const forgot = await fresh.get(location(start).replace("/login?", "/forgotPassword?"));
    const reset = await fresh.submit(forgot, { username: "fay" });
    const resetPage = await reset.text();
    assert.match(resetPage, /Reset your password/);
    const back = await fresh.submit(resetPage, { code: await h.code(email), password: "Another-pass-7" });
    assert.equal(back.status, 302);
    assert.match(location(back), /\/login\?.*notice=password_reset/);
    const loginPage = await fresh.get(location(back));
    const signedIn = await fresh.submit(loginPage, { username: "fay", password: "Another-pass-7" });
    codeOf(signedIn);
  });

  test("signing in unconfirmed leads to the confirm page, and confirming signs the user in", async () => {
    const app = await h.oauthApp();
    const email = `gil-${Date.now()}@example.test`;
    await h.anonymous.send(new idp.SignUpCommand({ ClientId: app.clientId, Username: "gil", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: email }] }));
    const browser = h.browser();
    const confirm = await hostedSignIn(browser, app, { scope: "openid" }, "gil", PASSWORD);
    assert.equal(confirm.status, 200);
    const page = await confirm.text();
    assert.match(page, /Confirm your account/);
    codeOf(await browser.submit(page, { code: await h.code(email) }));
  });
});

describe("client credentials", () => {
  test("a confidential client gets an access token for its resource server scopes", async () => {
    const app = await h.oauthApp({ GenerateSecret: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: [`${API}/read`, `${API}/write`], CallbackURLs: undefined });
    await h.admin.send(
      new idp.CreateResourceServerCommand({ UserPoolId: app.poolId, Identifier: API, Name: "orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }, { ScopeName: "write", ScopeDescription: "Write" }] }),
    );
    const basic = `${app.clientId}:${app.clientSecret}`;
    const { status, body } = await h.tokenRequest(app, { grant_type: "client_credentials", scope: `${API}/read` }, basic);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "token_type"]);
    const jwks = createRemoteJWKSet(new URL(`${h.gateway.url}/${app.poolId}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(body.access_token as string, jwks, { issuer: `http://localhost:4566/${app.poolId}` });
    assert.equal(payload.sub, app.clientId);
    assert.equal(payload.client_id, app.clientId);
    assert.equal(payload.token_use, "access");
    assert.equal(payload.scope, `${API}/read`);

    const all = await h.tokenRequest(app, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret! });
    assert.equal(decodeJwt(all.body.access_token as string).scope, `${API}/read ${API}/write`);
    const unknownScope = await h.tokenRequest(app, { grant_type: "client_credentials", scope: `${API}/delete` }, basic);
    assert.deepEqual([unknownScope.status, unknownScope.body.error], [400, "invalid_scope"]);
    const wrongSecret = await h.tokenRequest(app, { grant_type: "client_credentials" }, `${app.clientId}:not-the-secret`);
    assert.deepEqual([wrongSecret.status, wrongSecret.body.error], [401, "invalid_client"]);
    const unsupported = await h.tokenRequest(app, { grant_type: "password" }, basic);
    assert.equal(unsupported.body.error, "unsupported_grant_type");

    const publicApp = await h.oauthApp();
    const notAllowed = await h.tokenRequest(publicApp, { grant_type: "client_credentials", client_id: publicApp.clientId });
    assert.equal(notAllowed.body.error, "unauthorized_client");
  });
});
