/** Users as the console lists, filters and creates them. */
import type { RouterInputs } from "../../../_trpc/types";
import type { PoolUser, UserPool } from "./use-pool";

export type UserStatus = PoolUser["UserStatus"];

export const USER_STATUSES: readonly { value: UserStatus; label: string }[] = [
  { value: "CONFIRMED", label: "Confirmed" },
  { value: "UNCONFIRMED", label: "Unconfirmed" },
  { value: "FORCE_CHANGE_PASSWORD", label: "Force change password" },
  { value: "RESET_REQUIRED", label: "Reset required" },
  { value: "EXTERNAL_PROVIDER", label: "External provider" },
];

export const userStatusLabel = (status: UserStatus) => USER_STATUSES.find((s) => s.value === status)?.label ?? status;

type Attribute = PoolUser["Attributes"][number];

export const attributeValue = (attributes: readonly Attribute[], name: string) => attributes.find((a) => a.Name === name)?.Value;

/** The attributes ListUsers can filter on, as the AWS console offers them. */
export type FilterProperty = "username" | "email" | "phone_number" | "cognito:user_status" | "status";

export const FILTER_PROPERTIES: readonly { value: FilterProperty; label: string }[] = [
  { value: "username", label: "User name" },
  { value: "email", label: "Email address" },
  { value: "phone_number", label: "Phone number" },
  { value: "cognito:user_status", label: "Confirmation status" },
  { value: "status", label: "Status" },
];

/** Properties with a fixed set of values are matched exactly; the rest by prefix. */
export const FILTER_CHOICES: Partial<Record<FilterProperty, readonly { value: string; label: string }[]>> = {
  "cognito:user_status": USER_STATUSES,
  status: [
    { value: "Enabled", label: "Enabled" },
    { value: "Disabled", label: "Disabled" },
  ],
};

/** A ListUsers Filter: `email ^= "ann"`, `status = "Disabled"`; undefined for no filter. */
export function filterExpression(property: FilterProperty, value: string): string | undefined {
  if (value === "") return undefined;
  const quoted = `"${value.replace(/["\\]/g, "\\$&")}"`;
  return `${property} ${FILTER_CHOICES[property] ? "=" : "^="} ${quoted}`;
}

/** What identifies a new user: a user name, or the email address / phone number a pool uses as one. */
export function usernameKind(pool: Pick<UserPool, "UsernameAttributes">): "username" | "email" | "phone_number" {
  const attributes = pool.UsernameAttributes ?? [];
  if (attributes.includes("email")) return "email";
  return attributes.includes("phone_number") ? "phone_number" : "username";
}

export type Invitation = "EMAIL" | "SMS" | "SUPPRESS";

export const INVITATIONS: readonly { value: Invitation; label: string; description: string }[] = [
  { value: "EMAIL", label: "Send an email invitation", description: "The user name and temporary password go to the user's email address." },
  { value: "SMS", label: "Send an SMS invitation", description: "They go to the user's phone number." },
  { value: "SUPPRESS", label: "Don't send an invitation", description: "Give the user their temporary password yourself." },
];

export interface NewUserForm {
  username: string;
  email: string;
  emailVerified: boolean;
  phone: string;
  phoneVerified: boolean;
  invitation: Invitation;
  /** Whether the administrator sets the temporary password; otherwise Cognito generates one. */
  setPassword: boolean;
  password: string;
}

export const NEW_USER_FORM: NewUserForm = { username: "", email: "", emailVerified: false, phone: "", phoneVerified: false, invitation: "EMAIL", setPassword: false, password: "" };

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[1-9]\d{4,14}$/;

export function newUserErrors(form: NewUserForm, kind: ReturnType<typeof usernameKind>) {
  const email = form.email.trim();
  const phone = form.phone.trim();
  return {
    username: kind === "username" && !form.username.trim() ? "Enter a user name." : undefined,
    email:
      email && !EMAIL.test(email)
        ? "Enter an email address like name@example.com."
        : !email && (kind === "email" || form.invitation === "EMAIL")
          ? "Enter an email address: the user signs in with it or gets their invitation there."
          : undefined,
    phone:
      phone && !PHONE.test(phone)
        ? "Enter the number in E.164 format, e.g. +12065551234."
        : !phone && (kind === "phone_number" || form.invitation === "SMS")
          ? "Enter a phone number: the user signs in with it or gets their invitation there."
          : undefined,
    password: form.setPassword && !form.password ? "Enter a temporary password." : undefined,
  };
}

/** AdminCreateUser for the form: in a pool that signs in by email or phone, that is the username. */
export function createUserInput(poolId: string, form: NewUserForm, kind: ReturnType<typeof usernameKind>): RouterInputs["cognito"]["adminCreateUser"] {
  const email = form.email.trim();
  const phone = form.phone.trim();
  const attributes = [
    ...(email ? [{ Name: "email", Value: email }, ...(form.emailVerified ? [{ Name: "email_verified", Value: "true" }] : [])] : []),
    ...(phone ? [{ Name: "phone_number", Value: phone }, ...(form.phoneVerified ? [{ Name: "phone_number_verified", Value: "true" }] : [])] : []),
  ];
  return {
    UserPoolId: poolId,
    Username: kind === "email" ? email : kind === "phone_number" ? phone : form.username.trim(),
    UserAttributes: attributes,
    ...(form.setPassword && { TemporaryPassword: form.password }),
    ...(form.invitation === "SUPPRESS" ? { MessageAction: "SUPPRESS" } : { DesiredDeliveryMediums: [form.invitation] }),
  };
}
