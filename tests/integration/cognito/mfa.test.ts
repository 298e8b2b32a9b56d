import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { generate } from "otplib";
import { startCognito, type CognitoHarness } from "./harness";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

const PASSWORD = "Mfa-password-1";

async function confirmedUser(poolId: string, username: string, attributes: idp.AttributeType[] = []) {
  await h.admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: attributes }));
  await h.admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

const signIn = (clientId: string, username: string) =>
  h.anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));

/** An authenticator app's current code for a base32 secret (otplib, as phones compute it). */
const totp = (secret: string) => generate({ secret });

describe("TOTP MFA", () => {
  test("associate and verify an authenticator, prefer it, then sign-in asks for SOFTWARE_TOKEN_MFA and accepts only the right code", async () => {
    const { poolId, clientId } = await h.pool({ MfaConfiguration: "OPTIONAL" });
    await confirmedUser(poolId, "tom");
    const first = await signIn(clientId, "tom");
    assert.ok(first.AuthenticationResult, "optional MFA without a factor signs in directly");
    const accessToken = first.AuthenticationResult!.AccessToken!;

    const { SecretCode } = await h.anonymous.send(new idp.AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    assert.match(SecretCode!, /^[A-Z2-7]{32}$/);
    await assert.rejects(h.anonymous.send(new idp.VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: "000000" })), { name: "EnableSoftwareTokenMFAException" });
    const verified = await h.anonymous.send(new idp.VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: await totp(SecretCode!), FriendlyDeviceName: "phone" }));
    assert.equal(verified.Status, "SUCCESS");
    await h.anonymous.send(new idp.SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const user = await h.admin.send(new idp.AdminGetUserCommand({ UserPoolId: poolId, Username: "tom" }));
    assert.deepEqual([user.PreferredMfaSetting, user.UserMFASettingList], ["SOFTWARE_TOKEN_MFA", ["SOFTWARE_TOKEN_MFA"]]);

    const challenge = await signIn(clientId, "tom");
    assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
    assert.equal(challenge.AuthenticationResult, undefined);
    await assert.rejects(
      h.anonymous.send(new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "SOFTWARE_TOKEN_MFA", Session: challenge.Session, ChallengeResponses: { USERNAME: "tom", SOFTWARE_TOKEN_MFA_CODE: "123456" } })),
      { name: "CodeMismatchException" },
    );
    const answered = await h.anonymous.send(
      new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "SOFTWARE_TOKEN_MFA", Session: challenge.Session, ChallengeResponses: { USERNAME: "tom", SOFTWARE_TOKEN_MFA_CODE: await totp(SecretCode!) } }),
    );
    assert.ok(answered.AuthenticationResult?.AccessToken);
  });

  test("a pool with MFA on makes a user without a factor set one up (MFA_SETUP with the session)", async () => {
    const { poolId, clientId } = await h.pool({ MfaConfiguration: "ON" });
    await h.admin.send(new idp.SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }));
    assert.equal((await h.admin.send(new idp.GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).SoftwareTokenMfaConfiguration?.Enabled, true);
    await confirmedUser(poolId, "uma");
    const setup = await signIn(clientId, "uma");
    assert.equal(setup.ChallengeName, "MFA_SETUP");
    const { SecretCode, Session } = await h.anonymous.send(new idp.AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await h.anonymous.send(new idp.VerifySoftwareTokenCommand({ Session, UserCode: await totp(SecretCode!) }));
    const done = await h.anonymous.send(new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: { USERNAME: "uma" } }));
    assert.ok(done.AuthenticationResult?.IdToken);
    assert.equal((await signIn(clientId, "uma")).ChallengeName, "SOFTWARE_TOKEN_MFA", "the next sign-in asks for the new authenticator");
  });
});

describe("SMS MFA", () => {
  test("the code goes to the user's phone through the team's outbox", async () => {
    const { poolId, clientId } = await h.pool({ MfaConfiguration: "OPTIONAL" });
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    await confirmedUser(poolId, "sam", [{ Name: "phone_number", Value: phone }, { Name: "phone_number_verified", Value: "true" }]);
    await h.admin.send(new idp.AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "sam", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await signIn(clientId, "sam");
    assert.equal(challenge.ChallengeName, "SMS_MFA");
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "SMS");
    const code = await h.code(phone);
    const answered = await h.anonymous.send(new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "SMS_MFA", Session: challenge.Session, ChallengeResponses: { USERNAME: "sam", SMS_MFA_CODE: code } }));
    assert.ok(answered.AuthenticationResult?.AccessToken);
  });
});
