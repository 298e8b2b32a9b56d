import { AwsError } from "../../../errors";

/** IAM's error for a policy it cannot accept, with IAM's message. */
export function malformedPolicy(message: string): AwsError {
  return new AwsError("MalformedPolicyDocument", message, 400);
}

export const SYNTAX_ERROR = "Syntax errors in policy.";
export const LEGACY_PARSING_ERROR = "The policy failed legacy parsing";
