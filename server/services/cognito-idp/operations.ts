/**
 * The Cognito user pool operations as one table: AWS name → input schema and domain function. The
 * gateway (awsJson1_1) and the tRPC router are both built from it.
 */
import { operation as op } from "../operation";
import * as auth from "./auth";
import * as clients from "./clients";
import * as groups from "./groups";
import * as identityProviders from "./identity-providers";
import * as mfa from "./mfa";
import * as pools from "./pools";
import * as providerLinks from "./provider-links";
import * as resourceServers from "./resource-servers";
import { CognitoSchemas as S } from "./schemas";
import * as self from "./self-service";
import * as signUp from "./sign-up";
import * as users from "./users";

export const cognitoIdpOperations = {
  CreateUserPool: op(S.CreateUserPool, pools.createUserPool),
  DescribeUserPool: op(S.DescribeUserPool, pools.describeUserPool),
  ListUserPools: op(S.ListUserPools, pools.listUserPools),
  UpdateUserPool: op(S.UpdateUserPool, pools.updateUserPool),
  DeleteUserPool: op(S.DeleteUserPool, pools.deleteUserPool),
  AddCustomAttributes: op(S.AddCustomAttributes, pools.addCustomAttributes),
  CreateUserPoolClient: op(S.CreateUserPoolClient, clients.createUserPoolClient),
  DescribeUserPoolClient: op(S.DescribeUserPoolClient, clients.describeUserPoolClient),
  ListUserPoolClients: op(S.ListUserPoolClients, clients.listUserPoolClients),
  UpdateUserPoolClient: op(S.UpdateUserPoolClient, clients.updateUserPoolClient),
  DeleteUserPoolClient: op(S.DeleteUserPoolClient, clients.deleteUserPoolClient),
  CreateIdentityProvider: op(S.CreateIdentityProvider, identityProviders.createIdentityProvider),
  DescribeIdentityProvider: op(S.DescribeIdentityProvider, identityProviders.describeIdentityProvider),
  UpdateIdentityProvider: op(S.UpdateIdentityProvider, identityProviders.updateIdentityProvider),
  DeleteIdentityProvider: op(S.DeleteIdentityProvider, identityProviders.deleteIdentityProvider),
  ListIdentityProviders: op(S.ListIdentityProviders, identityProviders.listIdentityProviders),
  GetIdentityProviderByIdentifier: op(S.GetIdentityProviderByIdentifier, identityProviders.getIdentityProviderByIdentifier),
  CreateResourceServer: op(S.CreateResourceServer, resourceServers.createResourceServer),
  DescribeResourceServer: op(S.DescribeResourceServer, resourceServers.describeResourceServer),
  ListResourceServers: op(S.ListResourceServers, resourceServers.listResourceServers),
  UpdateResourceServer: op(S.UpdateResourceServer, resourceServers.updateResourceServer),
  DeleteResourceServer: op(S.DeleteResourceServer, resourceServers.deleteResourceServer),
  AdminCreateUser: op(S.AdminCreateUser, users.adminCreateUser),
  AdminGetUser: op(S.AdminGetUser, users.adminGetUser),
  AdminDeleteUser: op(S.AdminDeleteUser, users.adminDeleteUser),
  AdminEnableUser: op(S.AdminEnableUser, (db, ctx, i) => users.adminSetEnabled(db, ctx, i, true)),
  AdminDisableUser: op(S.AdminDisableUser, (db, ctx, i) => users.adminSetEnabled(db, ctx, i, false)),
  AdminSetUserPassword: op(S.AdminSetUserPassword, users.adminSetUserPassword),
  AdminResetUserPassword: op(S.AdminResetUserPassword, users.adminResetUserPassword),
  AdminConfirmSignUp: op(S.AdminConfirmSignUp, users.adminConfirmSignUp),
  AdminUpdateUserAttributes: op(S.AdminUpdateUserAttributes, users.adminUpdateUserAttributes),
  AdminDeleteUserAttributes: op(S.AdminDeleteUserAttributes, users.adminDeleteUserAttributes),
  AdminUserGlobalSignOut: op(S.AdminUserGlobalSignOut, self.adminUserGlobalSignOut),
  AdminLinkProviderForUser: op(S.AdminLinkProviderForUser, providerLinks.adminLinkProviderForUser),
  AdminDisableProviderForUser: op(S.AdminDisableProviderForUser, providerLinks.adminDisableProviderForUser),
  ListUsers: op(S.ListUsers, users.listUsers),
  CreateGroup: op(S.CreateGroup, groups.createGroup),
  GetGroup: op(S.GetGroup, groups.getGroup),
  ListGroups: op(S.ListGroups, groups.listGroups),
  UpdateGroup: op(S.UpdateGroup, groups.updateGroup),
  DeleteGroup: op(S.DeleteGroup, groups.deleteGroup),
  AdminAddUserToGroup: op(S.AdminAddUserToGroup, groups.adminAddUserToGroup),
  AdminRemoveUserFromGroup: op(S.AdminRemoveUserFromGroup, groups.adminRemoveUserFromGroup),
  AdminListGroupsForUser: op(S.AdminListGroupsForUser, groups.adminListGroupsForUser),
  ListUsersInGroup: op(S.ListUsersInGroup, groups.listUsersInGroup),
  AdminInitiateAuth: op(S.AdminInitiateAuth, auth.adminInitiateAuth),
  AdminRespondToAuthChallenge: op(S.AdminRespondToAuthChallenge, auth.adminRespondToAuthChallenge),
  // Called by end users with no AWS credentials (the SDK sends them unsigned).
  SignUp: op(S.SignUp, signUp.signUp),
  ConfirmSignUp: op(S.ConfirmSignUp, signUp.confirmSignUp),
  ResendConfirmationCode: op(S.ResendConfirmationCode, signUp.resendConfirmationCode),
  InitiateAuth: op(S.InitiateAuth, auth.initiateAuth),
  RespondToAuthChallenge: op(S.RespondToAuthChallenge, auth.respondToAuthChallenge),
  GetUser: op(S.GetUser, self.getUser),
  UpdateUserAttributes: op(S.UpdateUserAttributes, self.updateUserAttributes),
  DeleteUserAttributes: op(S.DeleteUserAttributes, self.deleteUserAttributes),
  ChangePassword: op(S.ChangePassword, self.changePassword),
  GetUserAttributeVerificationCode: op(S.GetUserAttributeVerificationCode, self.getUserAttributeVerificationCode),
  VerifyUserAttribute: op(S.VerifyUserAttribute, self.verifyUserAttribute),
  GlobalSignOut: op(S.GlobalSignOut, self.globalSignOut),
  DeleteUser: op(S.DeleteUser, self.deleteUser),
  RevokeToken: op(S.RevokeToken, self.revokeToken),
  ForgotPassword: op(S.ForgotPassword, self.forgotPassword),
  AssociateSoftwareToken: op(S.AssociateSoftwareToken, mfa.associateSoftwareToken),
  VerifySoftwareToken: op(S.VerifySoftwareToken, mfa.verifySoftwareToken),
  SetUserMFAPreference: op(S.SetUserMFAPreference, mfa.setUserMfaPreference),
  AdminSetUserMFAPreference: op(S.AdminSetUserMFAPreference, mfa.adminSetUserMfaPreference),
  SetUserPoolMfaConfig: op(S.SetUserPoolMfaConfig, mfa.setUserPoolMfaConfig),
  GetUserPoolMfaConfig: op(S.GetUserPoolMfaConfig, mfa.getUserPoolMfaConfig),
  ConfirmForgotPassword: op(S.ConfirmForgotPassword, self.confirmForgotPassword),
};

export type CognitoIdpOperationName = keyof typeof cognitoIdpOperations;

/** The operations end users call without AWS credentials; the client ID or token says which pool. */
export const UNSIGNED_OPERATIONS: ReadonlySet<CognitoIdpOperationName> = new Set([
  "SignUp",
  "ConfirmSignUp",
  "ResendConfirmationCode",
  "InitiateAuth",
  "RespondToAuthChallenge",
  "GetUser",
  "UpdateUserAttributes",
  "DeleteUserAttributes",
  "ChangePassword",
  "GetUserAttributeVerificationCode",
  "VerifyUserAttribute",
  "GlobalSignOut",
  "DeleteUser",
  "RevokeToken",
  "ForgotPassword",
  "ConfirmForgotPassword",
  "AssociateSoftwareToken",
  "VerifySoftwareToken",
  "SetUserMFAPreference",
]);
