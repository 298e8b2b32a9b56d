/**
 * STS operations as IAM actions. Assuming a role acts on the role's ARN, which may be another account's
 * (whose trust policy then decides); the caller's own identity and session tokens are defined on `*`.
 */
import type { ActionEntry, ActionTable } from "../iam/authorization/request-actions";

const onRole: ActionEntry = { resource: "RoleArn" };

export const stsActions: ActionTable = {
  AssumeRole: onRole,
  AssumeRoleWithWebIdentity: onRole,
  // These two need no permission on AWS (they answer even under an explicit deny: authorize.ts lets them
  // through); described all the same, as every registered operation is.
  GetSessionToken: {},
  GetCallerIdentity: {},
};
