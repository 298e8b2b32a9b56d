import { AwsError } from "../errors";

/**
 * Errors raised by the gateway itself (authentication, framing). As everywhere, `code` is the JSON
 * protocols' name and `queryCode` the query protocol's, where AWS names them differently.
 */
export const GatewayErrors = {
  missingAuthenticationToken: () =>
    new AwsError("MissingAuthenticationTokenException", "Request is missing Authentication Token", 403, "Sender", "MissingAuthenticationToken"),
  incompleteSignature: (message: string) => new AwsError("IncompleteSignatureException", message, 400, "Sender", "IncompleteSignature"),
  invalidClientTokenId: () =>
    new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 403, "Sender", "InvalidClientTokenId"),
  signatureDoesNotMatch: (
    message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  ) => new AwsError("SignatureDoesNotMatch", message, 403),
  requestTimeTooSkewed: (message: string) => new AwsError("RequestTimeTooSkewed", message, 403),
  requestExpired: () => new AwsError("RequestExpired", "Request has expired", 400),
  contentSha256Mismatch: (declared: string, actual: string) =>
    new AwsError("XAmzContentSHA256Mismatch", `The provided 'x-amz-content-sha256' header does not match what was computed: ${declared} != ${actual}`, 400),
  bodyTooLarge: (limit: number) => new AwsError("RequestEntityTooLarge", `Request body must not exceed ${limit} bytes`, 413),
  unknownOperation: (message: string) => new AwsError("UnknownOperationException", message, 400, "Sender", "InvalidAction"),
  serialization: (message: string) => new AwsError("SerializationException", message, 400),
  /** Input that fails the operation's schema, unless the service names it otherwise. */
  validation: (message: string) => new AwsError("ValidationException", message, 400, "Sender", "ValidationError"),
};

export type ProtocolFamily = "query" | "json";

/** The code a client of that protocol family sees. */
export function wireErrorCode(error: AwsError, family: ProtocolFamily): string {
  return family === "query" ? (error.queryCode ?? error.code) : error.code;
}
