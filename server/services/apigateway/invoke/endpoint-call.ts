/**
 * An integration's call to its endpoint (a function, an HTTP URL, a Stratus service), logged in the
 * execution log as API Gateway logs it, and a failed call as the gateway response it comes to: a timeout
 * is 504, an endpoint that answers nothing 503, a call that cannot be made (bad URI, no such function,
 * the function throttled or refused) 500.
 */
import { type ExecutionLog, logMap } from "./execution-log";
import { type ApiResponse, gatewayResponse } from "./responses";

export interface EndpointRequest {
  /** The endpoint's URL, as the log names it. */
  url: string;
  headers: [string, string][];
  body: Buffer;
}

export interface EndpointAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** A Lambda function's error (`X-Amz-Function-Error`). */
  functionError?: string;
}

export type EndpointOutcome =
  | ({ kind: "answered" } & EndpointAnswer)
  | { kind: "timeout" }
  | { kind: "unreachable"; message: string }
  /** `lambdaStatus`: Lambda's status when it refused the invocation (429 when throttled). */
  | { kind: "failed"; message: string; lambdaStatus?: number };

/** The configuration error API Gateway answers 500 for, logged as it logs one. */
export function configurationError(log: ExecutionLog | undefined, message: string): ApiResponse {
  log?.add(`Execution failed due to configuration error: ${message}`);
  return gatewayResponse("API_CONFIGURATION_ERROR");
}

function failedCall(outcome: Exclude<EndpointOutcome, { kind: "answered" }>, log: ExecutionLog | undefined): ApiResponse {
  switch (outcome.kind) {
    case "timeout":
      log?.add("Execution failed due to a timeout error");
      return gatewayResponse("INTEGRATION_TIMEOUT");
    case "unreachable":
      log?.add(`Execution failed due to a network error: ${outcome.message}`);
      return gatewayResponse("SERVICE_UNAVAILABLE");
    case "failed":
      if (outcome.lambdaStatus !== undefined) log?.add(`Lambda invocation failed with status: ${outcome.lambdaStatus}`);
      return configurationError(log, outcome.message);
  }
}

/** A call's result: the endpoint's answer, or the gateway response the failed call comes to. */
export type EndpointResult = { answered: EndpointAnswer } | { failed: ApiResponse };

/** Sends the request with `send`, logging the exchange. */
export async function callEndpoint(request: EndpointRequest, log: ExecutionLog | undefined, send: () => Promise<EndpointOutcome>): Promise<EndpointResult> {
  log?.add(`Endpoint request URI: ${request.url}`);
  log?.add(`Endpoint request headers: ${logMap(Object.fromEntries(request.headers))}`);
  log?.add(`Endpoint request body after transformations: ${request.body.toString("utf8")}`);
  log?.add(`Sending request to ${request.url}`);
  const started = performance.now();
  const outcome = await send();
  if (outcome.kind !== "answered") return { failed: failedCall(outcome, log) };
  log?.add(`Received response. Status: ${outcome.status}, Integration latency: ${Math.round(performance.now() - started)} ms`);
  log?.add(`Endpoint response headers: ${logMap(Object.fromEntries(outcome.headers))}`);
  log?.add(`Endpoint response body before transformations: ${outcome.body.toString("utf8")}`);
  const { kind: _kind, ...answered } = outcome;
  return { answered };
}
