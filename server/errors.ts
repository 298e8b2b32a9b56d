/**
 * Domain errors carry the AWS error code and HTTP status. Services throw them; the tRPC
 * error formatter and the gateway's protocol serializers map them in one place each.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** AWS's Sender/Receiver fault, used by the query protocol's <Type>. */
  readonly fault: "Sender" | "Receiver";
  /**
   * The code the query protocol uses when it differs from the JSON protocols' one (SQS:
   * `QueueDoesNotExist` in JSON is `AWS.SimpleQueueService.NonExistentQueue` in XML and in JSON's
   * `x-amzn-query-error` header).
   */
  readonly queryCode?: string;
  /** Further members of the JSON error document, e.g. Lambda's throttling `Reason`. */
  readonly fields: Record<string, string> = {};

  constructor(code: string, message: string, status = 400, fault?: "Sender" | "Receiver", queryCode?: string) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fault = fault ?? (status >= 500 ? "Receiver" : "Sender");
    this.queryCode = queryCode;
  }

  withFields(fields: Record<string, string>): this {
    Object.assign(this.fields, fields);
    return this;
  }
}

/** Errors shared by every service (AWS "common errors"). */
export const CommonErrors = {
  validation: (message: string) => new AwsError("ValidationError", message, 400),
  invalidParameterValue: (message: string) => new AwsError("InvalidParameterValue", message, 400),
  missingParameter: (message: string) => new AwsError("MissingParameter", message, 400),
  accessDenied: (message = "User is not authorized to perform this action") => new AwsError("AccessDenied", message, 403),
  notFound: (code: string, message: string) => new AwsError(code, message, 404),
  internal: (message = "We encountered an internal error. Please try again.") => new AwsError("InternalFailure", message, 500),
};

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}
