/** Input shapes of the Cognito user pool operations, with Cognito's member constraints. */
import { z } from "zod";
import { ClientSettings, PoolSettings, SchemaAttributeInput } from "./model";
import { PROVIDER_TYPES } from "./identity-providers";
import { ResourceServerScopes } from "./resource-servers";

const UserPoolId = z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-zA-Z]+$/, "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
const ClientId = z.string().min(1).max(128).regex(/^[\w+]+$/, "Member must satisfy regular expression pattern: [\\w+]+");
const Username = z.string().min(1).max(128);
const Password = z.string().min(1).max(256);
const Token = z.string().min(1);
const SecretHash = z.string().min(1).max(128).optional();
const GroupName = z.string().min(1).max(128).regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u);
const UserAttributeNames = z.array(z.string().min(1).max(32));
const Attributes = z.array(z.object({ Name: z.string().min(1).max(32), Value: z.string().max(2048).optional() }));
const Params = z.record(z.string(), z.string());
const user = { UserPoolId, Username };
const mfaSetting = z.object({ Enabled: z.boolean().optional(), PreferredMfa: z.boolean().optional() }).optional();
const mfaPreference = { SMSMfaSettings: mfaSetting, SoftwareTokenMfaSettings: mfaSetting };
const SchemaInput = SchemaAttributeInput.extend({ Name: z.string().min(1).max(20) });
const Identifier = z.string().min(1).max(256).regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+");
const ResourceServer = { UserPoolId, Identifier, Name: z.string().min(1).max(256).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"), Scopes: ResourceServerScopes.optional() };

const ProviderName = z.string().min(1).max(32).regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
const NewProviderName = z.string().min(1).max(32).regex(/^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u, "Member must satisfy regular expression pattern: [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+");
const IdpIdentifier = z.string().min(1).max(40).regex(/^[\w\s+=.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=.@-]+");
const ProviderUser = z.object({
  ProviderName: z.string().min(1).max(32).optional(),
  ProviderAttributeName: z.string().optional(),
  ProviderAttributeValue: z.string().optional(),
});
const identityProvider = {
  UserPoolId,
  ProviderDetails: z.record(z.string(), z.string()),
  AttributeMapping: z.record(z.string().min(1).max(32), z.string().max(131072)).optional(),
  IdpIdentifiers: z.array(IdpIdentifier).max(50).optional(),
};

/** Settings an update may change (the schema is changed by AddCustomAttributes only). */
const PoolSettingsInput = PoolSettings.omit({ SchemaAttributes: true }).partial();

export const CognitoSchemas = {
  CreateUserPool: PoolSettingsInput.extend({ PoolName: z.string().min(1).max(128), Schema: z.array(SchemaInput).max(50).optional(), UserPoolTags: z.record(z.string(), z.string()).optional() }),
  DescribeUserPool: z.object({ UserPoolId }),
  ListUserPools: z.object({ MaxResults: z.number().int().min(1).max(60), NextToken: z.string().optional() }),
  UpdateUserPool: PoolSettingsInput.extend({ UserPoolId, UserPoolTags: z.record(z.string(), z.string()).optional() }),
  DeleteUserPool: z.object({ UserPoolId }),
  AddCustomAttributes: z.object({ UserPoolId, CustomAttributes: z.array(SchemaInput).min(1).max(25) }),

  CreateUserPoolClient: ClientSettings.partial().extend({ UserPoolId, ClientName: z.string().min(1).max(128), GenerateSecret: z.boolean().optional() }),
  DescribeUserPoolClient: z.object({ UserPoolId, ClientId }),
  ListUserPoolClients: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(60).optional(), NextToken: z.string().optional() }),
  UpdateUserPoolClient: ClientSettings.partial().extend({ UserPoolId, ClientId, ClientName: z.string().min(1).max(128).optional() }),
  DeleteUserPoolClient: z.object({ UserPoolId, ClientId }),

  CreateIdentityProvider: z.object({ ...identityProvider, ProviderName: NewProviderName, ProviderType: z.enum(PROVIDER_TYPES) }),
  DescribeIdentityProvider: z.object({ UserPoolId, ProviderName }),
  UpdateIdentityProvider: z.object({ ...identityProvider, ProviderName, ProviderDetails: identityProvider.ProviderDetails.optional() }),
  DeleteIdentityProvider: z.object({ UserPoolId, ProviderName }),
  ListIdentityProviders: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(60).optional(), NextToken: z.string().min(1).optional() }),
  GetIdentityProviderByIdentifier: z.object({ UserPoolId, IdpIdentifier }),

  CreateResourceServer: z.object(ResourceServer),
  DescribeResourceServer: z.object({ UserPoolId, Identifier }),
  ListResourceServers: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(50), NextToken: z.string().optional() }),
  UpdateResourceServer: z.object(ResourceServer),
  DeleteResourceServer: z.object({ UserPoolId, Identifier }),

  AdminCreateUser: z.object({
    ...user,
    UserAttributes: Attributes.optional(),
    TemporaryPassword: Password.optional(),
    MessageAction: z.enum(["RESEND", "SUPPRESS"]).optional(),
    DesiredDeliveryMediums: z.array(z.enum(["EMAIL", "SMS"])).optional(),
  }),
  AdminGetUser: z.object(user),
  AdminDeleteUser: z.object(user),
  AdminEnableUser: z.object(user),
  AdminDisableUser: z.object(user),
  AdminSetUserPassword: z.object({ ...user, Password, Permanent: z.boolean().optional() }),
  AdminResetUserPassword: z.object(user),
  AdminConfirmSignUp: z.object(user),
  AdminUpdateUserAttributes: z.object({ ...user, UserAttributes: Attributes }),
  AdminDeleteUserAttributes: z.object({ ...user, UserAttributeNames }),
  AdminUserGlobalSignOut: z.object(user),
  AdminLinkProviderForUser: z.object({ UserPoolId, DestinationUser: ProviderUser, SourceUser: ProviderUser }),
  AdminDisableProviderForUser: z.object({ UserPoolId, User: ProviderUser }),
  ListUsers: z.object({ UserPoolId, Filter: z.string().max(256).optional(), Limit: z.number().int().min(0).max(60).optional(), PaginationToken: z.string().optional(), AttributesToGet: z.array(z.string()).optional() }),

  CreateGroup: z.object({ UserPoolId, GroupName, Description: z.string().max(2048).optional(), RoleArn: z.string().min(20).max(2048).optional(), Precedence: z.number().int().min(0).optional() }),
  GetGroup: z.object({ UserPoolId, GroupName }),
  ListGroups: z.object({ UserPoolId, Limit: z.number().int().min(0).max(60).optional(), NextToken: z.string().optional() }),
  UpdateGroup: z.object({ UserPoolId, GroupName, Description: z.string().max(2048).optional(), RoleArn: z.string().min(20).max(2048).optional(), Precedence: z.number().int().min(0).optional() }),
  DeleteGroup: z.object({ UserPoolId, GroupName }),
  AdminAddUserToGroup: z.object({ ...user, GroupName }),
  AdminRemoveUserFromGroup: z.object({ ...user, GroupName }),
  AdminListGroupsForUser: z.object({ ...user, Limit: z.number().int().min(0).max(60).optional(), NextToken: z.string().optional() }),
  ListUsersInGroup: z.object({ UserPoolId, GroupName, Limit: z.number().int().min(0).max(60).optional(), NextToken: z.string().optional() }),

  SignUp: z.object({ ClientId, SecretHash, Username, Password, UserAttributes: Attributes.optional(), ValidationData: Attributes.optional(), ClientMetadata: Params.optional() }),
  ConfirmSignUp: z.object({ ClientId, SecretHash, Username, ConfirmationCode: z.string().min(1).max(2048), ForceAliasCreation: z.boolean().optional() }),
  ResendConfirmationCode: z.object({ ClientId, SecretHash, Username }),
  InitiateAuth: z.object({ ClientId, AuthFlow: z.string(), AuthParameters: Params.optional(), ClientMetadata: Params.optional() }),
  AdminInitiateAuth: z.object({ UserPoolId, ClientId, AuthFlow: z.string(), AuthParameters: Params.optional(), ClientMetadata: Params.optional() }),
  RespondToAuthChallenge: z.object({ ClientId, ChallengeName: z.string(), Session: z.string().optional(), ChallengeResponses: Params.optional() }),
  AdminRespondToAuthChallenge: z.object({ UserPoolId, ClientId, ChallengeName: z.string(), Session: z.string().optional(), ChallengeResponses: Params.optional() }),
  GetUser: z.object({ AccessToken: Token }),
  UpdateUserAttributes: z.object({ AccessToken: Token, UserAttributes: Attributes }),
  DeleteUserAttributes: z.object({ AccessToken: Token, UserAttributeNames }),
  ChangePassword: z.object({ AccessToken: Token, PreviousPassword: Password, ProposedPassword: Password }),
  GetUserAttributeVerificationCode: z.object({ AccessToken: Token, AttributeName: z.string().min(1).max(32) }),
  VerifyUserAttribute: z.object({ AccessToken: Token, AttributeName: z.string().min(1).max(32), Code: z.string().min(1).max(2048) }),
  GlobalSignOut: z.object({ AccessToken: Token }),
  DeleteUser: z.object({ AccessToken: Token }),
  RevokeToken: z.object({ Token, ClientId, ClientSecret: z.string().optional() }),
  ForgotPassword: z.object({ ClientId, SecretHash, Username }),
  AssociateSoftwareToken: z.object({ AccessToken: Token.optional(), Session: z.string().min(20).optional() }),
  VerifySoftwareToken: z.object({ AccessToken: Token.optional(), Session: z.string().min(20).optional(), UserCode: z.string().regex(/^[0-9]{6}$/), FriendlyDeviceName: z.string().optional() }),
  SetUserMFAPreference: z.object({ AccessToken: Token, ...mfaPreference }),
  AdminSetUserMFAPreference: z.object({ ...user, ...mfaPreference }),
  SetUserPoolMfaConfig: z.object({ UserPoolId, MfaConfiguration: z.enum(["OFF", "ON", "OPTIONAL"]).optional(), SoftwareTokenMfaConfiguration: z.object({ Enabled: z.boolean() }).optional() }),
  GetUserPoolMfaConfig: z.object({ UserPoolId }),
  ConfirmForgotPassword: z.object({ ClientId, SecretHash, Username, ConfirmationCode: z.string().min(1).max(2048), Password }),
};
