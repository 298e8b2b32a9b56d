/**
 * The IAM operations as one table: AWS name → input schema and domain function. The gateway (query
 * protocol) and the tRPC router are both built from it.
 */
import { operation as op } from "../operation";
import * as attachments from "./attachments";
import * as inline from "./inline-policies";
import * as oidc from "./oidc-providers";
import * as policies from "./policies";
import { roleRef, userRef } from "./principals";
import * as roles from "./roles";
import { IamSchemas as S } from "./schemas";
import * as simulate from "./simulate";
import * as users from "./users";

/** Operations with no output answer an empty result, as IAM does. */
const none = async (): Promise<void> => undefined;

export const iamOperations = {
  CreateRole: op(S.CreateRole, roles.createRole),
  GetRole: op(S.GetRole, roles.getRole),
  ListRoles: op(S.ListRoles, roles.listRoles),
  DeleteRole: op(S.DeleteRole, (db, ctx, i) => roles.deleteRole(db, ctx, i).then(none)),
  UpdateRole: op(S.UpdateRole, roles.updateRole),
  UpdateAssumeRolePolicy: op(S.UpdateAssumeRolePolicy, (db, ctx, i) => roles.updateAssumeRolePolicy(db, ctx, i).then(none)),
  TagRole: op(S.TagRole, (db, ctx, i) => roles.tagRole(db, ctx, i).then(none)),
  UntagRole: op(S.UntagRole, (db, ctx, i) => roles.untagRole(db, ctx, i).then(none)),
  ListRoleTags: op(S.ListRoleTags, roles.listRoleTags),

  CreatePolicy: op(S.CreatePolicy, policies.createPolicy),
  GetPolicy: op(S.GetPolicy, policies.getPolicy),
  ListPolicies: op(S.ListPolicies, policies.listPolicies),
  DeletePolicy: op(S.DeletePolicy, (db, ctx, i) => policies.deletePolicy(db, ctx, i).then(none)),
  CreatePolicyVersion: op(S.CreatePolicyVersion, policies.createPolicyVersion),
  GetPolicyVersion: op(S.GetPolicyVersion, policies.getPolicyVersion),
  ListPolicyVersions: op(S.ListPolicyVersions, policies.listPolicyVersions),
  DeletePolicyVersion: op(S.DeletePolicyVersion, (db, ctx, i) => policies.deletePolicyVersion(db, ctx, i).then(none)),
  SetDefaultPolicyVersion: op(S.SetDefaultPolicyVersion, (db, ctx, i) => policies.setDefaultPolicyVersion(db, ctx, i).then(none)),
  ListEntitiesForPolicy: op(S.ListEntitiesForPolicy, attachments.listEntitiesForPolicy),

  AttachRolePolicy: op(S.AttachRolePolicy, (db, ctx, i) => attachments.attachPolicy(db, ctx, roleRef(i.RoleName), i.PolicyArn).then(none)),
  DetachRolePolicy: op(S.DetachRolePolicy, (db, ctx, i) => attachments.detachPolicy(db, ctx, roleRef(i.RoleName), i.PolicyArn).then(none)),
  ListAttachedRolePolicies: op(S.ListAttachedRolePolicies, (db, ctx, i) => attachments.listAttachedPolicies(db, ctx, roleRef(i.RoleName), i)),
  PutRolePolicy: op(S.PutRolePolicy, (db, ctx, i) => inline.putInlinePolicy(db, ctx, roleRef(i.RoleName), i).then(none)),
  GetRolePolicy: op(S.GetRolePolicy, (db, ctx, i) => inline.getInlinePolicy(db, ctx, roleRef(i.RoleName), i.PolicyName)),
  DeleteRolePolicy: op(S.DeleteRolePolicy, (db, ctx, i) => inline.deleteInlinePolicy(db, ctx, roleRef(i.RoleName), i.PolicyName).then(none)),
  ListRolePolicies: op(S.ListRolePolicies, (db, ctx, i) => inline.listInlinePolicies(db, ctx, roleRef(i.RoleName), i)),

  CreateUser: op(S.CreateUser, users.createUser),
  GetUser: op(S.GetUser, users.getUser),
  ListUsers: op(S.ListUsers, users.listUsers),
  DeleteUser: op(S.DeleteUser, (db, ctx, i) => users.deleteUser(db, ctx, i).then(none)),
  AttachUserPolicy: op(S.AttachUserPolicy, (db, ctx, i) => attachments.attachPolicy(db, ctx, userRef(i.UserName), i.PolicyArn).then(none)),
  DetachUserPolicy: op(S.DetachUserPolicy, (db, ctx, i) => attachments.detachPolicy(db, ctx, userRef(i.UserName), i.PolicyArn).then(none)),
  ListAttachedUserPolicies: op(S.ListAttachedUserPolicies, (db, ctx, i) => attachments.listAttachedPolicies(db, ctx, userRef(i.UserName), i)),
  PutUserPolicy: op(S.PutUserPolicy, (db, ctx, i) => inline.putInlinePolicy(db, ctx, userRef(i.UserName), i).then(none)),
  GetUserPolicy: op(S.GetUserPolicy, (db, ctx, i) => inline.getInlinePolicy(db, ctx, userRef(i.UserName), i.PolicyName)),
  DeleteUserPolicy: op(S.DeleteUserPolicy, (db, ctx, i) => inline.deleteInlinePolicy(db, ctx, userRef(i.UserName), i.PolicyName).then(none)),
  ListUserPolicies: op(S.ListUserPolicies, (db, ctx, i) => inline.listInlinePolicies(db, ctx, userRef(i.UserName), i)),

  SimulatePrincipalPolicy: op(S.SimulatePrincipalPolicy, simulate.simulatePrincipalPolicy),
  SimulateCustomPolicy: op(S.SimulateCustomPolicy, simulate.simulateCustomPolicy),

  CreateAccessKey: op(S.CreateAccessKey, users.createAccessKey),
  ListAccessKeys: op(S.ListAccessKeys, users.listAccessKeys),
  UpdateAccessKey: op(S.UpdateAccessKey, (db, ctx, i) => users.updateAccessKey(db, ctx, i).then(none)),
  DeleteAccessKey: op(S.DeleteAccessKey, (db, ctx, i) => users.deleteAccessKey(db, ctx, i).then(none)),

  CreateOpenIDConnectProvider: op(S.CreateOpenIDConnectProvider, oidc.createOpenIdConnectProvider),
  GetOpenIDConnectProvider: op(S.GetOpenIDConnectProvider, oidc.getOpenIdConnectProvider),
  ListOpenIDConnectProviders: op(S.ListOpenIDConnectProviders, (db, ctx) => oidc.listOpenIdConnectProviders(db, ctx)),
  DeleteOpenIDConnectProvider: op(S.DeleteOpenIDConnectProvider, (db, ctx, i) => oidc.deleteOpenIdConnectProvider(db, ctx, i).then(none)),
  AddClientIDToOpenIDConnectProvider: op(S.AddClientIDToOpenIDConnectProvider, (db, ctx, i) => oidc.addClientId(db, ctx, i).then(none)),
  RemoveClientIDFromOpenIDConnectProvider: op(S.RemoveClientIDFromOpenIDConnectProvider, (db, ctx, i) => oidc.removeClientId(db, ctx, i).then(none)),
  UpdateOpenIDConnectProviderThumbprint: op(S.UpdateOpenIDConnectProviderThumbprint, (db, ctx, i) => oidc.updateThumbprint(db, ctx, i).then(none)),
  TagOpenIDConnectProvider: op(S.TagOpenIDConnectProvider, (db, ctx, i) => oidc.tagOpenIdConnectProvider(db, ctx, i).then(none)),
  UntagOpenIDConnectProvider: op(S.UntagOpenIDConnectProvider, (db, ctx, i) => oidc.untagOpenIdConnectProvider(db, ctx, i).then(none)),
  ListOpenIDConnectProviderTags: op(S.ListOpenIDConnectProviderTags, oidc.listOpenIdConnectProviderTags),
};

export type IamOperationName = keyof typeof iamOperations;
