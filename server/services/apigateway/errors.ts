import { AwsError } from "../../errors";

/** API Gateway's errors: restJson1 with the code in `x-amzn-ErrorType`, AWS's statuses and messages. */
export const ApigwErrors = {
  badRequest: (message: string) => new AwsError("BadRequestException", message, 400),
  notFound: (message: string) => new AwsError("NotFoundException", message, 404),
  conflict: (message: string) => new AwsError("ConflictException", message, 409),
  /** A quota reached: 429, as API Gateway sends it. */
  limitExceeded: (message: string) => new AwsError("LimitExceededException", message, 429),

  apiNotFound: (accountId: string, restApiId: string) => ApigwErrors.notFound(`Invalid API identifier specified ${accountId}:${restApiId}`),
  resourceNotFound: () => ApigwErrors.notFound("Invalid Resource identifier specified"),
  methodNotFound: () => ApigwErrors.notFound("Invalid Method identifier specified"),
  integrationNotFound: () => ApigwErrors.notFound("Invalid Integration identifier specified"),
  responseNotFound: () => ApigwErrors.notFound("Invalid Response status code specified"),
  deploymentNotFound: () => ApigwErrors.notFound("Invalid Deployment identifier specified"),
  stageNotFound: () => ApigwErrors.notFound("Invalid Stage identifier specified"),
  modelNotFound: (name: string) => ApigwErrors.notFound(`Invalid model name specified: ${name}`),
  authorizerNotFound: () => ApigwErrors.notFound("Invalid Authorizer identifier specified"),
  validatorNotFound: () => ApigwErrors.notFound("Invalid Request Validator identifier specified"),
  apiKeyNotFound: () => ApigwErrors.notFound("Invalid API Key identifier specified"),
  usagePlanNotFound: () => ApigwErrors.notFound("Invalid Usage Plan ID specified"),
};

/** A member outside its enum: AWS answers these with a ValidationException naming the operation's input. */
export function enumViolation(value: string, member: string, allowed: readonly string[]) {
  return new AwsError(
    "ValidationException",
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    400,
  );
}

export function checkEnum(value: string | undefined, member: string, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw enumViolation(value, member, allowed);
}
