/**
 * Cognito user pool operations as IAM actions: everything about a pool acts on its ARN; CreateUserPool
 * and ListUserPools are defined on `*`. End-user operations (SignUp, InitiateAuth…) are unsigned and
 * never authorised, but are listed so every registered operation has its entry.
 */
import type { ActionEntry, ActionTable, ResourceOf } from "../iam/authorization/request-actions";
import type { CognitoIdpOperationName } from "./operations";
import { userPoolArn } from "./model";

const onPool: ActionEntry = {
  resource: ((input, scope) => {
    const id = input.string("UserPoolId");
    return id ? userPoolArn(scope.region, scope.accountId, id) : null;
  }) satisfies ResourceOf,
};
const unsigned: ActionEntry = {};

export const cognitoIdpActions = {
  CreateUserPool: {},
  ListUserPools: {},
  DescribeUserPool: onPool,
  UpdateUserPool: onPool,
  DeleteUserPool: onPool,
  AddCustomAttributes: onPool,
  CreateUserPoolClient: onPool,
  DescribeUserPoolClient: onPool,
  ListUserPoolClients: onPool,
  UpdateUserPoolClient: onPool,
  DeleteUserPoolClient: onPool,
  CreateIdentityProvider: onPool,
  DescribeIdentityProvider: onPool,
  UpdateIdentityProvider: onPool,
  DeleteIdentityProvider: onPool,
  ListIdentityProviders: onPool,
  GetIdentityProviderByIdentifier: onPool,
  CreateResourceServer: onPool,
  DescribeResourceServer: onPool,
  ListResourceServers: onPool,
  UpdateResourceServer: onPool,
  DeleteResourceServer: onPool,
  AdminCreateUser: onPool,
  AdminGetUser: onPool,
  AdminDeleteUser: onPool,
  AdminEnableUser: onPool,
  AdminDisableUser: onPool,
  AdminSetUserPassword: onPool,
  AdminResetUserPassword: onPool,
  AdminConfirmSignUp: onPool,
  AdminUpdateUserAttributes: onPool,
  AdminDeleteUserAttributes: onPool,
  AdminUserGlobalSignOut: onPool,
  AdminLinkProviderForUser: onPool,
  AdminDisableProviderForUser: onPool,
  ListUsers: onPool,
  CreateGroup: onPool,
  GetGroup: onPool,
  ListGroups: onPool,
  UpdateGroup: onPool,
  DeleteGroup: onPool,
  AdminAddUserToGroup: onPool,
  AdminRemoveUserFromGroup: onPool,
  AdminListGroupsForUser: onPool,
  ListUsersInGroup: onPool,
  AdminInitiateAuth: onPool,
  AdminRespondToAuthChallenge: onPool,
  SignUp: unsigned,
  ConfirmSignUp: unsigned,
  ResendConfirmationCode: unsigned,
  InitiateAuth: unsigned,
  RespondToAuthChallenge: unsigned,
  GetUser: unsigned,
  UpdateUserAttributes: unsigned,
  DeleteUserAttributes: unsigned,
  ChangePassword: unsigned,
  GetUserAttributeVerificationCode: unsigned,
  VerifyUserAttribute: unsigned,
  GlobalSignOut: unsigned,
  DeleteUser: unsigned,
  RevokeToken: unsigned,
  ForgotPassword: unsigned,
  ConfirmForgotPassword: unsigned,
  AssociateSoftwareToken: unsigned,
  VerifySoftwareToken: unsigned,
  SetUserMFAPreference: unsigned,
  AdminSetUserMFAPreference: onPool,
  SetUserPoolMfaConfig: onPool,
  GetUserPoolMfaConfig: onPool,
} satisfies Record<CognitoIdpOperationName, ActionEntry> satisfies ActionTable;
