/**
 * STS operations as IAM actions. Assuming a role acts on the role's ARN, which may be another account's
 * (whose trust policy then decides); the caller's own identity and session tokens are defined on `*`.
 */
import type { ActionEntry, ActionTable } from "../iam/authorization/request-actions";

const onRole: ActionEntry = { resource: "RoleArn" };

export const stsActions: ActionTable = {
  AssumeRole: onRole,
  AssumeRoleWithWebIdentity: onRole,
  GetSessionToken: {},
  // Needs no permission on AWS (it answers even under an explicit deny); described all the same.
  GetCallerIdentity: {},
};
