/**
 * Calling a Lambda function from an integration: the URI names it
 * (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`), the
 * workers run it as for a synchronous Invoke, and the caller stops waiting at the integration timeout.
 */
import { invocationClient } from "../../lambda/invocation/invoke";
import type { DeployedApi } from "./deployed";

const CHANNEL_GRACE_MS = 1_000;
const FUNCTION_URI = /^arn:[^:]+:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

export type FunctionOutcome =
  | { kind: "answered"; payload: Buffer; functionError?: string }
  | { kind: "timeout" }
  /** The function could not be invoked (no such function, throttled, misconfigured URI), with Lambda's status when it refused. */
  | { kind: "failed"; message: string; lambdaStatus?: number };

/** API Gateway calls functions as itself, on behalf of the API's account. */
function callerFor(api: DeployedApi) {
  return { accountId: api.accountId, arn: "arn:aws:iam::aws:apigateway", userId: "apigateway.amazonaws.com", role: "developer" as const };
}

export async function callFunction(api: DeployedApi, uri: string, payload: Buffer, timeoutMs: number, requestId: string): Promise<FunctionOutcome> {
  const functionName = FUNCTION_URI.exec(uri)?.[1];
  if (!functionName) return { kind: "failed", message: `Invalid Lambda function URI: ${uri}` };
  const invoking = invocationClient().invoke({
    requestId,
    caller: callerFor(api),
    region: api.region,
    functionName,
    payload: payload.toString("base64"),
    logType: "None",
    // The integration timeout below decides; the channel's own deadline only follows it, so that its
    // "gave up" answer can never arrive first and pass for the function's failure.
    callerDeadline: Date.now() + timeoutMs + CHANNEL_GRACE_MS,
  });
  invoking.catch(() => undefined); // a failure after the timeout has nobody left to tell
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const reply = await Promise.race([invoking, timedOut]).finally(() => clearTimeout(timer));
  if (reply === "timeout") return { kind: "timeout" };
  if (!reply.ok) return { kind: "failed", message: `${reply.code}: ${reply.message}`, lambdaStatus: reply.status };
  return { kind: "answered", payload: Buffer.from(reply.payload, "base64"), ...(reply.functionError && { functionError: reply.functionError }) };
}

/** The `errorMessage` of a function's error document, which selection patterns match. */
export function functionErrorMessage(payload: Buffer): string {
  try {
    const message: unknown = (JSON.parse(payload.toString("utf8")) as { errorMessage?: unknown }).errorMessage;
    return typeof message === "string" ? message : "";
  } catch {
    return payload.toString("utf8");
  }
}
