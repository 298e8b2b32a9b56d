/** The hosted UI's form fields, as the pool's settings call for them (username attributes, required attributes). */
import type { CognitoUser, CognitoUserPool } from "../../../db/generated/client";
import { type AttributeType, storedAttributes } from "../attributes";
import { poolSettings } from "../store";
import type { Field } from "./html";

const LABELS: Record<string, string> = { email: "Email", phone_number: "Phone number" };

const labelOf = (attribute: string) => {
  const words = attribute.replace(/^custom:/, "").replaceAll("_", " ");
  return LABELS[attribute] ?? words.charAt(0).toUpperCase() + words.slice(1);
};

/** An attribute's input; `prefix` names it as the API does where that differs (`userAttributes.` in NEW_PASSWORD_REQUIRED). */
const attributeField = (attribute: string, value: string | null, prefix = ""): Field => ({
  name: `${prefix}${attribute}`,
  label: labelOf(attribute),
  type: attribute === "email" ? "email" : attribute === "phone_number" ? "tel" : "text",
  value: value ?? undefined,
});

/** The sign-in name: a username, or the email / phone number the pool signs users in with. */
export function usernameField(pool: CognitoUserPool, value: string | null): Field {
  const byAttribute = poolSettings(pool).UsernameAttributes ?? [];
  return { name: "username", label: byAttribute.length ? byAttribute.map(labelOf).join(" or ") : "Username", value: value ?? undefined, autocomplete: "username" };
}

export const PASSWORD_FIELD = "password";

/**
 * Sign-up asks for a username (unless the pool signs users up by email or phone), the attributes the
 * pool signs users in with, verifies or requires, and a password.
 */
export function signUpFields(pool: CognitoUserPool, form: URLSearchParams): Field[] {
  const settings = poolSettings(pool);
  const byAttribute = settings.UsernameAttributes ?? [];
  const required = settings.SchemaAttributes.filter((a) => a.Required && a.Name !== "sub").map((a) => a.Name);
  const attributes = new Set<string>([...byAttribute, ...settings.AutoVerifiedAttributes, ...required]);
  return [
    ...(byAttribute.length ? [] : [usernameField(pool, form.get("username"))]),
    ...[...attributes].map((name) => attributeField(name, form.get(name))),
    { name: PASSWORD_FIELD, label: "Password", type: "password", autocomplete: "new-password" },
  ];
}

/** The username a sign-up form gives: the username, or else the first attribute the pool signs users in with. */
export function signUpUsername(pool: CognitoUserPool, form: URLSearchParams): string {
  const candidates = ["username", ...(poolSettings(pool).UsernameAttributes ?? [])];
  return candidates.map((name) => form.get(name)?.trim()).find(Boolean) ?? "";
}

/** The attributes a form gives for `fields` (not the username or password), by their attribute names. */
export function attributesFrom(form: URLSearchParams, fields: Field[], prefix = ""): AttributeType[] {
  return fields
    .filter((f) => f.name.startsWith(prefix) && f.name !== "username" && f.name !== PASSWORD_FIELD)
    .map((f) => ({ Name: f.name.slice(prefix.length), Value: form.get(f.name)?.trim() ?? "" }))
    .filter((a) => a.Value !== "");
}

/** NEW_PASSWORD_REQUIRED: the required attributes the user still lacks, named as the challenge answer names them. */
export const NEW_PASSWORD_ATTRIBUTE_PREFIX = "userAttributes.";

export function missingAttributeFields(pool: CognitoUserPool, user: Pick<CognitoUser, "attributes">, form: URLSearchParams): Field[] {
  const attributes = storedAttributes(user);
  return poolSettings(pool)
    .SchemaAttributes.filter((a) => a.Required && a.Name !== "sub" && !attributes[a.Name])
    .map((a) => attributeField(a.Name, form.get(`${NEW_PASSWORD_ATTRIBUTE_PREFIX}${a.Name}`), NEW_PASSWORD_ATTRIBUTE_PREFIX));
}
