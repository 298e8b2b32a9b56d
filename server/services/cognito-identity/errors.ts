import { AwsError } from "../../errors";

const error = (code: string) => (message: string) => new AwsError(code, message, 400);

/** Cognito Identity errors (awsJson1_1: the SDK reads `__type`); all of them are 400s. */
export const IdentityErrors = {
  resourceNotFound: error("ResourceNotFoundException"),
  notAuthorized: error("NotAuthorizedException"),
  invalidParameter: error("InvalidParameterException"),
  resourceConflict: error("ResourceConflictException"),
  /** A provider Cognito depends on (an OpenID Connect provider's discovery or keys) does not answer. */
  externalService: error("ExternalServiceException"),
  invalidPoolConfiguration: (message = "Invalid identity pool configuration. Check assigned IAM roles for this pool.") =>
    new AwsError("InvalidIdentityPoolConfigurationException", message, 400),
};

export const poolNotFound = (id: string) => IdentityErrors.resourceNotFound(`IdentityPool '${id}' not found.`);
export const identityNotFound = (id: string) => IdentityErrors.resourceNotFound(`Identity '${id}' not found.`);
export const guestsNotAllowed = () => IdentityErrors.notAuthorized("Unauthenticated access is not supported for this identity pool.");
