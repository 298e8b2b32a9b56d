/** Multi-factor sign-in through the hosted UI, driven as a browser would: authenticator and SMS codes, setting up an authenticator, and the step between pages. */
import assert from "node:assert/strict";
import { after, before, describe, mock, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { generate } from "otplib";
import { authorizeUrl, CALLBACK, type CognitoHarness, codeOf, formOf, hostedSignIn, location, type OAuthApp, startCognito } from "./harness";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

const PASSWORD = "Mfa-password-1";

/** An authenticator app's current code for a base32 secret (otplib, as phones compute it). */
const totp = (secret: string) => generate({ secret });

/** Another six digits than `code`. */
const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

async function passwordUser(app: OAuthApp, username: string, attributes: idp.AttributeType[] = []): Promise<void> {
  await h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: app.poolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: attributes }));
  await h.admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: app.poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

/** The user the app's code was issued for, by exchanging it at the token endpoint. */
async function usernameOf(app: OAuthApp, code: string): Promise<string> {
  const { status, body } = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code, redirect_uri: CALLBACK });
  assert.equal(status, 200, JSON.stringify(body));
  return decodeJwt(body.id_token as string)["cognito:username"] as string;
}

const AUTHENTICATOR_PROMPT = /Enter the code from your authenticator app\./;

/** A user of an OPTIONAL-MFA pool whose authenticator (verified, preferred) was set up through the API; returns its secret. */
async function userWithAuthenticator(app: OAuthApp, username: string): Promise<string> {
  await passwordUser(app, username);
  // Without a factor yet, optional MFA signs the user straight in.
  const code = codeOf(await hostedSignIn(h.browser(), app, { scope: "openid aws.cognito.signin.user.admin" }, username, PASSWORD));
  const { body } = await h.tokenRequest(app, { grant_type: "authorization_code", client_id: app.clientId, code, redirect_uri: CALLBACK });
  const AccessToken = body.access_token as string;
  const { SecretCode } = await h.anonymous.send(new idp.AssociateSoftwareTokenCommand({ AccessToken }));
  await h.anonymous.send(new idp.VerifySoftwareTokenCommand({ AccessToken, UserCode: await totp(SecretCode!) }));
  await h.anonymous.send(new idp.SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return SecretCode!;
}

const adminScopes = { AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"] };

describe("authenticator app (SOFTWARE_TOKEN_MFA)", () => {
  test("a correct password leads to the code page; a wrong code is refused with Cognito's message, the right one signs in", async () => {
    const app = await h.oauthApp(adminScopes, { MfaConfiguration: "OPTIONAL" });
    const secret = await userWithAuthenticator(app, "tina");

    const browser = h.browser();
    const asked = await hostedSignIn(browser, app, { scope: "openid" }, "tina", PASSWORD);
    assert.equal(asked.status, 200);
    assert.ok(!browser.has("cognito"), "not signed in on the password alone");
    const page = await asked.text();
    assert.match(page, AUTHENTICATOR_PROMPT);
    assert.match(formOf(page).action, new RegExp(`^/${app.poolId}/mfa\\?`));

    const refused = await browser.submit(page, { code: wrong(await totp(secret)) });
    assert.equal(refused.status, 400);
    const refusedPage = await refused.text();
    assert.match(refusedPage, /Invalid code received for user/);
    assert.ok(!browser.has("cognito"));

    const back = await browser.submit(refusedPage, { code: await totp(secret) });
    assert.equal(await usernameOf(app, codeOf(back)), "tina");
    assert.ok(browser.has("cognito"), "the hosted UI remembers the sign-in");
    codeOf(await browser.get(authorizeUrl(app, { scope: "openid" })));
  });

  test("the step is good only in its own browser, for its own request, unforged and in time: otherwise sign-in starts over", async () => {
    const app = await h.oauthApp(adminScopes, { MfaConfiguration: "OPTIONAL" });
    const secret = await userWithAuthenticator(app, "uli");
    const browser = h.browser();
    const page = await (await hostedSignIn(browser, app, { scope: "openid" }, "uli", PASSWORD)).text();
    const form = formOf(page);
    const startsOver = (res: Response, why: string) => {
      assert.equal(res.status, 302, why);
      assert.match(location(res), new RegExp(`^/${app.poolId}/login\\?.*notice=expired`), why);
    };

    const step = form.hidden.step!;
    const flipped = `${step.slice(0, 40)}${step[40] === "A" ? "B" : "A"}${step.slice(41)}`;
    startsOver(await browser.post(form.action, { ...form.hidden, step: flipped, code: await totp(secret) }), "a forged step");

    const otherRequest = form.action.replace("state=st-1", "state=st-2");
    assert.notEqual(otherRequest, form.action);
    startsOver(await browser.post(otherRequest, { ...form.hidden, code: await totp(secret) }), "another authorization request");

    const stranger = h.browser();
    const strangerLogin = await stranger.get(location(await stranger.get(authorizeUrl(app, { scope: "openid" }))));
    const strangerCsrf = formOf(await strangerLogin.text()).hidden._csrf!;
    startsOver(await stranger.post(form.action, { ...form.hidden, _csrf: strangerCsrf, code: await totp(secret) }), "another browser");

    const code = await totp(secret);
    // The step lasts as long as the user pool's challenge session (the client's AuthSessionValidity, 3 minutes).
    mock.timers.enable({ apis: ["Date"], now: Date.now() + 4 * 60_000 });
    try {
      startsOver(await browser.submit(page, { code }), "an expired step");
    } finally {
      mock.timers.reset();
    }
    assert.ok(!browser.has("cognito"));

    startsOver(await browser.get(form.action), "the page without its step");
    codeOf(await browser.submit(page, { code: await totp(secret) }));
  });
});

describe("SMS (SMS_MFA)", () => {
  test("the code goes to the phone through the outbox, the page names the masked number; after five wrong codes even the right one fails", async () => {
    const app = await h.oauthApp({}, { MfaConfiguration: "OPTIONAL" });
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    await passwordUser(app, "sid", [{ Name: "phone_number", Value: phone }, { Name: "phone_number_verified", Value: "true" }]);
    await h.admin.send(new idp.AdminSetUserMFAPreferenceCommand({ UserPoolId: app.poolId, Username: "sid", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const browser = h.browser();
    const asked = await hostedSignIn(browser, app, { scope: "openid" }, "sid", PASSWORD);
    assert.equal(asked.status, 200);
    let page = await asked.text();
    assert.match(page, new RegExp(`We have delivered the authentication code by SMS to \\+\\*{7}${phone.slice(-4)}\\.`));
    const sent = await h.code(phone);

    for (let attempt = 1; attempt <= 5; attempt++) {
      const refused = await browser.submit(page, { code: wrong(sent) });
      assert.equal(refused.status, 400);
      page = await refused.text();
      assert.match(page, /Invalid code or auth state for the user\./);
    }
    const spent = await browser.submit(page, { code: sent });
    assert.equal(spent.status, 400, "the code is spent after five wrong attempts, as for RespondToAuthChallenge");
    assert.match(await spent.text(), /Invalid code or auth state for the user\./);

    const again = await (await hostedSignIn(browser, app, { scope: "openid" }, "sid", PASSWORD)).text();
    const resent = await h.code(phone);
    assert.equal(await usernameOf(app, codeOf(await browser.submit(again, { code: resent }))), "sid");
  });
});

describe("setting up an authenticator (MFA_SETUP)", () => {
  test("MFA on, no factor: after the new password, the secret and its URI, a wrong code, the right one; the next sign-in asks for the authenticator", async () => {
    const app = await h.oauthApp({}, { MfaConfiguration: "ON" });
    await h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: app.poolId, Username: "vera", TemporaryPassword: "Temp-pass-123", MessageAction: "SUPPRESS" }));
    const browser = h.browser();
    const newPassword = await hostedSignIn(browser, app, { scope: "openid" }, "vera", "Temp-pass-123");
    assert.match(await newPassword.clone().text(), /Change password/);

    const setup = await browser.submit(newPassword, { password: PASSWORD });
    assert.equal(setup.status, 200);
    const page = await setup.text();
    const secret = /<p class="secret">([A-Z2-7]{32})<\/p>/.exec(page)?.[1];
    assert.ok(secret, "the page shows the authenticator's secret key");
    const uri = /<p class="secret">(otpauth:\/\/[^<]*)<\/p>/.exec(page)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(uri, "and its otpauth:// URI");
    const parsed = new URL(uri);
    assert.equal(`${parsed.host}${decodeURIComponent(parsed.pathname)}`, `totp/${(await h.admin.send(new idp.DescribeUserPoolCommand({ UserPoolId: app.poolId }))).UserPool!.Name}:vera`);
    assert.equal(parsed.searchParams.get("secret"), secret);

    const refused = await browser.submit(page, { code: wrong(await totp(secret)) });
    assert.equal(refused.status, 400);
    const refusedPage = await refused.text();
    assert.match(refusedPage, /Code mismatch/);
    assert.ok(refusedPage.includes(secret), "the same secret is shown again");

    assert.equal(await usernameOf(app, codeOf(await browser.submit(refusedPage, { code: await totp(secret) }))), "vera");
    const user = await h.admin.send(new idp.AdminGetUserCommand({ UserPoolId: app.poolId, Username: "vera" }));
    assert.deepEqual([user.UserStatus, user.UserMFASettingList], ["CONFIRMED", ["SOFTWARE_TOKEN_MFA"]]);

    const next = h.browser();
    const asked = await (await hostedSignIn(next, app, { scope: "openid" }, "vera", PASSWORD)).text();
    assert.match(asked, AUTHENTICATOR_PROMPT);
    codeOf(await next.submit(asked, { code: await totp(secret) }));
  });

  test("a user who signs up on a pool with MFA on confirms, then sets up an authenticator before being signed in", async () => {
    const app = await h.oauthApp({}, { MfaConfiguration: "ON" });
    const email = `wyn-${Date.now()}@example.test`;
    const browser = h.browser();
    const login = await browser.get(location(await browser.get(authorizeUrl(app, { scope: "openid" }))));
    const signUp = await browser.get(formOf(await login.text()).action.replace("/login?", "/signup?"));
    const confirm = await browser.submit(signUp, { username: "wyn", email, password: PASSWORD });
    assert.equal(confirm.status, 200);
    const confirmed = await browser.submit(confirm, { code: await h.code(email) });
    assert.equal(confirmed.status, 200);
    assert.ok(!browser.has("cognito"), "not signed in without the second factor");

    const setup = await confirmed.text();
    const secret = /<p class="secret">([A-Z2-7]{32})<\/p>/.exec(setup)?.[1];
    assert.ok(secret);
    assert.equal(await usernameOf(app, codeOf(await browser.submit(setup, { code: await totp(secret) }))), "wyn");
  });
});
