/**
 * Lambda proxy integration (AWS_PROXY): the request as the version 1.0 event, and the function's answer
 * under the proxy response contract (`statusCode`, `headers`, `multiValueHeaders`, `body`, `isBase64Encoded`).
 */
import { z } from "zod";
import type { RequestContext } from "./context";
import { type ApiRequest, headerViews, queryViews } from "./request";
import type { ApiResponse } from "./responses";

const orNull = <T extends object>(value: T): T | null => (Object.keys(value).length > 0 ? value : null);

export function proxyEvent(req: ApiRequest, context: RequestContext, pathParameters: Record<string, string>, stageVariables: Record<string, string>, binary: boolean) {
  const headers = headerViews(req);
  const query = queryViews(req);
  return {
    resource: context.resourcePath,
    path: req.target.path,
    httpMethod: req.method,
    headers: orNull(headers.single),
    multiValueHeaders: orNull(headers.multi),
    queryStringParameters: orNull(query.single),
    multiValueQueryStringParameters: orNull(query.multi),
    pathParameters: orNull(pathParameters),
    stageVariables: orNull(stageVariables),
    requestContext: context,
    body: req.body.length === 0 ? null : binary ? req.body.toString("base64") : req.body.toString("utf8"),
    isBase64Encoded: binary,
  };
}

/** The event as a function receives it (after JSON). */
export type ProxyEvent = ReturnType<typeof proxyEvent>;

const headerValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** The proxy response contract; anything else is a malformed response (502). */
const proxyResponse = z.object({
  statusCode: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).refine((status) => status >= 100 && status <= 599),
  headers: z.record(headerValue).nullish(),
  multiValueHeaders: z.record(z.array(headerValue)).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().nullish(),
});

/**
 * The client's response from the function's answer, or undefined when it breaks the contract. A
 * base64-encoded body is decoded only for a client whose first Accept type is a binary media type
 * (`acceptBinary`); any other gets the base64 text, as from API Gateway.
 */
export function fromProxyResponse(payload: Buffer, acceptBinary: boolean): ApiResponse | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString("utf8"));
  } catch {
    return undefined;
  }
  const result = proxyResponse.safeParse(parsed);
  if (!result.success) return undefined;
  const { statusCode, headers = {}, multiValueHeaders = {}, body, isBase64Encoded } = result.data;
  // Both maps merge; for a name in both, only the multi-value list counts (as the developer guide says).
  const merged: [string, string][] = [];
  const multi = multiValueHeaders ?? {};
  const multiNames = new Set(Object.keys(multi).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(headers ?? {})) if (!multiNames.has(name.toLowerCase())) merged.push([name, value]);
  for (const [name, values] of Object.entries(multi)) for (const value of values) merged.push([name, value]);
  if (!merged.some(([name]) => name.toLowerCase() === "content-type")) merged.push(["Content-Type", "application/json"]);
  return { status: statusCode, headers: merged, body: body == null ? Buffer.alloc(0) : Buffer.from(body, isBase64Encoded && acceptBinary ? "base64" : "utf8") };
}
