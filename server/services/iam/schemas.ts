/** Input shapes of the IAM operations, with IAM's member constraints. */
import { z } from "zod";
import { entityName, iamPath, paging, pathPrefix, tagList } from "./model";

const RoleName = entityName(64);
const UserName = entityName(64);
const PolicyName = entityName(128);
const PolicyArn = z.string().min(20).max(2048);
const PolicyDocument = z.string().min(1).max(131072);
const VersionId = z.string().regex(/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
const AccessKeyId = z.string().min(16).max(128).regex(/^[\w]+$/);
const Description = z.string().max(1000);
const OpenIDConnectProviderArn = z.string().min(20).max(2048);
const ClientID = z.string().min(1).max(255);
const Thumbprint = z.string().length(40);
const list = { PathPrefix: pathPrefix.optional(), ...paging };

const simulation = {
  ActionNames: z.array(z.string().min(3).max(128)).min(1),
  ResourceArns: z.array(z.string().min(1).max(2048)).optional(),
  CallerArn: z.string().min(1).max(2048).optional(),
  ContextEntries: z
    .array(z.object({ ContextKeyName: z.string().min(5).max(256), ContextKeyValues: z.array(z.string()), ContextKeyType: z.string() }))
    .optional(),
};

const role = z.object({ RoleName });
const oidcProvider = z.object({ OpenIDConnectProviderArn });
const user = z.object({ UserName });

export const IamSchemas = {
  CreateRole: z.object({
    RoleName,
    AssumeRolePolicyDocument: PolicyDocument,
    Path: iamPath.optional(),
    Description: Description.optional(),
    MaxSessionDuration: z.coerce.number().int().min(3600).max(43200).optional(),
    Tags: tagList.optional(),
  }),
  GetRole: role,
  ListRoles: z.object(list),
  DeleteRole: role,
  UpdateRole: role.extend({ Description: Description.optional(), MaxSessionDuration: z.coerce.number().int().min(3600).max(43200).optional() }),
  UpdateAssumeRolePolicy: role.extend({ PolicyDocument }),
  TagRole: role.extend({ Tags: tagList }),
  UntagRole: role.extend({ TagKeys: z.array(z.string().min(1).max(128)).max(50) }),
  ListRoleTags: role.extend(paging),

  CreatePolicy: z.object({ PolicyName, PolicyDocument, Path: iamPath.optional(), Description: Description.optional(), Tags: tagList.optional() }),
  GetPolicy: z.object({ PolicyArn }),
  ListPolicies: z.object({
    Scope: z.enum(["All", "AWS", "Local"]).optional(),
    OnlyAttached: z.coerce.boolean().optional(),
    PolicyUsageFilter: z.enum(["PermissionsPolicy", "PermissionsBoundary"]).optional(),
    ...list,
  }),
  DeletePolicy: z.object({ PolicyArn }),
  CreatePolicyVersion: z.object({ PolicyArn, PolicyDocument, SetAsDefault: z.coerce.boolean().optional() }),
  GetPolicyVersion: z.object({ PolicyArn, VersionId }),
  ListPolicyVersions: z.object({ PolicyArn, ...paging }),
  DeletePolicyVersion: z.object({ PolicyArn, VersionId }),
  SetDefaultPolicyVersion: z.object({ PolicyArn, VersionId }),
  ListEntitiesForPolicy: z.object({ PolicyArn, EntityFilter: z.enum(["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]).optional(), ...list }),

  AttachRolePolicy: role.extend({ PolicyArn }),
  DetachRolePolicy: role.extend({ PolicyArn }),
  ListAttachedRolePolicies: role.extend(list),
  PutRolePolicy: role.extend({ PolicyName, PolicyDocument }),
  GetRolePolicy: role.extend({ PolicyName }),
  DeleteRolePolicy: role.extend({ PolicyName }),
  ListRolePolicies: role.extend(paging),

  CreateUser: z.object({ UserName, Path: iamPath.optional(), Tags: tagList.optional() }),
  GetUser: z.object({ UserName: UserName.optional() }),
  ListUsers: z.object(list),
  DeleteUser: user,
  AttachUserPolicy: user.extend({ PolicyArn }),
  DetachUserPolicy: user.extend({ PolicyArn }),
  ListAttachedUserPolicies: user.extend(list),
  PutUserPolicy: user.extend({ PolicyName, PolicyDocument }),
  GetUserPolicy: user.extend({ PolicyName }),
  DeleteUserPolicy: user.extend({ PolicyName }),
  ListUserPolicies: user.extend(paging),

  SimulatePrincipalPolicy: z.object({ PolicySourceArn: z.string().min(20).max(2048), PolicyInputList: z.array(PolicyDocument).optional(), ...simulation }),
  SimulateCustomPolicy: z.object({ PolicyInputList: z.array(PolicyDocument).min(1), ...simulation }),

  CreateAccessKey: z.object({ UserName: UserName.optional() }),
  ListAccessKeys: z.object({ UserName: UserName.optional(), ...paging }),
  UpdateAccessKey: z.object({ UserName: UserName.optional(), AccessKeyId, Status: z.enum(["Active", "Inactive"]) }),
  DeleteAccessKey: z.object({ UserName: UserName.optional(), AccessKeyId }),

  CreateOpenIDConnectProvider: z.object({
    Url: z.string().min(1).max(255),
    ClientIDList: z.array(ClientID).optional(),
    ThumbprintList: z.array(Thumbprint).optional(),
    Tags: tagList.optional(),
  }),
  GetOpenIDConnectProvider: oidcProvider,
  ListOpenIDConnectProviders: z.object({}),
  DeleteOpenIDConnectProvider: oidcProvider,
  AddClientIDToOpenIDConnectProvider: oidcProvider.extend({ ClientID }),
  RemoveClientIDFromOpenIDConnectProvider: oidcProvider.extend({ ClientID }),
  UpdateOpenIDConnectProviderThumbprint: oidcProvider.extend({ ThumbprintList: z.array(Thumbprint) }),
  TagOpenIDConnectProvider: oidcProvider.extend({ Tags: tagList }),
  UntagOpenIDConnectProvider: oidcProvider.extend({ TagKeys: z.array(z.string().min(1).max(128)).max(50) }),
  ListOpenIDConnectProviderTags: oidcProvider.extend(paging),
};
