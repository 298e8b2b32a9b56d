import { AwsError } from "../../errors";

/**
 * IAM errors. IAM speaks the query protocol, so SDKs read `queryCode` (`NoSuchEntity`); `code` is
 * the Smithy shape name the JSON surfaces (tRPC) show.
 */
function iamError(code: string, queryCode: string, message: string, status: number): AwsError {
  return new AwsError(code, message, status, status >= 500 ? "Receiver" : "Sender", queryCode);
}

export const IamErrors = {
  noSuchEntity: (message: string) => iamError("NoSuchEntityException", "NoSuchEntity", message, 404),
  entityAlreadyExists: (message: string) => iamError("EntityAlreadyExistsException", "EntityAlreadyExists", message, 409),
  deleteConflict: (message: string) => iamError("DeleteConflictException", "DeleteConflict", message, 409),
  limitExceeded: (message: string) => iamError("LimitExceededException", "LimitExceeded", message, 409),
  invalidInput: (message: string) => iamError("InvalidInputException", "InvalidInput", message, 400),
  malformedPolicyDocument: (message: string) => iamError("MalformedPolicyDocumentException", "MalformedPolicyDocument", message, 400),
  policyNotAttachable: (message: string) => iamError("PolicyNotAttachableException", "PolicyNotAttachable", message, 400),
  roleNotFound: (roleName: string) => IamErrors.noSuchEntity(`The role with name ${roleName} cannot be found.`),
  userNotFound: (userName: string) => IamErrors.noSuchEntity(`The user with name ${userName} cannot be found.`),
  policyNotFound: (policyArn: string) => IamErrors.noSuchEntity(`Policy ${policyArn} was not found.`),
  oidcProviderNotFound: (arn: string) => IamErrors.noSuchEntity(`OpenIDConnect provider not found for arn ${arn}`),
};
