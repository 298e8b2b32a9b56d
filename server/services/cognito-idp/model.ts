/**
 * User pool settings as Cognito describes them (DescribeUserPool / DescribeUserPoolClient shapes),
 * their defaults, IDs, and the attribute schema every pool starts with.
 */
import { z } from "zod";
import { randomString } from "../../lib/secrets";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `us-east-1_AbCdEf123`: the region, then nine characters. */
export const newUserPoolId = (region: string) => `${region}_${randomString(9, ALNUM)}`;
export const newClientId = () => randomString(26, LOWER_ALNUM);
export const newClientSecret = () => randomString(51, LOWER_ALNUM);

/** What SRP and the JWKS call the pool: the part of its ID after the region. */
export const poolNameOf = (userPoolId: string) => userPoolId.slice(userPoolId.indexOf("_") + 1);
export const regionOf = (userPoolId: string) => userPoolId.slice(0, userPoolId.indexOf("_"));
export const userPoolArn = (region: string, accountId: string, id: string) => `arn:aws:cognito-idp:${region}:${accountId}:userpool/${id}`;

export const PasswordPolicy = z.object({
  MinimumLength: z.number().int().min(6).max(99).default(8),
  RequireUppercase: z.boolean().default(true),
  RequireLowercase: z.boolean().default(true),
  RequireNumbers: z.boolean().default(true),
  RequireSymbols: z.boolean().default(true),
  TemporaryPasswordValidityDays: z.number().int().min(0).max(365).default(7),
});
export type PasswordPolicy = z.output<typeof PasswordPolicy>;

export const SchemaAttribute = z.object({
  /** Stored names carry `custom:`; what CreateUserPool takes is limited to 20 characters (schemas.ts). */
  Name: z.string().min(1).max(32),
  AttributeDataType: z.enum(["String", "Number", "DateTime", "Boolean"]).default("String"),
  DeveloperOnlyAttribute: z.boolean().default(false),
  Mutable: z.boolean().default(true),
  Required: z.boolean().default(false),
  StringAttributeConstraints: z.object({ MinLength: z.string().optional(), MaxLength: z.string().optional() }).optional(),
  NumberAttributeConstraints: z.object({ MinValue: z.string().optional(), MaxValue: z.string().optional() }).optional(),
});
export type SchemaAttribute = z.output<typeof SchemaAttribute>;

/** A schema entry as CreateUserPool and AddCustomAttributes take it: what is left out stays unset, as standard attributes keep their own. */
export const SchemaAttributeInput = SchemaAttribute.partial({ AttributeDataType: true, DeveloperOnlyAttribute: true, Mutable: true, Required: true });
export type SchemaAttributeInput = z.output<typeof SchemaAttributeInput>;

/** Trigger name → function ARN (CustomSMSSender/CustomEmailSender are `{ LambdaArn, LambdaVersion }`). */
const LambdaConfig = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));

/** The pool settings kept in `cognito_user_pools.config`, as CreateUserPool/UpdateUserPool take them. */
export const PoolSettings = z.object({
  Policies: z.object({ PasswordPolicy: PasswordPolicy.default({}) }).default({}),
  LambdaConfig: LambdaConfig.default({}),
  AutoVerifiedAttributes: z.array(z.enum(["email", "phone_number"])).default([]),
  AliasAttributes: z.array(z.enum(["email", "phone_number", "preferred_username"])).optional(),
  UsernameAttributes: z.array(z.enum(["email", "phone_number"])).optional(),
  MfaConfiguration: z.enum(["OFF", "ON", "OPTIONAL"]).default("OFF"),
  /** Whether users may use an authenticator app (SetUserPoolMfaConfig); SMS MFA needs a phone number. */
  SoftwareTokenMfaConfiguration: z.object({ Enabled: z.boolean() }).optional(),
  UsernameConfiguration: z.object({ CaseSensitive: z.boolean() }).default({ CaseSensitive: false }),
  AdminCreateUserConfig: z
    .object({ AllowAdminCreateUserOnly: z.boolean().default(false), UnusedAccountValidityDays: z.number().int().optional() })
    .default({}),
  AccountRecoverySetting: z
    .object({ RecoveryMechanisms: z.array(z.object({ Priority: z.number().int(), Name: z.enum(["verified_email", "verified_phone_number", "admin_only"]) })) })
    .optional(),
  VerificationMessageTemplate: z.record(z.string(), z.string()).optional(),
  EmailVerificationMessage: z.string().optional(),
  EmailVerificationSubject: z.string().optional(),
  SmsVerificationMessage: z.string().optional(),
  DeletionProtection: z.enum(["ACTIVE", "INACTIVE"]).default("INACTIVE"),
  UserPoolAddOns: z.record(z.string(), z.string()).optional(),
  /** Added as CreateUserPool's Schema (custom attributes get their `custom:` prefix). */
  SchemaAttributes: z.array(SchemaAttribute).default([]),
});
export type PoolSettings = z.output<typeof PoolSettings>;

const str = (Name: string, extra: Partial<SchemaAttribute> = {}): SchemaAttribute => ({
  Name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
  ...extra,
});

/** The standard attributes every pool has, in the order Cognito lists them. */
export const STANDARD_ATTRIBUTES: SchemaAttribute[] = [
  str("sub", { Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } }),
  ...["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "email"].map((n) => str(n)),
  { Name: "email_verified", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
  str("gender"),
  // An ISO 8601 date, YYYY-MM-DD: Cognito lists it as exactly 10 characters long.
  str("birthdate", { StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } }),
  ...["zoneinfo", "locale", "phone_number"].map((n) => str(n)),
  { Name: "phone_number_verified", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
  str("address"),
  { Name: "updated_at", AttributeDataType: "Number", DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: "0" } },
  // The identity provider users a user is linked to; Cognito writes it, and lists it with no length constraints.
  { Name: "identities", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} },
];

/** Standard attributes only Cognito writes: no API call or attribute mapping may set them. */
export const COGNITO_WRITTEN_ATTRIBUTES: ReadonlySet<string> = new Set(["sub", "identities"]);

/** Client settings kept in `cognito_user_pool_clients.config`. */
export const ClientSettings = z.object({
  RefreshTokenValidity: z.number().int().min(0).max(315360000).default(30),
  AccessTokenValidity: z.number().int().min(1).max(86400).default(60),
  IdTokenValidity: z.number().int().min(1).max(86400).default(60),
  TokenValidityUnits: z
    .object({
      AccessToken: z.enum(["seconds", "minutes", "hours", "days"]).default("minutes"),
      IdToken: z.enum(["seconds", "minutes", "hours", "days"]).default("minutes"),
      RefreshToken: z.enum(["seconds", "minutes", "hours", "days"]).default("days"),
    })
    .default({}),
  ReadAttributes: z.array(z.string()).optional(),
  WriteAttributes: z.array(z.string()).optional(),
  ExplicitAuthFlows: z
    .array(
      z.enum([
        "ADMIN_NO_SRP_AUTH",
        "CUSTOM_AUTH_FLOW_ONLY",
        "USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_AUTH",
      ]),
    )
    .optional(),
  SupportedIdentityProviders: z.array(z.string()).optional(),
  CallbackURLs: z.array(z.string().url()).optional(),
  LogoutURLs: z.array(z.string().url()).optional(),
  DefaultRedirectURI: z.string().optional(),
  AllowedOAuthFlows: z.array(z.enum(["code", "implicit", "client_credentials"])).optional(),
  AllowedOAuthScopes: z.array(z.string()).optional(),
  AllowedOAuthFlowsUserPoolClient: z.boolean().optional(),
  PreventUserExistenceErrors: z.enum(["LEGACY", "ENABLED"]).default("ENABLED"),
  EnableTokenRevocation: z.boolean().default(true),
  AuthSessionValidity: z.number().int().min(3).max(15).default(3),
});
export type ClientSettings = z.output<typeof ClientSettings>;

/** AWS's default auth flows when a client names none. */
export const DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"] as const;

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

export function tokenLifetimes(client: ClientSettings): { access: number; id: number; refresh: number } {
  const units = client.TokenValidityUnits;
  return {
    access: client.AccessTokenValidity * UNIT_SECONDS[units.AccessToken],
    id: client.IdTokenValidity * UNIT_SECONDS[units.IdToken],
    refresh: client.RefreshTokenValidity * UNIT_SECONDS[units.RefreshToken],
  };
}

/** Whether a client allows a flow, counting the legacy names its newer ALLOW_ form replaced. */
export function allowsFlow(client: ClientSettings, flow: "USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH" | "USER_SRP_AUTH" | "REFRESH_TOKEN_AUTH" | "CUSTOM_AUTH"): boolean {
  const flows: readonly string[] = client.ExplicitAuthFlows ?? DEFAULT_AUTH_FLOWS;
  const legacy: Record<string, string> = { USER_PASSWORD_AUTH: "USER_PASSWORD_AUTH", ADMIN_USER_PASSWORD_AUTH: "ADMIN_NO_SRP_AUTH" };
  return flows.includes(`ALLOW_${flow}`) || (legacy[flow] !== undefined && flows.includes(legacy[flow]!)) || flow === "REFRESH_TOKEN_AUTH";
}
