/**
 * Binary payloads, as AWS's content type conversions describe them: a body is binary when its content
 * type is one of the API's binary media types (Lambda proxy events carry such a request body
 * base64-encoded). `contentHandling` converts a payload: CONVERT_TO_TEXT base64-encodes a binary one,
 * CONVERT_TO_BINARY base64-decodes a text one. Unset on an integration, the request body passes as it
 * is; unset on an integration response, the response body becomes what the client's first Accept type
 * asks for (binary when that type is a binary media type).
 */

function matchesMediaType(contentType: string, pattern: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const wanted = pattern.trim().toLowerCase();
  if (wanted === "*/*") return true;
  if (wanted.endsWith("/*")) return type.startsWith(wanted.slice(0, -1));
  return type === wanted;
}

export function isBinaryMediaType(contentType: string | undefined, binaryMediaTypes: readonly string[] | undefined): boolean {
  if (!contentType || !binaryMediaTypes?.length) return false;
  // API Gateway stores `/` in binary media types as `~1` (PatchOperations paths); either spelling matches.
  return binaryMediaTypes.some((pattern) => matchesMediaType(contentType, pattern.replaceAll("~1", "/")));
}

/** Whether the client's first Accept type (the only one API Gateway honours) is a binary media type. */
export function acceptsBinary(accept: string | undefined, binaryMediaTypes: readonly string[] | undefined): boolean {
  return isBinaryMediaType(accept?.split(",")[0], binaryMediaTypes);
}

export interface Payload {
  body: Buffer;
  binary: boolean;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The payload as `contentHandling` converts it; undefined when a text body to decode is not base64 (a configuration error). */
export function convertPayload(payload: Payload, contentHandling: string | undefined): Payload | undefined {
  if (contentHandling === "CONVERT_TO_TEXT" && payload.binary) return { body: Buffer.from(payload.body.toString("base64")), binary: false };
  if (contentHandling !== "CONVERT_TO_BINARY" || payload.binary) return payload;
  const text = payload.body.toString("utf8").replace(/\s+/g, "");
  return BASE64.test(text) ? { body: Buffer.from(text, "base64"), binary: true } : undefined;
}

/** An integration response's conversion: its own, else toward the type the client accepts. */
export function responseContentHandling(contentHandling: string | undefined, acceptBinary: boolean): string {
  return contentHandling ?? (acceptBinary ? "CONVERT_TO_BINARY" : "CONVERT_TO_TEXT");
}
