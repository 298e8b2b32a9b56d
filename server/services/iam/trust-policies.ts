/**
 * Trust policies that let a principal assume a role with sts:AssumeRole. No server-only imports: the
 * console's trusted-entity picker builds its documents here too.
 */

/** Who may assume the role: an AWS service (`lambda.amazonaws.com`) or an AWS principal (e.g. `arn:aws:iam::123456789012:root`). */
export type AssumeRolePrincipal = { Service: string } | { AWS: string };

/** The trust policy document granting `principal` sts:AssumeRole, for callers that format it themselves. */
export function assumeRolePolicy(principal: AssumeRolePrincipal) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] };
}

/** The trust policy that lets an AWS service (`lambda.amazonaws.com`) assume a role, as CreateRole's AssumeRolePolicyDocument takes it. */
export const serviceTrustPolicy = (service: string): string => JSON.stringify(assumeRolePolicy({ Service: service }));
