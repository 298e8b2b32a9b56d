import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startCognito, type CognitoHarness } from "./harness";

let h: CognitoHarness;

before(async () => {
  h = await startCognito();
});
after(async () => {
  await h.close();
});

/** Signs in with USER_SRP_AUTH exactly as browser apps do, through the unmodified amazon-cognito-identity-js. */
function srpSignIn(poolId: string, clientId: string, username: string, password: string): Promise<CognitoUserSession> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: h.gateway.url });
  const user = new CognitoUser({ Username: username, Pool: pool });
  user.setAuthenticationFlowType("USER_SRP_AUTH");
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
    });
  });
}

describe("USER_SRP_AUTH with amazon-cognito-identity-js", () => {
  test("signs in with the right password; a wrong one and an unknown user both fail as NotAuthorized", async () => {
    const { poolId, clientId } = await h.pool({ UsernameAttributes: ["email"] });
    const email = `srp-${Date.now()}@example.test`;
    await h.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }, { Name: "email_verified", Value: "true" }] }));
    await h.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: "Srp-password-1", Permanent: true }));

    const session = await srpSignIn(poolId, clientId, email, "Srp-password-1");
    assert.ok(session.isValid());
    const id = session.getIdToken().decodePayload();
    assert.equal(id.email, email);
    assert.match(String(id["cognito:username"]), /^[0-9a-f-]{36}$/, "with email as the username attribute, the username is a UUID");

    await assert.rejects(srpSignIn(poolId, clientId, email, "Wrong-password-1"), (e: Error & { code?: string }) => e.code === "NotAuthorizedException");
    await assert.rejects(srpSignIn(poolId, clientId, `nobody-${Date.now()}@example.test`, "Wrong-password-1"), (e: Error & { code?: string }) => e.code === "NotAuthorizedException");
  });
});
