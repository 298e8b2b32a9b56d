/**
 * User pool Lambda triggers (the pool's LambdaConfig), invoked synchronously through the Functions
 * service with Cognito's event shapes. Cognito waits 5 seconds; a function that fails or times out
 * fails the operation with UserLambdaValidationException (or UnexpectedLambdaException).
 */
import { randomUUID } from "node:crypto";
import { AwsError } from "../../errors";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { invocationClient } from "../lambda/invocation/invoke";
import { storedAttributes } from "./attributes";
import { CognitoErrors } from "./errors";
import { poolSettings } from "./store";

export type TriggerName =
  | "PreSignUp"
  | "PostConfirmation"
  | "PreAuthentication"
  | "PostAuthentication"
  | "PreTokenGeneration"
  | "CustomMessage"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse";

const TRIGGER_TIMEOUT_MS = 5_000;

/** The function ARN configured for a trigger, if any. */
export function triggerFunction(pool: CognitoUserPool, name: TriggerName): string | undefined {
  const configured = poolSettings(pool).LambdaConfig[name];
  return typeof configured === "string" ? configured : undefined;
}

export interface TriggerCall {
  pool: CognitoUserPool;
  trigger: TriggerName;
  /** e.g. `PreSignUp_SignUp`, `TokenGeneration_Authentication`. */
  source: string;
  userName: string;
  clientId?: string;
  request: Record<string, unknown>;
  response?: Record<string, unknown>;
}

/** Cognito's wording for a trigger that failed: "PreSignUp failed with error …". */
const failed = (trigger: TriggerName, message: string) => new AwsError("UserLambdaValidationException", `${trigger} failed with error ${message}.`, 400);

/**
 * Runs the trigger when the pool has one and returns the event's `response` as the function left it;
 * without a trigger, the `response` given (Cognito's defaults).
 */
export async function runTrigger(call: TriggerCall): Promise<Record<string, unknown>> {
  const functionArn = triggerFunction(call.pool, call.trigger);
  const response = call.response ?? {};
  if (!functionArn) return response;
  const event = {
    version: "1",
    triggerSource: call.source,
    region: call.pool.region,
    userPoolId: call.pool.id,
    userName: call.userName,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: call.clientId ?? "CLIENT_ID_NOT_APPLICABLE" },
    request: call.request,
    response,
  };
  const reply = await invocationClient()
    .invoke({
      requestId: randomUUID(),
      // Cognito invokes the function as itself, in the pool's account (the function's resource policy must let it in on AWS).
      caller: { accountId: call.pool.accountId, arn: "arn:aws:iam::aws:cognito-idp", userId: "cognito-idp.amazonaws.com", role: "developer" },
      region: call.pool.region,
      functionName: functionArn,
      payload: Buffer.from(JSON.stringify(event)).toString("base64"),
      logType: "None",
      callerDeadline: Date.now() + TRIGGER_TIMEOUT_MS,
    })
    .catch((error: unknown) => {
      throw CognitoErrors.unexpectedLambda(`${call.trigger} invocation failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  if (!reply.ok) throw CognitoErrors.unexpectedLambda(`${call.trigger} invocation failed due to error ${reply.code}.`);
  const payload = Buffer.from(reply.payload, "base64").toString();
  let answered: { response?: unknown; errorMessage?: unknown };
  try {
    answered = JSON.parse(payload) as typeof answered;
  } catch {
    throw CognitoErrors.invalidLambdaResponse(`Invalid lambda response received: ${payload.slice(0, 100)}`);
  }
  if (reply.functionError) throw failed(call.trigger, typeof answered.errorMessage === "string" ? answered.errorMessage : "Error");
  const out = answered?.response;
  return typeof out === "object" && out !== null ? (out as Record<string, unknown>) : {};
}

/** The `request.userAttributes` of a user as triggers see them (sub and status included). */
export function triggerAttributes(user: Pick<CognitoUser, "sub" | "attributes" | "status" | "enabled">): Record<string, string> {
  return { sub: user.sub, ...storedAttributes(user), "cognito:user_status": user.status, ...(user.enabled ? {} : { "cognito:user_status": "DISABLED" }) };
}
