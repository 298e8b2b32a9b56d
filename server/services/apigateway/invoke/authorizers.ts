/**
 * Lambda authorizers at invocation. TOKEN ones send the function the token from one header; REQUEST ones
 * send it the request's headers, query, path and stage variables. The answer (a policy) is cached for the
 * authorizer's TTL under the identity it was given, and decides each request by its method ARN, so a
 * cached policy must cover every method the identity calls (as on AWS).
 */
import type { Authorizer } from "../model";
import { type AuthorizerOutput, authorizerOutput, decide } from "./authorizer-policy";
import type { RequestContext } from "./context";
import type { DeployedApi } from "./deployed";
import { callFunction, functionErrorMessage } from "./lambda-call";
import { contextValue } from "./mapping";
import { type ApiRequest, headerOf, headerViews, queryViews } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";

/** How long API Gateway waits for an authorizer function. */
const AUTHORIZER_TIMEOUT_MS = 10_000;
const MAX_CACHED = 10_000;

/** Authorizer answers by authorizer and identity, each kept for its authorizer's TTL. */
export class AuthorizerResults {
  readonly #entries = new Map<string, { output: AuthorizerOutput; expires: number }>();

  get(key: string): AuthorizerOutput | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expires > Date.now()) return entry.output;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, output: AuthorizerOutput, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    if (this.#entries.size >= MAX_CACHED) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { output, expires: Date.now() + ttlSeconds * 1000 });
  }
}

/** What a successful authorization adds to `$context.authorizer` and the proxy event's `requestContext.authorizer`. */
/** A Lambda authorizer's principalId and context, or a user pool authorizer's token `claims`. */
export type AuthorizerContext = Record<string, string | number | boolean | Record<string, string>>;

export interface AuthorizationInput {
  req: ApiRequest;
  api: DeployedApi;
  authorizer: Authorizer;
  /** The request's context before authorization (REQUEST authorizers receive it). */
  context: RequestContext;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  cache: AuthorizerResults;
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`, what policies name. */
export function methodArn(api: DeployedApi, req: ApiRequest): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.restApiId}/${api.stage}/${req.method}${req.target.path}`;
}

/** The value an identity source names, if the request has it. */
export function identityValue(source: string, input: Pick<AuthorizationInput, "req" | "stageVariables" | "context">): string | undefined {
  const { req, stageVariables, context } = input;
  const [, kind, name] = /^method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.(.+)$/.exec(source) ?? [];
  if (kind === "header" || kind === "multivalueheader") return headerOf(req, name!);
  if (kind === "querystring" || kind === "multivaluequerystring") return queryViews(req).single[name!];
  if (source.startsWith("stageVariables.")) return stageVariables[source.slice("stageVariables.".length)];
  if (source.startsWith("context.")) return contextValue(context, source.slice("context.".length));
  return undefined;
}

function authorizerEvent(input: AuthorizationInput, arn: string, token: string | undefined): unknown {
  const { req, context, pathParameters, stageVariables, authorizer } = input;
  if (authorizer.type === "TOKEN") return { type: "TOKEN", authorizationToken: token, methodArn: arn };
  const headers = headerViews(req);
  const query = queryViews(req);
  return {
    type: "REQUEST",
    methodArn: arn,
    resource: context.resourcePath,
    path: req.target.path,
    httpMethod: req.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters,
    stageVariables,
    requestContext: context,
  };
}

/** Runs the authorizer (or uses its cached answer): the context to pass on, or the gateway response refusing the request. */
export async function authorizeWithLambda(input: AuthorizationInput): Promise<{ authorizer: AuthorizerContext } | ApiResponse> {
  const { authorizer, api, req, cache } = input;
  const sources = (authorizer.identitySource ?? "").split(",").map((source) => source.trim()).filter(Boolean);
  const identity = sources.map((source) => identityValue(source, input));
  // A missing identity is refused without calling the function (for REQUEST, only when caching makes it the key).
  if (identity.some((value) => value === undefined || value === "") && (authorizer.type === "TOKEN" || authorizer.authorizerResultTtlInSeconds > 0)) {
    return gatewayResponse("UNAUTHORIZED");
  }
  const token = identity[0];
  if (authorizer.type === "TOKEN" && authorizer.identityValidationExpression && !new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token!)) {
    return gatewayResponse("UNAUTHORIZED");
  }
  const arn = methodArn(api, req);
  const cacheKey = `${api.restApiId}\n${authorizer.id}\n${identity.join("\n")}`;
  let output = cache.get(cacheKey);
  if (!output) {
    const outcome = await callFunction(api, authorizer.authorizerUri ?? "", Buffer.from(JSON.stringify(authorizerEvent(input, arn, token))), AUTHORIZER_TIMEOUT_MS, req.requestId);
    if (outcome.kind !== "answered") return gatewayResponse("AUTHORIZER_FAILURE");
    if (outcome.functionError) {
      // A function that throws "Unauthorized" refuses the caller; any other failure is the authorizer's.
      return functionErrorMessage(outcome.payload) === "Unauthorized" ? gatewayResponse("UNAUTHORIZED") : gatewayResponse("AUTHORIZER_FAILURE");
    }
    const parsed = authorizerOutput.safeParse(parseJson(outcome.payload));
    if (!parsed.success) return gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR");
    output = parsed.data;
    cache.set(cacheKey, output, authorizer.authorizerResultTtlInSeconds);
  }
  const decision = decide(output, arn);
  if (decision === "deny") return gatewayResponse("ACCESS_DENIED", "User is not authorized to access this resource with an explicit deny");
  if (decision === "implicit-deny") return gatewayResponse("ACCESS_DENIED", "User is not authorized to access this resource");
  return { authorizer: { ...output.context, principalId: output.principalId } };
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString("utf8"));
  } catch {
    return undefined;
  }
}
