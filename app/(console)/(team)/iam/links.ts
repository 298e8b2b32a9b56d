/** The console's IAM addresses. IAM is global: nothing here depends on the region. */

export const ROLES_HREF = "/iam/roles";
export const POLICIES_HREF = "/iam/policies";
export const USERS_HREF = "/iam/users";
export const SIMULATOR_HREF = "/iam/simulator";

export function roleHref(name: string): string {
  return `${ROLES_HREF}/${encodeURIComponent(name)}`;
}

export function userHref(name: string): string {
  return `${USERS_HREF}/${encodeURIComponent(name)}`;
}

/** A policy's page: its ARN, whose slashes (the policy's path) become the address's own segments. */
export function policyHref(arn: string): string {
  return `${POLICIES_HREF}/${arn.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * The policy a page address names: an ARN split on its slashes, or a bare name, read as a customer
 * managed policy on the root path of the team's account.
 */
export function policyArnFromSegments(segments: readonly string[], accountId: string): string {
  const joined = segments.map(decodeURIComponent).join("/");
  return joined.startsWith("arn:") ? joined : `arn:aws:iam::${accountId}:policy/${joined}`;
}

export const isAwsManagedArn = (arn: string) => arn.startsWith("arn:aws:iam::aws:policy/");

export function policyTypeLabel(arn: string): string {
  return isAwsManagedArn(arn) ? "AWS managed" : "Customer managed";
}
