import type { z } from "zod";
import { cognitoIdentityOperations, type CognitoIdentityOperationName } from "../../services/cognito-identity/operations";
import { cognitoIdpOperations, type CognitoIdpOperationName } from "../../services/cognito-idp/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter } from "../trpc";

const mutation = <S extends z.ZodTypeAny, O>(name: CognitoIdpOperationName, operation: ServiceOperation<S, O>) => operationMutation(`cognito-idp:${name}`, operation);

const identityMutation = <S extends z.ZodTypeAny, O>(name: CognitoIdentityOperationName, operation: ServiceOperation<S, O>) =>
  operationMutation(`cognito-identity:${name}`, operation);

const ops = cognitoIdpOperations;
const identity = cognitoIdentityOperations;

/** The user pool operations a console user makes (end users' own calls go to the gateway, unsigned). */
export const cognitoRouter = createTRPCRouter({
  createUserPool: mutation("CreateUserPool", ops.CreateUserPool),
  describeUserPool: operationQuery(ops.DescribeUserPool),
  listUserPools: operationQuery(ops.ListUserPools),
  updateUserPool: mutation("UpdateUserPool", ops.UpdateUserPool),
  deleteUserPool: mutation("DeleteUserPool", ops.DeleteUserPool),
  addCustomAttributes: mutation("AddCustomAttributes", ops.AddCustomAttributes),
  createUserPoolClient: mutation("CreateUserPoolClient", ops.CreateUserPoolClient),
  describeUserPoolClient: operationQuery(ops.DescribeUserPoolClient),
  listUserPoolClients: operationQuery(ops.ListUserPoolClients),
  updateUserPoolClient: mutation("UpdateUserPoolClient", ops.UpdateUserPoolClient),
  deleteUserPoolClient: mutation("DeleteUserPoolClient", ops.DeleteUserPoolClient),
  adminCreateUser: mutation("AdminCreateUser", ops.AdminCreateUser),
  adminGetUser: operationQuery(ops.AdminGetUser),
  adminDeleteUser: mutation("AdminDeleteUser", ops.AdminDeleteUser),
  adminEnableUser: mutation("AdminEnableUser", ops.AdminEnableUser),
  adminDisableUser: mutation("AdminDisableUser", ops.AdminDisableUser),
  adminSetUserPassword: mutation("AdminSetUserPassword", ops.AdminSetUserPassword),
  adminResetUserPassword: mutation("AdminResetUserPassword", ops.AdminResetUserPassword),
  adminConfirmSignUp: mutation("AdminConfirmSignUp", ops.AdminConfirmSignUp),
  adminUpdateUserAttributes: mutation("AdminUpdateUserAttributes", ops.AdminUpdateUserAttributes),
  adminDeleteUserAttributes: mutation("AdminDeleteUserAttributes", ops.AdminDeleteUserAttributes),
  adminUserGlobalSignOut: mutation("AdminUserGlobalSignOut", ops.AdminUserGlobalSignOut),
  listUsers: operationQuery(ops.ListUsers),
  createGroup: mutation("CreateGroup", ops.CreateGroup),
  getGroup: operationQuery(ops.GetGroup),
  listGroups: operationQuery(ops.ListGroups),
  updateGroup: mutation("UpdateGroup", ops.UpdateGroup),
  deleteGroup: mutation("DeleteGroup", ops.DeleteGroup),
  adminAddUserToGroup: mutation("AdminAddUserToGroup", ops.AdminAddUserToGroup),
  adminRemoveUserFromGroup: mutation("AdminRemoveUserFromGroup", ops.AdminRemoveUserFromGroup),
  adminListGroupsForUser: operationQuery(ops.AdminListGroupsForUser),
  listUsersInGroup: operationQuery(ops.ListUsersInGroup),
  createResourceServer: mutation("CreateResourceServer", ops.CreateResourceServer),
  listResourceServers: operationQuery(ops.ListResourceServers),
  deleteResourceServer: mutation("DeleteResourceServer", ops.DeleteResourceServer),
  setUserPoolMfaConfig: mutation("SetUserPoolMfaConfig", ops.SetUserPoolMfaConfig),
  getUserPoolMfaConfig: operationQuery(ops.GetUserPoolMfaConfig),
  adminSetUserMfaPreference: mutation("AdminSetUserMFAPreference", ops.AdminSetUserMFAPreference),
  createIdentityProvider: mutation("CreateIdentityProvider", ops.CreateIdentityProvider),
  describeIdentityProvider: operationQuery(ops.DescribeIdentityProvider),
  listIdentityProviders: operationQuery(ops.ListIdentityProviders),
  updateIdentityProvider: mutation("UpdateIdentityProvider", ops.UpdateIdentityProvider),
  deleteIdentityProvider: mutation("DeleteIdentityProvider", ops.DeleteIdentityProvider),
  // Identity pools (Cognito Identity).
  createIdentityPool: identityMutation("CreateIdentityPool", identity.CreateIdentityPool),
  describeIdentityPool: operationQuery(identity.DescribeIdentityPool),
  listIdentityPools: operationQuery(identity.ListIdentityPools),
  updateIdentityPool: identityMutation("UpdateIdentityPool", identity.UpdateIdentityPool),
  deleteIdentityPool: identityMutation("DeleteIdentityPool", identity.DeleteIdentityPool),
  setIdentityPoolRoles: identityMutation("SetIdentityPoolRoles", identity.SetIdentityPoolRoles),
  getIdentityPoolRoles: operationQuery(identity.GetIdentityPoolRoles),
  listIdentities: operationQuery(identity.ListIdentities),
  describeIdentity: operationQuery(identity.DescribeIdentity),
  deleteIdentities: identityMutation("DeleteIdentities", identity.DeleteIdentities),
});
