/** The console's IAM addresses. IAM is global: nothing here depends on the region. */

export const ROLES_HREF = "/iam/roles";
export const POLICIES_HREF = "/iam/policies";
export const USERS_HREF = "/iam/users";
export const SIMULATOR_HREF = "/iam/simulator";
export const IDENTITY_PROVIDERS_HREF = "/iam/identity-providers";

export function roleHref(name: string): string {
  return `${ROLES_HREF}/${encodeURIComponent(name)}`;
}

export function userHref(name: string): string {
  return `${USERS_HREF}/${encodeURIComponent(name)}`;
}

/** A page under `base` for an ARN, whose slashes (a policy's path, a provider's URL path) become the address's own segments. */
const arnHref = (base: string, arn: string) => `${base}/${arn.split("/").map(encodeURIComponent).join("/")}`;

export const policyHref = (arn: string) => arnHref(POLICIES_HREF, arn);

/** An OpenID Connect provider's page, by its ARN. */
export const identityProviderHref = (arn: string) => arnHref(IDENTITY_PROVIDERS_HREF, arn);

/** The ARN an identity provider page's address names. */
export const arnFromSegments = (segments: readonly string[]) => segments.map(decodeURIComponent).join("/");

/**
 * The policy a page address names: an ARN split on its slashes, or a bare name, read as a customer
 * managed policy on the root path of the team's account.
 */
export function policyArnFromSegments(segments: readonly string[], accountId: string): string {
  const joined = arnFromSegments(segments);
  return joined.startsWith("arn:") ? joined : `arn:aws:iam::${accountId}:policy/${joined}`;
}

export const isAwsManagedArn = (arn: string) => arn.startsWith("arn:aws:iam::aws:policy/");

export function policyTypeLabel(arn: string): string {
  return isAwsManagedArn(arn) ? "AWS managed" : "Customer managed";
}
