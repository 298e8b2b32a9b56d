import { z } from "zod";
import { setIamEnforcement } from "../../services/iam/enforcement";
import { iamOperations, type IamOperationName } from "../../services/iam/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const iamMutation = <S extends z.ZodTypeAny, O>(name: IamOperationName, operation: ServiceOperation<S, O>) => operationMutation(`iam:${name}`, operation);

const ops = iamOperations;

export const iamRouter = createTRPCRouter({
  createRole: iamMutation("CreateRole", ops.CreateRole),
  getRole: operationQuery(ops.GetRole),
  listRoles: operationQuery(ops.ListRoles),
  deleteRole: iamMutation("DeleteRole", ops.DeleteRole),
  updateRole: iamMutation("UpdateRole", ops.UpdateRole),
  updateAssumeRolePolicy: iamMutation("UpdateAssumeRolePolicy", ops.UpdateAssumeRolePolicy),
  tagRole: iamMutation("TagRole", ops.TagRole),
  untagRole: iamMutation("UntagRole", ops.UntagRole),
  listRoleTags: operationQuery(ops.ListRoleTags),
  createPolicy: iamMutation("CreatePolicy", ops.CreatePolicy),
  getPolicy: operationQuery(ops.GetPolicy),
  listPolicies: operationQuery(ops.ListPolicies),
  deletePolicy: iamMutation("DeletePolicy", ops.DeletePolicy),
  createPolicyVersion: iamMutation("CreatePolicyVersion", ops.CreatePolicyVersion),
  getPolicyVersion: operationQuery(ops.GetPolicyVersion),
  listPolicyVersions: operationQuery(ops.ListPolicyVersions),
  deletePolicyVersion: iamMutation("DeletePolicyVersion", ops.DeletePolicyVersion),
  setDefaultPolicyVersion: iamMutation("SetDefaultPolicyVersion", ops.SetDefaultPolicyVersion),
  listEntitiesForPolicy: operationQuery(ops.ListEntitiesForPolicy),
  attachRolePolicy: iamMutation("AttachRolePolicy", ops.AttachRolePolicy),
  detachRolePolicy: iamMutation("DetachRolePolicy", ops.DetachRolePolicy),
  listAttachedRolePolicies: operationQuery(ops.ListAttachedRolePolicies),
  putRolePolicy: iamMutation("PutRolePolicy", ops.PutRolePolicy),
  getRolePolicy: operationQuery(ops.GetRolePolicy),
  deleteRolePolicy: iamMutation("DeleteRolePolicy", ops.DeleteRolePolicy),
  listRolePolicies: operationQuery(ops.ListRolePolicies),
  createUser: iamMutation("CreateUser", ops.CreateUser),
  getUser: operationQuery(ops.GetUser),
  listUsers: operationQuery(ops.ListUsers),
  deleteUser: iamMutation("DeleteUser", ops.DeleteUser),
  attachUserPolicy: iamMutation("AttachUserPolicy", ops.AttachUserPolicy),
  detachUserPolicy: iamMutation("DetachUserPolicy", ops.DetachUserPolicy),
  listAttachedUserPolicies: operationQuery(ops.ListAttachedUserPolicies),
  putUserPolicy: iamMutation("PutUserPolicy", ops.PutUserPolicy),
  getUserPolicy: operationQuery(ops.GetUserPolicy),
  deleteUserPolicy: iamMutation("DeleteUserPolicy", ops.DeleteUserPolicy),
  listUserPolicies: operationQuery(ops.ListUserPolicies),
  simulatePrincipalPolicy: operationQuery(ops.SimulatePrincipalPolicy),
  simulateCustomPolicy: operationQuery(ops.SimulateCustomPolicy),
  createAccessKey: iamMutation("CreateAccessKey", ops.CreateAccessKey),
  listAccessKeys: operationQuery(ops.ListAccessKeys),
  updateAccessKey: iamMutation("UpdateAccessKey", ops.UpdateAccessKey),
  deleteAccessKey: iamMutation("DeleteAccessKey", ops.DeleteAccessKey),
  createOpenIdConnectProvider: iamMutation("CreateOpenIDConnectProvider", ops.CreateOpenIDConnectProvider),
  getOpenIdConnectProvider: operationQuery(ops.GetOpenIDConnectProvider),
  listOpenIdConnectProviders: operationQuery(ops.ListOpenIDConnectProviders),
  deleteOpenIdConnectProvider: iamMutation("DeleteOpenIDConnectProvider", ops.DeleteOpenIDConnectProvider),
  addClientIdToOpenIdConnectProvider: iamMutation("AddClientIDToOpenIDConnectProvider", ops.AddClientIDToOpenIDConnectProvider),
  removeClientIdFromOpenIdConnectProvider: iamMutation("RemoveClientIDFromOpenIDConnectProvider", ops.RemoveClientIDFromOpenIDConnectProvider),
  updateOpenIdConnectProviderThumbprint: iamMutation("UpdateOpenIDConnectProviderThumbprint", ops.UpdateOpenIDConnectProviderThumbprint),
  tagOpenIdConnectProvider: iamMutation("TagOpenIDConnectProvider", ops.TagOpenIDConnectProvider),
  untagOpenIdConnectProvider: iamMutation("UntagOpenIDConnectProvider", ops.UntagOpenIDConnectProvider),
  listOpenIdConnectProviderTags: operationQuery(ops.ListOpenIDConnectProviderTags),
  setEnforcement: teamProcedure()
    .meta({ audit: "iam:UpdateAccountEnforcement" })
    .input(z.object({ mode: z.enum(["strict", "permissive"]) }))
    .mutation(({ ctx, input }) => setIamEnforcement(ctx.db, ctx.call, input.mode)),
});
