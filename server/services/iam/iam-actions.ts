/**
 * IAM operations as IAM actions. IAM is global: its ARNs name no region (`arn:aws:iam::<account>:role/<path><name>`).
 * Roles and users are named in the caller's account; policies by their ARN, which may be another account's or AWS's own;
 * OpenID Connect providers by their ARN (`oidc-provider/<host/path>`).
 */
import { arn } from "../../lib/arn";
import type { ActionEntry } from "./authorization/request-actions";
import { oidcProviderArn, oidcProviderName } from "./model";
import type { IamOperationName } from "./operations";

/**
 * `role/<path><name>` in the caller's account. Only the Create operations take a Path: the others name the
 * entity without it, so its ARN is read as the default path's (`/`) until a lookup supplies the real one.
 */
function namedEntity(kind: "role" | "user" | "policy", nameMember: string): ActionEntry {
  return {
    resource: (input, scope) => {
      const name = input.string(nameMember);
      return name && arn("iam", "", scope.accountId, `${kind}${input.string("Path") ?? "/"}${name}`);
    },
  };
}

const onRole = namedEntity("role", "RoleName");
/** Without a UserName, GetUser and the access key operations address the caller, whom the scope does not name: `*`. */
const onUser = namedEntity("user", "UserName");
const onPolicy: ActionEntry = { resource: "PolicyArn" };
const onOidcProvider: ActionEntry = { resource: "OpenIDConnectProviderArn" };

export const iamActions = {
  CreateRole: onRole,
  GetRole: onRole,
  ListRoles: {},
  DeleteRole: onRole,
  UpdateRole: onRole,
  UpdateAssumeRolePolicy: onRole,
  TagRole: onRole,
  UntagRole: onRole,
  ListRoleTags: onRole,
  CreatePolicy: namedEntity("policy", "PolicyName"),
  GetPolicy: onPolicy,
  ListPolicies: {},
  DeletePolicy: onPolicy,
  CreatePolicyVersion: onPolicy,
  GetPolicyVersion: onPolicy,
  ListPolicyVersions: onPolicy,
  DeletePolicyVersion: onPolicy,
  SetDefaultPolicyVersion: onPolicy,
  ListEntitiesForPolicy: onPolicy,
  // Attaching acts on the role or user (the policy is the iam:PolicyARN condition's).
  AttachRolePolicy: onRole,
  DetachRolePolicy: onRole,
  ListAttachedRolePolicies: onRole,
  PutRolePolicy: onRole,
  GetRolePolicy: onRole,
  DeleteRolePolicy: onRole,
  ListRolePolicies: onRole,
  CreateUser: onUser,
  GetUser: onUser,
  ListUsers: {},
  DeleteUser: onUser,
  AttachUserPolicy: onUser,
  DetachUserPolicy: onUser,
  ListAttachedUserPolicies: onUser,
  PutUserPolicy: onUser,
  GetUserPolicy: onUser,
  DeleteUserPolicy: onUser,
  ListUserPolicies: onUser,
  CreateAccessKey: onUser,
  ListAccessKeys: onUser,
  UpdateAccessKey: onUser,
  DeleteAccessKey: onUser,
  // Simulating a principal's policies reads that user's, role's or group's policies.
  SimulatePrincipalPolicy: { resource: "PolicySourceArn" },
  SimulateCustomPolicy: {},
  // A provider is named by its URL when created, by its ARN after.
  CreateOpenIDConnectProvider: {
    resource: (input, scope) => {
      const url = input.string("Url");
      return url && oidcProviderArn(scope.accountId, oidcProviderName(url));
    },
  },
  GetOpenIDConnectProvider: onOidcProvider,
  ListOpenIDConnectProviders: {},
  DeleteOpenIDConnectProvider: onOidcProvider,
  AddClientIDToOpenIDConnectProvider: onOidcProvider,
  RemoveClientIDFromOpenIDConnectProvider: onOidcProvider,
  UpdateOpenIDConnectProviderThumbprint: onOidcProvider,
  TagOpenIDConnectProvider: onOidcProvider,
  UntagOpenIDConnectProvider: onOidcProvider,
  ListOpenIDConnectProviderTags: onOidcProvider,
} satisfies Record<IamOperationName | "SimulatePrincipalPolicy" | "SimulateCustomPolicy", ActionEntry>;
