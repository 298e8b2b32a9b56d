/**
 * What a deployed API answers, and the gateway responses API Gateway sends when it answers itself
 * (unknown route, throttled, integration failures): a JSON `message` body and the error type in
 * `x-amzn-ErrorType`, with AWS's default statuses.
 */
export interface ApiResponse {
  status: number;
  /** Header pairs in order; a name may repeat. */
  headers: [string, string][];
  body: Buffer;
  /** Set when API Gateway answered itself: which response type, and its error message (for customised gateway responses). */
  gatewayResponse?: { type: GatewayResponseName; message: string | null };
}

interface GatewayResponseType {
  status: number;
  errorType: string;
  /** Null for authorizer failures, whose default template has no message to give. */
  message: string | null;
}

/** AWS's gateway response types used here, with their default status, error type and message. */
export const GATEWAY_RESPONSES = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
  RESOURCE_NOT_FOUND: { status: 404, errorType: "NotFoundException", message: "Not Found" },
  ACCESS_DENIED: { status: 403, errorType: "AccessDeniedException", message: "Forbidden" },
  INVALID_SIGNATURE: { status: 403, errorType: "InvalidSignatureException", message: "Forbidden" },
  UNAUTHORIZED: { status: 401, errorType: "UnauthorizedException", message: "Unauthorized" },
  THROTTLED: { status: 429, errorType: "TooManyRequestsException", message: "Too Many Requests" },
  INVALID_API_KEY: { status: 403, errorType: "ForbiddenException", message: "Forbidden" },
  QUOTA_EXCEEDED: { status: 429, errorType: "LimitExceededException", message: "Limit Exceeded" },
  REQUEST_TOO_LARGE: { status: 413, errorType: "RequestTooLargeException", message: "Request Too Long" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, errorType: "UnsupportedMediaTypeException", message: "Unsupported Media Type" },
  BAD_REQUEST_BODY: { status: 400, errorType: "BadRequestException", message: "Invalid request body" },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: "BadRequestException", message: "Missing required request parameters" },
  INTEGRATION_TIMEOUT: { status: 504, errorType: "InternalServerErrorException", message: "Endpoint request timed out" },
  /** Malformed Lambda proxy responses, function errors and failed integrations. */
  BAD_GATEWAY: { status: 502, errorType: "InternalServerErrorException", message: "Internal server error" },
  AUTHORIZER_FAILURE: { status: 500, errorType: "AuthorizerFailureException", message: null },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: "AuthorizerConfigurationException", message: null },
  API_CONFIGURATION_ERROR: { status: 500, errorType: "InternalServerErrorException", message: "Internal server error" },
  /** The integration endpoint answered nothing (refused or dropped the connection); DEFAULT_5XX customises it. */
  SERVICE_UNAVAILABLE: { status: 503, errorType: "ServiceUnavailableException", message: "Service Unavailable" },
} satisfies Record<string, GatewayResponseType>;

export type GatewayResponseName = keyof typeof GATEWAY_RESPONSES;

export function gatewayResponse(name: GatewayResponseName, message?: string | null): ApiResponse {
  const type: GatewayResponseType = GATEWAY_RESPONSES[name];
  const text = message === undefined ? type.message : message;
  return {
    status: type.status,
    headers: [
      ["Content-Type", "application/json"],
      ["x-amzn-ErrorType", type.errorType],
    ],
    body: Buffer.from(JSON.stringify({ message: text })),
    gatewayResponse: { type: name, message: text },
  };
}
