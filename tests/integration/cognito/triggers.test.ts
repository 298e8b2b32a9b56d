import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as idp from "@aws-sdk/client-cognito-identity-provider";
import { prisma } from "../../../server/db/client";
import { nodeFunction } from "../apigateway/invoke-helpers";
import { startInvokeHarness, type InvokeHarness } from "../lambda-invoke/harness";
import { userPoolClients } from "./harness";
import { uniqueName } from "../lambda/helpers";

let h: InvokeHarness;
let admin: idp.CognitoIdentityProviderClient;
let anonymous: idp.CognitoIdentityProviderClient;

before(async () => {
  h = await startInvokeHarness();
  ({ admin, anonymous } = userPoolClients(h.gateway.url, h.team));
});
after(async () => {
  admin.destroy();
  anonymous.destroy();
  await h.close();
});

const PASSWORD = "Trigger-pass-1";

/** A pool whose LambdaConfig names functions made from `handlers` (trigger → handler body), and a client. */
type Trigger =
  | "PreSignUp"
  | "CustomMessage"
  | "PreAuthentication"
  | "PostConfirmation"
  | "PreTokenGeneration"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse";

async function poolWithTriggers(handlers: Partial<Record<Trigger, string>>) {
  const lambdaConfig: Record<string, string> = {};
  for (const [trigger, body] of Object.entries(handlers)) {
    lambdaConfig[trigger] = (await nodeFunction(h, `exports.handler = async (event) => { ${body}; return event; };`)).arn;
  }
  const { UserPool } = await admin.send(new idp.CreateUserPoolCommand({ PoolName: uniqueName("pool"), AutoVerifiedAttributes: ["email"], LambdaConfig: lambdaConfig }));
  const { UserPoolClient } = await admin.send(
    new idp.CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const signUp = (clientId: string, username: string, email: string) =>
  anonymous.send(new idp.SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: "email", Value: email }] }));

describe("user pool Lambda triggers", () => {
  test("PreSignUp can confirm and verify a user, or refuse the sign-up with its error", async () => {
    const { poolId, clientId } = await poolWithTriggers({
      PreSignUp: `if (event.userName.startsWith("blocked")) throw new Error("Blocked user"); if (event.triggerSource !== "PreSignUp_SignUp") throw new Error("wrong source " + event.triggerSource); event.response.autoConfirmUser = true; event.response.autoVerifyEmail = true`,
    });
    const out = await signUp(clientId, "alice", "alice@example.test");
    assert.equal(out.UserConfirmed, true);
    const user = await admin.send(new idp.AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(user.UserAttributes?.find((a) => a.Name === "email_verified")?.Value, "true");
    await assert.rejects(signUp(clientId, "blocked-bob", "bob@example.test"), (e: Error) => {
      assert.equal(e.name, "UserLambdaValidationException");
      assert.equal(e.message, "PreSignUp failed with error Blocked user.");
      return true;
    });
    await assert.rejects(admin.send(new idp.AdminGetUserCommand({ UserPoolId: poolId, Username: "blocked-bob" })), { name: "UserNotFoundException" });
  });

  test("CustomMessage rewrites the confirmation email, keeping the code", async () => {
    const { clientId } = await poolWithTriggers({
      CustomMessage: `if (event.triggerSource === "CustomMessage_SignUp") { event.response.emailSubject = "Welcome aboard"; event.response.emailMessage = "Hello " + event.request.usernameParameter + ", your code is " + event.request.codeParameter; }`,
    });
    const email = `carol-${Date.now()}@example.test`;
    await signUp(clientId, "carol", email);
    const sent = await prisma().snsOutboxItem.findFirst({ where: { accountId: h.team.accountId, destination: email }, orderBy: { id: "desc" } });
    assert.equal(sent?.subject, "Welcome aboard");
    assert.match(sent?.body ?? "", /^Hello carol, your code is \d{6}$/);
    const code = /(\d{6})/.exec(sent!.body)![1]!;
    await anonymous.send(new idp.ConfirmSignUpCommand({ ClientId: clientId, Username: "carol", ConfirmationCode: code }));
  });

  test("PreAuthentication can refuse a sign-in", async () => {
    const { poolId, clientId } = await poolWithTriggers({ PreAuthentication: `if (event.request.userAttributes.email.endsWith("@banned.test")) throw new Error("Banned")` });
    for (const [name, email] of [["dan", "dan@example.test"], ["eve", "eve@banned.test"]]) {
      await admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }] }));
      await admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: name, Password: PASSWORD, Permanent: true }));
    }
    const signIn = (username: string) => anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
    assert.ok((await signIn("dan")).AuthenticationResult?.IdToken);
    await assert.rejects(signIn("eve"), (e: Error) => e.name === "UserLambdaValidationException" && e.message === "PreAuthentication failed with error Banned.");
  });

  test("PreTokenGeneration adds, overrides and suppresses ID token claims and replaces the groups", async () => {
    const { poolId, clientId } = await poolWithTriggers({
      PreTokenGeneration: `event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: "acme", email: "override@example.test", sub: "not-allowed" }, claimsToSuppress: ["name"], groupOverrideDetails: { groupsToOverride: ["from-trigger"] } } }`,
    });
    await admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: "gil", MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: "gil@example.test" }, { Name: "name", Value: "Gil" }] }));
    await admin.send(new idp.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "gil", Password: PASSWORD, Permanent: true }));
    const out = await anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gil", PASSWORD } }));
    const claims = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    const id = claims(out.AuthenticationResult!.IdToken!);
    assert.equal(id.tenant, "acme");
    assert.equal(id.email, "override@example.test");
    assert.equal(id.name, undefined);
    assert.notEqual(id.sub, "not-allowed", "reserved claims stay Cognito's");
    assert.deepEqual(id["cognito:groups"], ["from-trigger"]);
    assert.deepEqual(claims(out.AuthenticationResult!.AccessToken!)["cognito:groups"], ["from-trigger"]);
  });

  test("CUSTOM_AUTH: Define/Create/Verify triggers run a question-and-answer sign-in, allowing three tries", async () => {
    const { poolId, clientId } = await poolWithTriggers({
      DefineAuthChallenge: `const s = event.request.session; const last = s[s.length - 1];
        if (last && last.challengeResult) { event.response.issueTokens = true; }
        else if (s.length >= 3) { event.response.failAuthentication = true; }
        else { event.response.challengeName = "CUSTOM_CHALLENGE"; }`,
      CreateAuthChallenge: `event.response.publicChallengeParameters = { question: "2 + 2?" }; event.response.privateChallengeParameters = { answer: "4" }; event.response.challengeMetadata = "MATH"`,
      VerifyAuthChallengeResponse: `event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer`,
    });
    await admin.send(new idp.AdminCreateUserCommand({ UserPoolId: poolId, Username: "fred", MessageAction: "SUPPRESS" }));
    const start = await anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "fred" } }));
    assert.equal(start.ChallengeName, "CUSTOM_CHALLENGE");
    assert.deepEqual(start.ChallengeParameters, { question: "2 + 2?", USERNAME: "fred" });
    const answer = (session: string | undefined, ANSWER: string) =>
      anonymous.send(new idp.RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "CUSTOM_CHALLENGE", Session: session, ChallengeResponses: { USERNAME: "fred", ANSWER } }));
    const wrong = await answer(start.Session, "5");
    assert.equal(wrong.ChallengeName, "CUSTOM_CHALLENGE", "a wrong answer gets another try");
    const right = await answer(wrong.Session, "4");
    assert.ok(right.AuthenticationResult?.IdToken);

    const again = await anonymous.send(new idp.InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "fred" } }));
    const second = await answer(again.Session, "1");
    const third = await answer(second.Session, "2");
    await assert.rejects(answer(third.Session, "3"), { name: "NotAuthorizedException" });
  });
});
