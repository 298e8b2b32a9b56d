import { AwsError } from "../../errors";

const error = (code: string, status = 400) => (message: string) => new AwsError(code, message, status);

/** Cognito user pool errors (awsJson1_1: the SDK reads `__type`). */
export const CognitoErrors = {
  resourceNotFound: error("ResourceNotFoundException", 400),
  invalidParameter: error("InvalidParameterException"),
  invalidPassword: error("InvalidPasswordException"),
  notAuthorized: error("NotAuthorizedException"),
  userNotFound: (message = "User does not exist.") => new AwsError("UserNotFoundException", message, 400),
  userNotConfirmed: (message = "User is not confirmed.") => new AwsError("UserNotConfirmedException", message, 400),
  usernameExists: (message = "User account already exists") => new AwsError("UsernameExistsException", message, 400),
  aliasExists: (message = "An account with the given email already exists.") => new AwsError("AliasExistsException", message, 400),
  codeMismatch: (message = "Invalid verification code provided, please try again.") => new AwsError("CodeMismatchException", message, 400),
  expiredCode: (message = "Invalid code provided, please request a code again.") => new AwsError("ExpiredCodeException", message, 400),
  groupExists: (message: string) => new AwsError("GroupExistsException", message, 400),
  limitExceeded: error("LimitExceededException"),
  tooManyFailedAttempts: error("TooManyFailedAttemptsException"),
  tooManyRequests: error("TooManyRequestsException"),
  passwordResetRequired: (message = "Password reset required for the user") => new AwsError("PasswordResetRequiredException", message, 400),
  unsupportedUserState: error("UnsupportedUserStateException"),
  invalidUserPoolConfiguration: error("InvalidUserPoolConfigurationException"),
  unexpectedLambda: error("UnexpectedLambdaException"),
  unsupportedOperation: error("UnsupportedOperationException"),
  enableSoftwareTokenMfa: error("EnableSoftwareTokenMFAException"),
  invalidLambdaResponse: error("InvalidLambdaResponseException"),
};

export const poolNotFound = (id: string) => CognitoErrors.resourceNotFound(`User pool ${id} does not exist.`);
export const clientNotFound = (id: string) => CognitoErrors.resourceNotFound(`User pool client ${id} does not exist.`);
