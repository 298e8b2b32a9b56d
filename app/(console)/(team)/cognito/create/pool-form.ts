/** The Create user pool form's state, its checks, and CreateUserPool's members for it. */
import type { RouterInputs } from "../../../../_trpc/types";
import { clientErrors, NEW_CLIENT_FORM, type ClientErrors, type ClientForm } from "../client-form";
import type { CustomAttribute } from "../custom-attributes";
import {
  DEFAULT_PASSWORD_POLICY,
  nameError,
  passwordPolicyErrors,
  passwordPolicyForm,
  passwordPolicyOf,
  signInAttributes,
  type MfaConfiguration,
  type PasswordPolicyForm,
  type REQUIRABLE_ATTRIBUTES,
  type SignInOption,
  type VerifiableAttribute,
} from "../pool-settings";

export interface PoolForm {
  name: string;
  signIn: SignInOption[];
  /** With a user name: users may also sign in with a preferred user name they choose. */
  preferredUsername: boolean;
  policy: PasswordPolicyForm;
  mfa: MfaConfiguration;
  selfRegistration: boolean;
  autoVerified: VerifiableAttribute[];
  required: (typeof REQUIRABLE_ATTRIBUTES)[number][];
  customAttributes: CustomAttribute[];
  deletionProtection: boolean;
  /** Whether an app client is created with the pool. */
  withClient: boolean;
  client: ClientForm;
}

/** The AWS console's starting point: sign in with email, verify it, let users sign up. */
export const NEW_POOL_FORM: PoolForm = {
  name: "",
  signIn: ["email"],
  preferredUsername: false,
  policy: passwordPolicyForm(DEFAULT_PASSWORD_POLICY),
  mfa: "OFF",
  selfRegistration: true,
  autoVerified: ["email"],
  required: ["email"],
  customAttributes: [],
  deletionProtection: false,
  withClient: true,
  client: NEW_CLIENT_FORM,
};

export interface PoolErrors {
  name?: string;
  signIn?: string;
  policy: Partial<ReturnType<typeof passwordPolicyErrors>>;
  client: Partial<ClientErrors>;
}

export function poolErrors(form: PoolForm): PoolErrors {
  return {
    name: nameError(form.name),
    signIn: form.signIn.length === 0 ? "Choose at least one way to sign in." : undefined,
    policy: passwordPolicyErrors(form.policy),
    client: form.withClient ? clientErrors(form.client) : {},
  };
}

/** Whether the form holds any error, nested ones included. */
export function hasErrors(errors: PoolErrors): boolean {
  return [errors.name, errors.signIn, ...Object.values(errors.policy), ...Object.values(errors.client)].some(Boolean);
}

export function createPoolInput(form: PoolForm): RouterInputs["cognito"]["createUserPool"] {
  return {
    PoolName: form.name.trim(),
    ...signInAttributes(form.signIn, form.preferredUsername),
    Policies: { PasswordPolicy: passwordPolicyOf(form.policy) },
    MfaConfiguration: form.mfa,
    AutoVerifiedAttributes: form.autoVerified,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: !form.selfRegistration },
    DeletionProtection: form.deletionProtection ? "ACTIVE" : "INACTIVE",
    Schema: [...form.required.map((Name) => ({ Name, Required: true })), ...form.customAttributes],
  };
}
