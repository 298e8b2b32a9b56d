import { AwsError } from "../../errors";

/** Lambda's errors with AWS's codes, statuses and messages. */
export const LambdaErrors = {
  /** Throttled: AWS says why in the error document's `Reason`. */
  tooManyRequests: (reason: string) => new AwsError("TooManyRequestsException", "Rate Exceeded.", 429).withFields({ Reason: reason }),
  /** Constraint violations in AWS's "N validation errors detected: …" form (see validation.ts). */
  validation: (message: string) => new AwsError("ValidationException", message, 400),
  invalidParameter: (message: string) => new AwsError("InvalidParameterValueException", message, 400),
  resourceNotFound: (message: string) => new AwsError("ResourceNotFoundException", message, 404),
  functionNotFound: (arn: string) => new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, 404),
  resourceDoesNotExist: () => new AwsError("ResourceNotFoundException", "The resource you requested does not exist.", 404),
  conflict: (message: string) => new AwsError("ResourceConflictException", message, 409),
  preconditionFailed: (api = "GetFunction/GetAlias") =>
    new AwsError(
      "PreconditionFailedException",
      `The Revision Id provided does not match the latest Revision Id. Call the ${api} API to retrieve the latest Revision Id`,
      412,
    ),
  requestTooLarge: (limit: number, operation: string) =>
    new AwsError("RequestEntityTooLargeException", `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413),
  zippedTooLarge: (limit: number) => new AwsError("RequestEntityTooLargeException", `Zipped size must be smaller than ${limit} bytes`, 413),
  codeStorageExceeded: () => new AwsError("CodeStorageExceededException", "Code storage limit exceeded.", 400),
  policyTooLarge: (size: number, limit: number) =>
    new AwsError("PolicyLengthExceededException", `The final policy size (${size}) is bigger than the limit (${limit}).`, 400),
  provisionedConcurrencyNotFound: () =>
    new AwsError("ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found for this function", 404),
  accessDenied: (principalArn: string, action: string, resourceArn: string) =>
    new AwsError(
      "AccessDeniedException",
      `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resourceArn} because no resource-based policy allows the ${action} action`,
      403,
    ),
  regionMismatch: (region: string, current: string) =>
    new AwsError("ResourceNotFoundException", `Functions from '${region}' are not reachable in this region ('${current}')`, 404),
};
