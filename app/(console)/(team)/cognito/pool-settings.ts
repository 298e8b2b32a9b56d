/** User pool settings as the console creates, shows and edits them, in CreateUserPool's and UpdateUserPool's members. */
import type { TileOption } from "../../../_components/Tiles";
import type { RouterInputs } from "../../../_trpc/types";
import type { UserPool } from "./use-pool";

type CreateUserPoolInput = RouterInputs["cognito"]["createUserPool"];
type UpdateUserPoolInput = RouterInputs["cognito"]["updateUserPool"];
export type PasswordPolicy = UserPool["Policies"]["PasswordPolicy"];
export type MfaConfiguration = UserPool["MfaConfiguration"];
export type VerifiableAttribute = UserPool["AutoVerifiedAttributes"][number];

/** How pools and app clients may be named. */
export const NAME_RULE = "Up to 128 letters, digits, spaces and + = , . @ - _.";

export function nameError(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return "Enter a name.";
  return trimmed.length > 128 || !/^[\w\s+=,.@-]+$/.test(trimmed) ? NAME_RULE : undefined;
}

export const MFA_OPTIONS: readonly TileOption<MfaConfiguration>[] = [
  { value: "OFF", label: "No MFA", description: "Users sign in with their password alone." },
  { value: "OPTIONAL", label: "Optional MFA", description: "Users who set up a second factor are asked for it when they sign in." },
  { value: "ON", label: "Require MFA", description: "Every user signs in with a second factor." },
];

export const mfaLabel = (mfa: MfaConfiguration) => MFA_OPTIONS.find((o) => o.value === mfa)?.label ?? mfa;

/** What users type to sign in: a user name, or their email address or phone number. */
export type SignInOption = "username" | "email" | "phone_number";

export const SIGN_IN_OPTIONS: readonly { value: SignInOption; label: string }[] = [
  { value: "username", label: "User name" },
  { value: "email", label: "Email" },
  { value: "phone_number", label: "Phone number" },
];

/**
 * With a user name, email and phone number are aliases users may sign in with instead
 * (AliasAttributes); without one, they are the username itself (UsernameAttributes), as in the AWS console.
 */
export function signInAttributes(options: readonly SignInOption[], preferredUsername: boolean): Pick<CreateUserPoolInput, "UsernameAttributes" | "AliasAttributes"> {
  const attributes = options.filter((o): o is "email" | "phone_number" => o !== "username");
  if (!options.includes("username")) return { UsernameAttributes: attributes };
  const aliases = [...attributes, ...(preferredUsername ? (["preferred_username"] as const) : [])];
  return aliases.length > 0 ? { AliasAttributes: aliases } : {};
}

const ATTRIBUTE_LABELS: Record<string, string> = { email: "Email", phone_number: "Phone number", preferred_username: "Preferred user name" };

export const attributeLabel = (name: string) => ATTRIBUTE_LABELS[name] ?? name;

/** The identifiers a pool's users sign in with, e.g. "User name, Email". */
export function signInLabel(pool: Pick<UserPool, "UsernameAttributes" | "AliasAttributes">): string {
  if (pool.UsernameAttributes?.length) return pool.UsernameAttributes.map(attributeLabel).join(", ");
  return ["User name", ...(pool.AliasAttributes ?? []).map(attributeLabel)].join(", ");
}

export const VERIFIABLE_ATTRIBUTES: readonly { value: VerifiableAttribute; label: string }[] = [
  { value: "email", label: "Send email message, verify email address" },
  { value: "phone_number", label: "Send SMS message, verify phone number" },
];

/** The standard attributes a pool may require at sign-up (sub is always there). */
export const REQUIRABLE_ATTRIBUTES = [
  "address",
  "birthdate",
  "email",
  "family_name",
  "gender",
  "given_name",
  "locale",
  "middle_name",
  "name",
  "nickname",
  "phone_number",
  "picture",
  "preferred_username",
  "profile",
  "updated_at",
  "website",
  "zoneinfo",
] as const;

type PasswordRequirement = "RequireNumbers" | "RequireSymbols" | "RequireUppercase" | "RequireLowercase";

export const PASSWORD_REQUIREMENTS: readonly { key: PasswordRequirement; label: string }[] = [
  { key: "RequireNumbers", label: "Contains at least 1 number" },
  { key: "RequireSymbols", label: "Contains at least 1 special character" },
  { key: "RequireUppercase", label: "Contains at least 1 uppercase letter" },
  { key: "RequireLowercase", label: "Contains at least 1 lowercase letter" },
];

/** Cognito's defaults, which the console starts a new pool with. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireNumbers: true,
  RequireSymbols: true,
  RequireUppercase: true,
  RequireLowercase: true,
  TemporaryPasswordValidityDays: 7,
};

/** The policy as its form edits it: the numbers as typed. */
export type PasswordPolicyForm = Omit<PasswordPolicy, "MinimumLength" | "TemporaryPasswordValidityDays"> & {
  MinimumLength: string;
  TemporaryPasswordValidityDays: string;
};

export function passwordPolicyForm(policy: PasswordPolicy): PasswordPolicyForm {
  return { ...policy, MinimumLength: String(policy.MinimumLength), TemporaryPasswordValidityDays: String(policy.TemporaryPasswordValidityDays) };
}

const inRange = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

export const MINIMUM_LENGTH_RULE = "From 6 to 99 characters.";
export const VALIDITY_RULE = "From 0 to 365 days.";

export function passwordPolicyErrors(form: PasswordPolicyForm) {
  return {
    MinimumLength: inRange(form.MinimumLength, 6, 99) ? undefined : `Enter a whole number. ${MINIMUM_LENGTH_RULE}`,
    TemporaryPasswordValidityDays: inRange(form.TemporaryPasswordValidityDays, 0, 365) ? undefined : `Enter a whole number. ${VALIDITY_RULE}`,
  };
}

export function passwordPolicyOf(form: PasswordPolicyForm): PasswordPolicy {
  return { ...form, MinimumLength: Number(form.MinimumLength), TemporaryPasswordValidityDays: Number(form.TemporaryPasswordValidityDays) };
}

/** The policy in words, one rule a line, as the AWS console lists it. */
export function passwordRules(policy: PasswordPolicy): string[] {
  return [`At least ${policy.MinimumLength} characters`, ...PASSWORD_REQUIREMENTS.filter((r) => policy[r.key]).map((r) => r.label)];
}

/** What an UpdateUserPool edit changes. */
export type PoolChanges = Partial<Omit<UpdateUserPoolInput, "UserPoolId">>;

/**
 * UpdateUserPool resets every setting it isn't given to its default, so an edit sends all of the
 * pool's current settings with its change. What describes the pool rather than configures it, and the
 * sign-in identifiers (fixed at creation), stay out; tags are kept when omitted.
 */
export function poolUpdate(pool: UserPool, changes: PoolChanges): UpdateUserPoolInput {
  const {
    Id,
    Name: _name,
    Arn: _arn,
    SchemaAttributes: _schema,
    EstimatedNumberOfUsers: _users,
    UserPoolTags: _tags,
    CreationDate: _created,
    LastModifiedDate: _modified,
    AliasAttributes: _aliases,
    UsernameAttributes: _usernames,
    UsernameConfiguration: _caseSensitivity,
    ...settings
  } = pool;
  return { UserPoolId: Id, ...settings, ...changes };
}
